import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { District, FacilityType } from '@radfleet/shared';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase, freePort } from '../src/app/database/embedded-postgres.js';
import { BackendProcess, processRuns } from './support/backend-process.js';

// Fault tests of the real server process. Each test stops or kills things, so none of them uses the
// shared test cluster: every PostgreSQL here belongs to this file alone.

const ADMIN = { email: 'chief@resilience.test', password: 'resilience-admin-secret' };

async function signIn(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}

async function createFacility(base: string, auth: Record<string, string>, code: string) {
  const res = await fetch(`${base}/api/facilities`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      name: `Больница ${code}`,
      shortName: code,
      type: FacilityType.OUTPATIENT_CLINIC,
      district: District.CAO,
      address: 'ул. Отказоустойчивая, 1',
    }),
  });
  expect(res.status).toBe(201);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000) {
  const until = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('faults', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'radfleet-fault-'));
    await chmod(scratch, 0o755); // the embedded cluster's `postgres` user must enter it
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('kill -9 in the middle of a large device import leaves no row of it, and the next start needs no one', async () => {
    const dataDir = join(scratch, 'import');
    const pgPort = await freePort();
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DEMO_DATA: 'false',
      SCHEDULER: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
    const app = await BackendProcess.start(env);
    await app.waitHealthy(180_000);
    const auth = await signIn(app.url);
    await createFacility(app.url, auth, 'KILL-F');
    const rows = 5_000;
    const csv = [
      'Инвентарный номер;Код учреждения;Модальность;Технология;Производитель;Модель',
      ...Array.from({ length: rows }, (_, i) => `KILL-${i};KILL-F;КТ;Цифровой;GE;Revolution`),
    ].join('\r\n');
    const upload = () => {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'devices.csv');
      return fetch(`${app.url}/api/devices/import`, { method: 'POST', headers: auth, body: form });
    };

    // Hold the audit table, which the import writes after its devices: the import stops inside its
    // transaction with every device row written and not committed. That is "mid-import" on any
    // machine, however fast.
    const url = `postgres://radfleet:radfleet@127.0.0.1:${pgPort}/radfleet`;
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const pending = upload().catch(() => undefined); // the server dies under it
    const blocked = await waitFor('the import to wait inside its transaction', async () => {
      const r = await watcher.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE application_name = 'radfleet' AND wait_event_type = 'Lock'
            AND backend_xid IS NOT NULL AND query ILIKE '%audit_log%'`,
      );
      return r.rows[0]?.pid;
    });
    expect(blocked).toBeGreaterThan(0);

    expect(await app.stop('SIGKILL')).toBeNull();
    await pending;
    await watcher.end();
    await holder.query('ROLLBACK');
    await holder.end();

    // The next start stops the PostgreSQL the dead app left and comes back by itself.
    const restarted = await BackendProcess.start(env);
    try {
      await restarted.waitHealthy(120_000);
      expect(restarted.output).toContain('outlived the RadFleet that started it');
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      try {
        const devices = await check.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM devices WHERE inventory_number LIKE 'KILL-%'",
        );
        expect(devices.rows[0]!.n).toBe(0);
        const audit = await check.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'device'",
        );
        expect(audit.rows[0]!.n).toBe(0);
      } finally {
        await check.end();
      }
      // Nothing half-done stands in the way: the same file imports whole now.
      const again = await fetch(`${restarted.url}/api/devices/import`, {
        method: 'POST',
        headers: await signIn(restarted.url),
        body: (() => {
          const form = new FormData();
          form.append('file', new Blob([csv], { type: 'text/csv' }), 'devices.csv');
          return form;
        })(),
      });
      expect(again.status, restarted.output.slice(-4_000)).toBe(200);
      expect(await again.json()).toMatchObject({
        applied: true,
        totals: { create: rows, error: 0 },
      });
    } finally {
      const code = await restarted.stop('SIGTERM');
      expect(code, restarted.output.slice(-4_000)).toBe(0);
    }
  }, 600_000); // three server starts, one of them an initdb: minutes on a busy machine

  describe('the database stopped under load', () => {
    let dbDir: string;
    let pgPort: number;
    let db: EmbeddedDatabase | undefined;
    let app: BackendProcess;
    const logger = pino({ level: 'warn' });

    beforeAll(async () => {
      dbDir = join(scratch, 'external');
      pgPort = await freePort();
      db = await EmbeddedDatabase.start(dbDir, pgPort, logger);
      app = await BackendProcess.start({
        DATABASE_URL: db.url,
        SCHEDULER: 'false',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        DB_STATEMENT_TIMEOUT_MS: '1500',
      });
      await app.waitHealthy(120_000);
    }, 300_000);
    afterAll(async () => {
      await app?.stop('SIGTERM');
      await db?.stop();
    });

    interface Outcome {
      status: number;
      ms: number;
      startedAt: number;
      type: string | null;
      retryAfter: string | null;
      code?: string;
    }

    async function call(path: string, auth: Record<string, string>): Promise<Outcome> {
      const startedAt = Date.now();
      const res = await fetch(`${app.url}${path}`, { headers: auth });
      const text = await res.text();
      const type = res.headers.get('content-type');
      return {
        status: res.status,
        ms: Date.now() - startedAt,
        startedAt,
        type,
        retryAfter: res.headers.get('retry-after'),
        code: type?.includes('problem+json') ? (JSON.parse(text) as { code?: string }).code : '',
      };
    }

    it('answers 503 problem+json with Retry-After within 3 s while it is down, and recovers without a restart', async () => {
      const auth = await signIn(app.url);
      await createFacility(app.url, auth, 'LOAD-F');
      const outcomes: Outcome[] = [];
      let running = true;
      const workers = Array.from({ length: 6 }, async (_, i) => {
        const paths = ['/api/devices?pageSize=50', '/api/facilities', '/api/devices?q=x'];
        for (let n = 0; running; n++)
          outcomes.push(await call(paths[(i + n) % paths.length]!, auth));
      });
      const count = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;

      await waitFor('answers under load', async () =>
        count((o) => o.status === 200) >= 30 ? true : undefined,
      );
      const stopping = Date.now();
      await db!.stop(); // PostgreSQL's fast shutdown: connections in use are cut
      db = undefined;
      const down = Date.now();
      await waitFor('answers while the database is down', async () =>
        count((o) => o.startedAt > down) >= 30 ? true : undefined,
      );
      const health = await fetch(`${app.url}/api/health`);
      expect(health.status).toBe(503);

      const restarting = Date.now();
      db = await EmbeddedDatabase.start(dbDir, pgPort, logger);
      const up = Date.now();
      await waitFor('the first answer after the database came back', async () =>
        outcomes.some((o) => o.startedAt > up && o.status === 200) ? true : undefined,
      );
      const recovered = outcomes.find((o) => o.startedAt > up && o.status === 200)!.startedAt;
      await waitFor('answers after recovery', async () =>
        count((o) => o.startedAt > recovered) >= 30 ? true : undefined,
      );
      running = false;
      await Promise.all(workers);

      const slowest = (list: Outcome[]) => Math.max(0, ...list.map((o) => o.ms));
      process.stdout.write(
        `database outage: ${outcomes.length} answers, ${count((o) => o.status === 503)} × 503, ` +
          `slowest ${slowest(outcomes)} ms; first 200 ${recovered - up} ms after the database was back\n`,
      );
      // Never a 500, through the whole outage; while the database is down, never held past 3 s.
      expect(outcomes.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
      const whileDown = outcomes.filter(
        (o) => o.startedAt > down && o.startedAt + o.ms < restarting,
      );
      expect(whileDown.length).toBeGreaterThanOrEqual(30);
      expect(whileDown.filter((o) => o.ms >= 3_000)).toEqual([]);
      for (const o of whileDown) {
        expect(o).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '5' });
        expect(o.type).toContain('application/problem+json');
      }
      // Requests in flight when it went down were answered 200 or 503, nothing else (checked above).
      expect(outcomes.some((o) => o.startedAt < stopping && o.status === 200)).toBe(true);
      // Recovered without a restart: the same process, and every answer since is a 200.
      expect(app.proc.exitCode).toBeNull();
      expect(processRuns(app.proc.pid!)).toBe(true);
      expect(outcomes.filter((o) => o.startedAt > recovered && o.status !== 200)).toEqual([]);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    }, 300_000);

    it('answers a statement past DB_STATEMENT_TIMEOUT_MS with 503 problem+json, not 500', async () => {
      const auth = await signIn(app.url);
      const holder = new pg.Client({ connectionString: db!.url });
      await holder.connect();
      try {
        // A lock held elsewhere makes the list query wait until statement_timeout cancels it.
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE devices IN ACCESS EXCLUSIVE MODE');
        const o = await call('/api/devices', auth);
        expect(o).toMatchObject({ status: 503, code: 'DATABASE_TIMEOUT', retryAfter: '5' });
        expect(o.type).toContain('application/problem+json');
        // It waited for the statement timeout, not for the lock (held until the ROLLBACK below).
        expect(o.ms).toBeGreaterThanOrEqual(1_500);
        expect(o.ms).toBeLessThan(10_000);
        await holder.query('ROLLBACK');
        expect((await call('/api/devices', auth)).status).toBe(200);
      } finally {
        await holder.end();
      }
    }, 120_000);
  });
});
