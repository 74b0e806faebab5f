// Planning at 10x city scale (13,000 devices): the first page of priorities against the raw SQL
// of its inputs in the same run, the age profile by modality, and the demand forecast of every
// modality. Add `{ name: 'planning', module: './bench/planning.mjs' }` to tools/bench.mjs's sections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, signIn, startBackend, timeIt } from './backend.mjs';

export async function run(root) {
  const dir = mkdtempSync(join(tmpdir(), 'radfleet-bench-planning-'));
  const pgPort = await freePort();
  const backend = await startBackend(root, {
    DATA_DIR: dir,
    DEMO_DATA: 'true',
    DEMO_SCALE: '10',
    SCHEDULER: 'false',
    EMBEDDED_PG_PORT: String(pgPort),
  });
  const db = new pg.Client(`postgres://radfleet:radfleet@127.0.0.1:${pgPort}/radfleet`);
  try {
    await db.connect();
    const auth = await signIn(backend.url, 'procurement@radfleet.demo');
    const get = async (path) => {
      const res = await fetch(`${backend.url}${path}`, { headers: auth });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return res.json();
    };
    const { priorityInputsSql } = await import(
      join(root, 'backend/dist/app/planning/priority-inputs.sql.js')
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
      new Date(),
    );
    const first = await get('/api/planning/priorities?pageSize=50');
    const sql = priorityInputsSql('$1::date', 'true');
    await db.query(sql, [today]); // warm
    const raw = await timeIt(10, () => db.query(sql, [today]));
    const list = await timeIt(20, () => get('/api/planning/priorities?pageSize=50'));
    const age = await timeIt(20, () => get('/api/planning/age-profile?groupBy=modality'));
    const demand = await timeIt(3, () => get('/api/planning/demand?years=5'));
    return [
      { figure: 'installed devices scored', value: first.total, unit: '', target: 'recorded' },
      {
        figure: 'priorities, first page of 50, p95',
        value: Math.round(list.p95),
        unit: 'ms',
        target: '< 500 ms',
        pass: list.p95 < 500,
      },
      {
        figure: 'raw SQL of the priority inputs, p95',
        value: Math.round(raw.p95),
        unit: 'ms',
        target: 'recorded',
      },
      {
        figure: 'priorities p95 / raw inputs SQL p95',
        value: Math.round((list.p95 / raw.p95) * 100) / 100,
        unit: 'x',
        target: '<= 3x',
        pass: list.p95 <= 3 * raw.p95,
      },
      {
        figure: 'age profile by modality, p95',
        value: Math.round(age.p95),
        unit: 'ms',
        target: '< 300 ms',
        pass: age.p95 < 300,
      },
      {
        figure: 'demand forecast of every modality, max',
        value: Math.round(demand.max),
        unit: 'ms',
        target: '< 2000 ms',
        pass: demand.max < 2000,
      },
    ];
  } finally {
    await db.end().catch(() => {});
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
