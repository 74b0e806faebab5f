#!/usr/bin/env node
// `npm run bench`: the performance figures the issues set targets for. Each section prints its
// figures and its target; results are also written to bench-results.json. Run after `npm run build`
// (the script builds what is missing). `npm run bench -- startup` runs one section
// (`npm run bench -- load`: only the load test and its API/raw-SQL ratios).
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const sections = [
  { name: 'startup', module: './bench/startup.mjs' },
  { name: 'bundle', module: './bench/bundle.mjs' },
  { name: 'devices', module: './bench/devices.mjs' },
  { name: 'utilisation', module: './bench/utilisation.mjs' },
  { name: 'contracts', module: './bench/contracts.mjs' },
  { name: 'load', module: './bench/load.mjs' },
  { name: 'planning', module: './bench/planning.mjs' },
  { name: 'scenarios', module: './bench/scenarios.mjs' },
  { name: 'dashboard', module: './bench/dashboard.mjs' },
];

if (
  !existsSync(join(root, 'backend/dist/main.js')) ||
  !existsSync(join(root, 'frontend/dist/browser/index.html'))
) {
  execSync('npx nx run-many -t build -p @radfleet/shared @radfleet/backend @radfleet/frontend', {
    cwd: root,
    stdio: 'inherit',
  });
}

const results = [];
for (const s of sections) {
  if (only.length && !only.includes(s.name)) continue;
  console.log(`\n== ${s.name} ==`);
  const { run } = await import(s.module);
  for (const r of await run(root)) {
    results.push({ section: s.name, ...r });
    const verdict = r.pass === undefined ? '' : r.pass ? '  PASS' : '  FAIL';
    console.log(
      `${r.figure.padEnd(52)} ${String(r.value).padStart(10)} ${r.unit.padEnd(6)} target: ${r.target}${verdict}`,
    );
  }
}
writeFileSync(
  join(root, 'bench-results.json'),
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
console.log('\nwritten to bench-results.json');
