#!/usr/bin/env node
// `npm test`: every layer — lint, typecheck, build, unit, integration (real PostgreSQL), e2e (real
// Chromium) — then each stage's time and one totals line over every test runner, last:
// `N passed, N failed, N skipped`.
//
// Before the summary come the slowest spec files of each test stage (from the reports in
// test-results/), so that a stage that grows shows where.
//
// Stages run in the order of the list. Consecutive stages with the same `group` run at the same time
// (they share no database: the integration tests have their own cluster, e2e its own throwaway data
// folder); the output of each is buffered and printed whole when it ends, so it stays readable.
// Lint and typecheck stay one after the other: Nx already runs each over the projects in parallel,
// and on two cores running both at once measured no faster. To add a stage, add an entry where it
// belongs; without a `group` it runs alone, after the stages before it.
// `npm test -- unit integration` runs the stages whose name starts with one of the words;
// `TEST_SERIAL=1 npm test` runs every stage alone, streaming its output.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const startedAll = Date.now();

const serial = process.env.TEST_SERIAL === '1';

/**
 * @typedef {{ name: string, kind: 'check' | 'tests', cmd: string[], cwd?: string,
 *   env?: Record<string, string>, group?: string, report?: string,
 *   format?: 'vitest' | 'playwright' }} Stage
 * @type {Stage[]}
 */
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
    group: 'unit',
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
    group: 'unit',
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
    group: 'unit',
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
    group: 'servers',
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
    group: 'servers',
    cwd: 'e2e',
    cmd: ['npx', 'playwright', 'test'],
    report: 'e2e.json',
    format: 'playwright',
    env: { E2E_JSON_REPORT: join(reports, 'e2e.json') },
  },
];

/** Runs one stage; with `buffered`, keeps its output and prints it whole when it ends. */
function run(stage, buffered) {
  return new Promise((ok) => {
    const started = Date.now();
    if (!buffered) console.log(`\n━━━ ${stage.name} ━━━`);
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), {
      cwd: join(root, stage.cwd ?? '.'),
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0', ...(stage.env ?? {}) },
    });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      if (buffered) {
        console.log(`\n━━━ ${stage.name} (${seconds.toFixed(1)} s) ━━━`);
        process.stdout.write(Buffer.concat(output));
      }
      ok({ code: code ?? 1, seconds });
    });
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

/**
 * The slowest spec files of a test stage, from its report: where the stage's time goes. Vitest gives
 * each file's start and end; Playwright each test's duration, summed here by file.
 */
function slowest(stage, n = 5) {
  const file = join(reports, stage.report);
  if (!existsSync(file)) return [];
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const byFile = new Map();
  if (stage.format === 'vitest') {
    for (const t of r.testResults ?? [])
      byFile.set(t.name.slice(root.length + 1), (t.endTime - t.startTime) / 1000);
  } else {
    const walk = (suite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? [])
          for (const res of t.results ?? [])
            byFile.set(spec.file, (byFile.get(spec.file) ?? 0) + res.duration / 1000);
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of r.suites ?? []) walk(suite);
  }
  return [...byFile].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** The selected stages in order, consecutive stages of one group together. */
const batches = [];
for (const stage of stages) {
  if (only.length > 0 && !only.some((o) => stage.name.startsWith(o))) continue;
  const last = batches.at(-1);
  if (!serial && stage.group && last?.[0].group === stage.group) last.push(stage);
  else batches.push([stage]);
}
if (!serial && batches.some((b) => b.length > 1)) {
  console.log(
    `Stages in one line run at the same time:\n${batches.map((b) => `  ${b.map((s) => s.name).join(' | ')}`).join('\n')}`,
  );
}

const rows = [];
let failedStages = 0;
for (const batch of batches) {
  const results = await Promise.all(batch.map((stage) => run(stage, batch.length > 1)));
  batch.forEach((stage, i) => {
    const { code, seconds } = results[i];
    const counts = stage.kind === 'tests' ? count(stage) : null;
    if (code !== 0) failedStages++;
    const parallel = batch.length > 1 ? ' ∥' : '';
    if (stage.kind === 'tests' && counts === null) {
      rows.push({
        stage: stage.name + parallel,
        result: `exit ${code}, no report`,
        seconds,
        counts: { passed: 0, failed: 1, skipped: 0 },
      });
    } else {
      rows.push({
        stage: stage.name + parallel,
        result: code === 0 ? 'ok' : `exit ${code}`,
        seconds,
        counts,
      });
    }
  });
}
const wall = (Date.now() - startedAll) / 1000;

console.log('\n━━━ slowest spec files ━━━');
for (const batch of batches)
  for (const stage of batch.filter((s) => s.kind === 'tests' && s.cwd !== 'shared'))
    for (const [file, seconds] of slowest(stage))
      console.log(`${stage.name.padEnd(36)} ${seconds.toFixed(1).padStart(6)} s  ${file}`);

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
console.log(
  `${'wall clock'.padEnd(36)} ${''.padEnd(18)} ${wall.toFixed(1).padStart(6)} s  (∥: ran at the same time as the others of its group)`,
);
if (failedStages > 0) console.log(`${failedStages} stage(s) failed`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedStages > 0 || total.failed > 0 ? 1 : 0);
