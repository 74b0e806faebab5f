import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { MIGRATIONS } from '../../database/migrations/index.js';
import { migrationName, runMigrations, tables, type TableCount } from './backup.js';
import {
  findPgTools,
  libpqEnv,
  serverMajor,
  type PgTools,
  type PgToolsLookup,
} from './pg-tools.js';

const run = promisify(execFile);
/** pg_restore prints a table's rows as text; a RadFleet's migrations table is small. */
const MAX_BUFFER = 64 * 1024 * 1024;

/** A pg_dump custom-format archive starts with these five bytes. */
const PG_DUMP_MAGIC = 'PGDMP';

export async function isPgDumpArchive(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(PG_DUMP_MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.toString('latin1') === PG_DUMP_MAGIC;
  } finally {
    await fh.close();
  }
}

/** The server's `server_version_num` and whether it holds a RadFleet schema. */
export async function inspectServer(
  url: string,
): Promise<{ versionNum: number; version: string; hasSchema: boolean }> {
  const client = new pg.Client({ connectionString: url, application_name: 'radfleet-backup' });
  await client.connect();
  try {
    const r = await client.query<{ num: string; v: string; t: string | null }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS v,
              to_regclass('public.migrations')::text AS t`,
    );
    const row = r.rows[0]!;
    return { versionNum: Number(row.num), version: row.v, hasSchema: row.t !== null };
  } finally {
    await client.end();
  }
}

/** Looks for a pg_dump/pg_restore pair that works with the server at `url`. */
export async function pgToolsFor(url: string, binDir: string | undefined): Promise<PgToolsLookup> {
  const { versionNum } = await inspectServer(url);
  return findPgTools(serverMajor(versionNum), binDir);
}

async function tool(
  path: string,
  args: string[],
  url: string | undefined,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(path, args, {
      env: { ...process.env, ...(url ? libpqEnv(url) : {}) },
      maxBuffer: MAX_BUFFER,
      encoding: 'utf8',
    });
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`${path} failed: ${(err.stderr ?? '').trim() || err.message}`);
  }
}

/** Exact row counts of the app's tables, as the CLIs print them. */
async function countRows(url: string): Promise<TableCount[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'radfleet-backup' });
  await client.connect();
  try {
    const counts: TableCount[] = [];
    for (const table of await tables(client)) {
      const r = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table.replace(/"/g, '""')}"`,
      );
      counts.push({ table, rows: r.rows[0]!.n });
    }
    return counts;
  } finally {
    await client.end();
  }
}

/**
 * A pg_dump custom-format archive (`pg_dump -Fc`) of the database at `url`: pg_dump's own consistent
 * snapshot of schema and data, compressed, restorable with `pg_restore` alone.
 */
export async function backupWithPgDump(url: string, file: string, tools: PgTools): Promise<void> {
  const server = await inspectServer(url);
  if (!server.hasSchema)
    throw new Error('This database has no RadFleet schema (no migrations table).');
  await tool(
    tools.pgDump,
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`],
    url,
  );
}

/** The migration names recorded in a pg_dump archive, read with pg_restore, without a server. */
async function archiveMigrations(file: string, tools: PgTools): Promise<string[]> {
  const { stdout } = await tool(
    tools.pgRestore,
    ['--data-only', '--table=migrations', '--file=-', file],
    undefined,
  );
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^COPY public\.migrations \(/.test(l));
  if (start < 0) throw new Error(`${file} holds no RadFleet migrations table.`);
  const header = /\((.*)\)/
    .exec(lines[start]!)![1]!
    .split(',')
    .map((c) => c.trim());
  const nameAt = header.indexOf('name');
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    names.push(line.split('\t')[nameAt]!);
  }
  return names;
}

/**
 * Restores a pg_dump archive into the empty database at `url` with pg_restore in one transaction
 * (all or nothing), then runs this RadFleet's newer migrations. As with RadFleet's own format, a
 * database that already has the schema, and a backup from a newer RadFleet, are refused.
 */
export async function restoreWithPgRestore(
  url: string,
  file: string,
  tools: PgTools,
): Promise<TableCount[]> {
  const known = new Set((MIGRATIONS as unknown[]).map(migrationName));
  const unknown = (await archiveMigrations(file, tools)).filter((m) => !known.has(m));
  if (unknown.length > 0)
    throw new Error(
      `The backup was made by a newer RadFleet (migrations ${unknown.join(', ')} are unknown here). Restore it with that version or later.`,
    );
  if ((await inspectServer(url)).hasSchema)
    throw new Error(
      'The target database already has a RadFleet schema; restore into an empty one.',
    );
  await tool(
    tools.pgRestore,
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${libpqEnv(url).PGDATABASE}`,
      file,
    ],
    url,
  );
  await runMigrations(url);
  return countRows(url);
}
