import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProcess, postgresProcessesFor, processRuns } from './support/backend-process.js';
import { TestDatabase } from './support/test-database.js';

const CLI = fileURLToPath(new URL('../dist/cli/create-admin.js', import.meta.url));

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
    const b = await BackendProcess.start({ PORT: 'abc', DATA_DIR: join(scratch, 'never') });
    const code = await b.exited;
    expect(code).not.toBe(0);
    expect(b.output).toMatch(/PORT must be an integer/);
    // "At once": before anything is started or written, whatever the machine's speed.
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  }, 120_000); // loading the built app is what takes the time on a busy machine

  it('uses the server DATABASE_URL names and starts no PostgreSQL of its own', async () => {
    const db = await TestDatabase.create('url');
    const dataDir = join(scratch, 'unused');
    const b = await BackendProcess.start({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    try {
      expect(await b.waitHealthy()).toMatchObject({ status: 'ok', database: 'up' });
      const seen = await TestDatabase.admin((c) =>
        c.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'radfleet'",
          [db.name],
        ),
      );
      expect(seen.rows[0].n).toBeGreaterThan(0);
      const migrations = await db.query("SELECT to_regclass('public.migrations') AS t");
      expect(migrations.rows[0].t).toBe('migrations');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      expect(await b.stop()).toBe(0);
      await db.drop();
    }
  }, 240_000); // a server start that migrates a fresh database: minutes on a busy machine

  it('with DATABASE_URL creates no demo accounts, but the first administrator from ADMIN_EMAIL', async () => {
    const db = await TestDatabase.migrated('admin');
    const b = await BackendProcess.start({
      DATABASE_URL: db.url,
      ADMIN_EMAIL: 'chief@clinic.test',
      ADMIN_PASSWORD: 'first-admin-secret',
    });
    try {
      await b.waitHealthy();
      const users = await db.query<{ email: string; role: string }>(
        'SELECT email, role FROM users ORDER BY email',
      );
      expect(users.rows).toEqual([{ email: 'chief@clinic.test', role: 'ADMIN' }]);
      const login = await fetch(`${b.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'chief@clinic.test', password: 'first-admin-secret' }),
      });
      expect(login.status).toBe(200);
      const demo = await fetch(`${b.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@radfleet.demo', password: 'radfleet-demo' }),
      });
      expect(demo.status).toBe(401);
    } finally {
      await b.stop();
    }
    // The documented command adds another administrator to the same database.
    const cli = spawnSync(process.execPath, [CLI, 'second@clinic.test', 'Второй', 'Админ'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.url,
        ADMIN_PASSWORD: 'another-admin-phrase',
      },
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('created administrator second@clinic.test');
    const again = spawnSync(process.execPath, [CLI, 'second@clinic.test', 'X'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, ADMIN_PASSWORD: 'qwerty123456' },
      encoding: 'utf8',
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/commonly used|exists/);
    const admins = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN'",
    );
    expect(admins.rows[0]!.n).toBe(2);
    await db.drop();
  }, 240_000); // three server starts: minutes on a busy machine

  it('runs an embedded PostgreSQL in DATA_DIR, stops it on SIGTERM and reuses it on the next start', async () => {
    const dataDir = join(scratch, 'data');
    const first = await BackendProcess.start({ DATA_DIR: dataDir });
    expect(await first.waitHealthy(240_000)).toMatchObject({ status: 'ok', database: 'up' });
    expect(first.output).toContain('initialising the embedded PostgreSQL cluster');
    // Demo mode: the first start loads the city and prints the four accounts.
    expect(first.output).toContain('RadFleet demo accounts (password: radfleet-demo)');
    for (const role of ['admin', 'procurement', 'manager', 'executive'])
      expect(first.output).toContain(`${role}@radfleet.demo`);
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await BackendProcess.start({ DATA_DIR: dataDir });
    await second.waitHealthy(240_000);
    expect(second.output).not.toContain('initialising the embedded PostgreSQL cluster');
    expect(second.output).not.toContain('RadFleet demo accounts');
    expect(await second.stop('SIGINT')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 600_000); // an initdb, the demo city and two server starts: minutes on a busy machine
  it('after kill -9 starts again unaided, stopping the PostgreSQL it left; a second live RadFleet on the folder is refused', async () => {
    const dataDir = join(scratch, 'crash');
    const env = { DATA_DIR: dataDir, DEMO_DATA: 'false', SCHEDULER: 'false' };
    const first = await BackendProcess.start(env);
    await first.waitHealthy(180_000);
    const postmasterPid = () =>
      Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const orphan = postmasterPid();
    expect(processRuns(orphan)).toBe(true);

    // A second RadFleet on the same folder is refused, and leaves the first and its database alone.
    const second = await BackendProcess.start(env);
    expect(await second.exited).not.toBe(0);
    expect(second.output).toContain(
      `Another RadFleet (pid ${first.proc.pid}) is running on the data folder`,
    );
    expect(processRuns(orphan)).toBe(true);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    // kill -9: the embedded PostgreSQL outlives the app (the defect this guards against).
    expect(await first.stop('SIGKILL')).toBeNull();
    expect(processRuns(orphan)).toBe(true);
    expect(existsSync(join(dataDir, 'radfleet.lock'))).toBe(true);

    const again = await BackendProcess.start(env);
    expect(await again.waitHealthy(120_000)).toMatchObject({ status: 'ok', database: 'up' });
    expect(again.output).toContain('the embedded PostgreSQL outlived the RadFleet that started it');
    expect(processRuns(orphan)).toBe(false);
    expect(postmasterPid()).not.toBe(orphan);
    expect(await again.stop('SIGTERM')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'radfleet.lock'))).toBe(false);
  }, 600_000); // an initdb and three server starts: minutes on a busy machine
});
