#!/usr/bin/env node
// `npm test`: every layer, in order — lint, typecheck, build, unit, integration (real PostgreSQL),
// e2e (real Chromium) — then one totals line over every test runner: `N passed, N failed, N skipped`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit integration`

/** @type {{ name: string, kind: 'check' | 'tests', cmd: string[], cwd?: string, report?: string, format?: 'vitest' | 'playwright' }[]} */
const stages = [
  {
    name: 'lint',
    kind: 'check',
    cmd: ['npx', 'nx', 'run-many', '-t', 'lint', '--output-style=stream'],
  },
  {
    name: 'typecheck',
    kind: 'check',
    cmd: ['npx', 'nx', 'run-many', '-t', 'typecheck', '--output-style=stream'],
  },
  {
    name: 'build',
    kind: 'check',
    cmd: ['npx', 'nx', 'run-many', '-t', 'build', '--output-style=stream'],
  },
  { name: 'api contract (Spectral)', kind: 'check', cmd: ['node', 'tools/api-lint.mjs'] },
  { name: 'docker files', kind: 'check', cmd: ['node', 'tools/docker-check.mjs', '--after-build'] },
  {
    name: 'unit: shared',
    kind: 'tests',
    cwd: 'shared',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'shared-unit.json')}`,
    ],
    report: 'shared-unit.json',
    format: 'vitest',
  },
  {
    name: 'unit: backend',
    kind: 'tests',
    cwd: 'backend',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'backend-unit.json')}`,
    ],
    report: 'backend-unit.json',
    format: 'vitest',
  },
  {
    name: 'unit: frontend',
    kind: 'tests',
    cwd: 'frontend',
    cmd: [
      'npx',
      'ng',
      'test',
      '--watch=false',
      '--reporters=json',
      '--reporters=default',
      `--output-file=${join(reports, 'frontend-unit.json')}`,
    ],
    report: 'frontend-unit.json',
    format: 'vitest',
  },
  {
    name: 'integration: backend (PostgreSQL)',
    kind: 'tests',
    cwd: 'backend',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'backend-integration.json')}`,
    ],
    report: 'backend-integration.json',
    format: 'vitest',
  },
  {
    name: 'e2e (Chromium)',
    kind: 'tests',
    cwd: 'e2e',
    cmd: ['npx', 'playwright', 'test'],
    report: 'e2e.json',
    format: 'playwright',
    env: { E2E_JSON_REPORT: join(reports, 'e2e.json') },
  },
];

function run(stage) {
  return new Promise((ok) => {
    const started = Date.now();
    console.log(`\n━━━ ${stage.name} ━━━`);
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), {
      cwd: join(root, stage.cwd ?? '.'),
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0', ...(stage.env ?? {}) },
    });
    child.on('exit', (code) => ok({ code: code ?? 1, seconds: (Date.now() - started) / 1000 }));
  });
}

function count(stage) {
  const file = join(reports, stage.report);
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (stage.format === 'vitest') {
    return {
      passed: r.numPassedTests ?? 0,
      failed: r.numFailedTests ?? 0,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    };
  }
  const s = r.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
  };
}

const rows = [];
let failedStages = 0;
for (const stage of stages) {
  if (only.length > 0 && !only.some((o) => stage.name.startsWith(o))) continue;
  const { code, seconds } = await run(stage);
  const counts = stage.kind === 'tests' ? count(stage) : null;
  if (code !== 0) failedStages++;
  if (stage.kind === 'tests' && counts === null) {
    rows.push({
      stage: stage.name,
      result: `exit ${code}, no report`,
      seconds,
      counts: { passed: 0, failed: 1, skipped: 0 },
    });
  } else {
    rows.push({ stage: stage.name, result: code === 0 ? 'ok' : `exit ${code}`, seconds, counts });
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\n━━━ summary ━━━');
for (const r of rows) {
  const c = r.counts;
  if (c) {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  const counts = c ? `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : '';
  console.log(
    `${r.stage.padEnd(36)} ${r.result.padEnd(18)} ${r.seconds.toFixed(1).padStart(6)} s  ${counts}`,
  );
}
if (failedStages > 0) console.log(`${failedStages} stage(s) failed`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedStages > 0 || total.failed > 0 ? 1 : 0);
