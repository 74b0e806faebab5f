import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProcess, postgresProcessesFor } from './support/backend-process.js';
import { TestDatabase } from './support/test-database.js';

describe('the backend process', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'radfleet-proc-'));
    await chmod(scratch, 0o755); // the embedded cluster's `postgres` user must enter it
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('refuses a bad PORT at once, naming the variable', async () => {
    const started = Date.now();
    const b = await BackendProcess.start({ PORT: 'abc', DATA_DIR: join(scratch, 'never') });
    const code = await b.exited;
    expect(code).not.toBe(0);
    expect(b.output).toMatch(/PORT must be an integer/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });

  it('uses the server DATABASE_URL names and starts no PostgreSQL of its own', async () => {
    const db = await TestDatabase.create('url');
    const dataDir = join(scratch, 'unused');
    const b = await BackendProcess.start({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    try {
      expect(await b.waitHealthy()).toMatchObject({ status: 'ok', database: 'up' });
      const seen = await TestDatabase.admin((c) =>
        c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'radfleet'", [db.name]),
      );
      expect(seen.rows[0].n).toBeGreaterThan(0);
      const migrations = await db.query("SELECT to_regclass('public.migrations') AS t");
      expect(migrations.rows[0].t).toBe('migrations');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      expect(await b.stop()).toBe(0);
      await db.drop();
    }
  });

  it('runs an embedded PostgreSQL in DATA_DIR, stops it on SIGTERM and reuses it on the next start', async () => {
    const dataDir = join(scratch, 'data');
    const first = await BackendProcess.start({ DATA_DIR: dataDir });
    expect(await first.waitHealthy(90_000)).toMatchObject({ status: 'ok', database: 'up' });
    expect(first.output).toContain('initialising the embedded PostgreSQL cluster');
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await BackendProcess.start({ DATA_DIR: dataDir });
    const startedAt = Date.now();
    await second.waitHealthy();
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(second.output).not.toContain('initialising the embedded PostgreSQL cluster');
    expect(await second.stop('SIGINT')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });
});
