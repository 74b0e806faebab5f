import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase, embeddedUrl, freePort } from '../src/app/database/embedded-postgres.js';
import { pgToolsFor } from '../src/app/database/pg-dump-backup.js';
import { BackendProcess, postgresProcessesFor } from './support/backend-process.js';
import { createTestApp } from './support/test-app.js';
import { TestDatabase } from './support/test-database.js';

const CLI = (name: string) => fileURLToPath(new URL(`../dist/cli/${name}.js`, import.meta.url));

/** Runs a built CLI as `npm run db:…` does; resolves with its exit code and output. */
function runCli(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const proc = spawn(process.execPath, [CLI(name), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('exit', (code) => ok({ code, out }));
  });
}

/** Every table's row count and a digest of its rows (in a fixed order), so equal means equal data. */
async function snapshot(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.relname <> 'migrations' ORDER BY 1`,
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables.rows) {
      const r = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
           FROM "${name}" t`,
      );
      result[name] = r.rows[0]!;
    }
    return result;
  } finally {
    await client.end();
  }
}

describe('npm run db:backup and db:restore', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'radfleet-backup-'));
    await chmod(scratch, 0o755); // the embedded cluster's `postgres` user must enter it
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('backs up a running RadFleet and restores it into a fresh folder with the same rows in every table', async () => {
    const source = join(scratch, 'source');
    const sourcePort = await freePort();
    const file = join(scratch, 'radfleet.backup');
    const app = await BackendProcess.start({
      DATA_DIR: source,
      EMBEDDED_PG_PORT: String(sourcePort),
      SCHEDULER: 'false',
    });
    let before: Awaited<ReturnType<typeof snapshot>>;
    let backupMs = 0;
    try {
      await app.waitHealthy(240_000); // the first start loads the demo city: every table has rows
      // Three years of daily counts (0.9 M rows) make every step minutes long on a busy machine and
      // prove nothing more than six weeks do: the rows move in the same batches either way.
      const trim = new pg.Client({ connectionString: embeddedUrl(sourcePort) });
      await trim.connect();
      await trim.query(
        'DELETE FROM daily_utilisation WHERE day < (SELECT max(day) - 42 FROM daily_utilisation)',
      );
      await trim.end();
      // A change through the API, so that the append-only audit log has rows to carry over.
      const login = await fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@radfleet.demo', password: 'radfleet-demo' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const created = await fetch(`${app.url}/api/facilities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          code: 'BACKUP-1',
          name: 'Больница резервной копии',
          shortName: 'БРК',
          type: 'HOSPITAL',
          district: 'CAO',
          address: 'ул. Архивная, 1',
        }),
      });
      expect(created.status).toBe(201);
      // A backup needs no downtime: it reads the running cluster in one snapshot.
      const backupStarted = Date.now();
      const backup = await runCli('db-backup', [file], {
        DATA_DIR: source,
        ...(process.env.PG_BIN_DIR ? { PG_BIN_DIR: process.env.PG_BIN_DIR } : {}),
      });
      backupMs = Date.now() - backupStarted;
      expect(backup.code, backup.out).toBe(0);
      expect(backup.out).toContain(`wrote ${file}`);
      // The format is said: pg_dump's when a version-compatible one is found, else RadFleet's own.
      const tools = await pgToolsFor(embeddedUrl(sourcePort), process.env.PG_BIN_DIR);
      expect(backup.out).toMatch(
        tools.tools ? /format: pg_dump custom archive/ : /format: RadFleet's own \(no pg_dump/,
      );
      before = await snapshot(embeddedUrl(sourcePort));
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    } finally {
      expect(await app.stop('SIGTERM')).toBe(0);
    }
    expect(statSync(file).size).toBeGreaterThan(0);
    expect(before.devices!.rows).toBeGreaterThan(1_000);
    expect(before.daily_utilisation!.rows).toBeGreaterThan(10_000);
    expect(before.audit_log!.rows).toBeGreaterThan(0);

    const target = join(scratch, 'restored');
    const restoreStarted = Date.now();
    const restore = await runCli('db-restore', [file], {
      DATA_DIR: target,
      ...(process.env.PG_BIN_DIR ? { PG_BIN_DIR: process.env.PG_BIN_DIR } : {}),
    });
    expect(restore.code, restore.out).toBe(0);
    process.stdout.write(
      `backup of ${Object.values(before).reduce((n, t) => n + t.rows, 0)} rows: ` +
        `${statSync(file).size} bytes in ${backupMs} ms; restore (initdb included) in ${Date.now() - restoreStarted} ms\n`,
    );
    expect(postgresProcessesFor(target)).toEqual([]);
    expect(existsSync(join(target, 'pg', 'PG_VERSION'))).toBe(true);

    const targetPort = await freePort();
    const restored = await EmbeddedDatabase.start(target, targetPort, pino({ level: 'warn' }));
    try {
      expect(await snapshot(restored.url)).toEqual(before);
    } finally {
      await restored.stop();
    }

    // A second restore into the same folder overwrites nothing.
    const again = await runCli('db-restore', [file], { DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.out).toContain('already has a RadFleet schema');

    // The restored folder runs RadFleet as it was: the demo accounts sign in, no city is loaded again.
    const back = await BackendProcess.start({ DATA_DIR: target, SCHEDULER: 'false' });
    try {
      await back.waitHealthy(60_000);
      expect(back.output).not.toContain('RadFleet demo accounts');
      const login = await fetch(`${back.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@radfleet.demo', password: 'radfleet-demo' }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await back.stop('SIGTERM')).toBe(0);
    }
  }, 600_000); // two initdbs, a demo city and two server starts: minutes on a busy machine

  it('with a pg_dump as new as the server, writes a pg_dump archive and restores it with pg_restore', async (ctx) => {
    const app = await createTestApp();
    const target = await TestDatabase.create('restore');
    try {
      const found = await pgToolsFor(app.db.url, process.env.PG_BIN_DIR);
      if (!found.tools) {
        // Not a pass: without a compatible pg_dump this path cannot run here.
        process.stdout.write(`skipped the pg_dump round trip: ${found.reason}\n`);
        ctx.skip(found.reason);
        return;
      }
      await app.db.query(
        `INSERT INTO facilities (code, name, short_name, type, district, address, version)
         VALUES ('PGDUMP-1', 'Больница pg_dump', 'БПД', 'HOSPITAL', 'CAO', 'ул. Архивная, 2', 1)`,
      );
      const file = join(scratch, 'pg-dump.backup');
      const backup = await runCli('db-backup', [file], {
        DATABASE_URL: app.db.url,
        BACKUP_FORMAT: 'pg_dump',
        ...(process.env.PG_BIN_DIR ? { PG_BIN_DIR: process.env.PG_BIN_DIR } : {}),
      });
      expect(backup.code, backup.out).toBe(0);
      expect(backup.out).toContain('format: pg_dump custom archive');
      const before = await snapshot(app.db.url);
      const restore = await runCli('db-restore', [file], {
        DATABASE_URL: target.url,
        ...(process.env.PG_BIN_DIR ? { PG_BIN_DIR: process.env.PG_BIN_DIR } : {}),
      });
      expect(restore.code, restore.out).toBe(0);
      expect(restore.out).toContain('restored with');
      expect(await snapshot(target.url)).toEqual(before);
      expect(before.facilities!.rows).toBeGreaterThan(0);
      // Into a database that has the schema now: refused, nothing overwritten.
      const again = await runCli('db-restore', [file], { DATABASE_URL: target.url });
      expect(again.code).toBe(1);
      expect(again.out).toContain('already has a RadFleet schema');
    } finally {
      await app.close();
      await target.drop();
    }
  }, 120_000); // three CLI runs, each loading the built backend: a minute on a busy machine

  it('refuses a file that is not a backup, and an empty DATA_DIR to back up', async () => {
    const notBackup = CLI('db-backup'); // any file that is not one
    const r = await runCli('db-restore', [notBackup], { DATA_DIR: join(scratch, 'never') });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/not a RadFleet backup/);
    const b = await runCli('db-backup', [join(scratch, 'x.backup')], {
      DATA_DIR: join(scratch, 'empty'),
    });
    expect(b.code).toBe(1);
    expect(b.out).toMatch(/There is no RadFleet database/);
  });
});
