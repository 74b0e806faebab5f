import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../database/migrations/index.js';
import { APP_VERSION } from '../version.js';
import { dataSourceOptions } from './database.options.js';

/**
 * RadFleet's backup format: a gzip stream of JSON lines. The first line is the header (the format,
 * the app version and the names of the migrations the schema was built by); then, for each table,
 * a `{ table }` line, one line per row (the row as PostgreSQL's own text form of the table's row
 * type, which reads back exactly), and a `{ end, rows }` line; then the sequences; then `{ done }`.
 *
 * The schema itself is not in the file: it is whatever those migrations make, so a restore runs the
 * same migrations, loads the rows, and then runs any newer migrations of the RadFleet restoring it.
 */
export const BACKUP_FORMAT = 'radfleet-backup';
export const BACKUP_FORMAT_VERSION = 1;
const BATCH = 2_000;

interface Header {
  format: string;
  version: number;
  appVersion: string;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
}

export interface TableCount {
  table: string;
  rows: number;
}

type Line =
  | Header
  | { table: string }
  | { end: string; rows: number }
  | { sequence: string; value: string; called: boolean }
  | { done: true; tables: number };

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The app's own tables (partitions are read through their parent), without TypeORM's migrations. */
export async function tables(client: pg.Client): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> 'migrations'
      ORDER BY c.relname`,
  );
  return r.rows.map((x) => x.name);
}

/** Tables in an order that loads parents before children (foreign keys), for servers where the
 *  restore may not switch constraint checks off. */
async function loadOrder(client: pg.Client, names: string[]): Promise<string[]> {
  const r = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`,
  );
  const unquote = (s: string) => s.replace(/^public\./, '').replace(/^"(.*)"$/, '$1');
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const { child, parent } of r.rows) parents.get(unquote(child))?.add(unquote(parent));
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, path: Set<string>): void => {
    if (seen.has(n) || path.has(n)) return;
    path.add(n);
    for (const p of parents.get(n) ?? []) visit(p, path);
    seen.add(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered;
}

/** One write per fetched batch: a row is its text as a JSON string on a line of its own. */
function batchLines(rows: { r: string }[]): string {
  let text = '';
  for (const { r } of rows) text += `${JSON.stringify(r)}\n`;
  return text;
}

async function writeLine(out: PassThrough, line: Line | string): Promise<void> {
  if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
}

/**
 * Writes a consistent backup of the database at `url` to `file`: one REPEATABLE READ snapshot, rows
 * streamed through cursors, so memory stays flat however large the tables are.
 */
export async function backupDatabase(url: string, file: string): Promise<TableCount[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'radfleet-backup' });
  await client.connect();
  const out = new PassThrough();
  const written = pipeline(out, createGzip(), createWriteStream(file, { mode: 0o600 }));
  const counts: TableCount[] = [];
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const applied = await client
      .query<{ name: string }>('SELECT name FROM migrations ORDER BY id')
      .catch(() => {
        throw new Error('This database has no RadFleet schema (no migrations table).');
      });
    const server = await client.query<{ v: string }>('SHOW server_version');
    await writeLine(out, {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      appVersion: APP_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: server.rows[0]!.v,
      migrations: applied.rows.map((m) => m.name),
    });
    // Parents before children, so that a restore that cannot switch foreign keys off loads in file order.
    for (const table of await loadOrder(client, await tables(client))) {
      await writeLine(out, { table });
      await client.query(
        `DECLARE dump NO SCROLL CURSOR FOR SELECT t::text AS r FROM ${quote(table)} t`,
      );
      let rows = 0;
      for (;;) {
        const batch = await client.query<{ r: string }>(`FETCH ${BATCH} FROM dump`);
        if (batch.rows.length > 0 && !out.write(batchLines(batch.rows))) await once(out, 'drain');
        rows += batch.rows.length;
        if (batch.rows.length < BATCH) break;
      }
      await client.query('CLOSE dump');
      await writeLine(out, { end: table, rows });
      counts.push({ table, rows });
    }
    const sequences = await client.query<{ name: string; value: string | null; called: boolean }>(
      `SELECT sequencename AS name, last_value::text AS value, last_value IS NOT NULL AS called
         FROM pg_sequences WHERE schemaname = 'public'`,
    );
    for (const s of sequences.rows) {
      if (s.value !== null)
        await writeLine(out, { sequence: s.name, value: s.value, called: true });
    }
    await writeLine(out, { done: true, tables: counts.length });
    await client.query('COMMIT');
    out.end();
    await written;
    return counts;
  } catch (e) {
    out.destroy(e as Error);
    await written.catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function* readLines(file: string): AsyncGenerator<Line | string> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (line.length > 0) yield JSON.parse(line) as Line | string;
  }
}

/** Reads only the header of a backup, and checks that the file is one this RadFleet reads. */
export async function readBackupHeader(file: string): Promise<Header> {
  let first: unknown;
  try {
    for await (const line of readLines(file)) {
      first = line;
      break;
    }
  } catch {
    first = undefined; // not gzip, or not JSON lines
  }
  const h = first as Header | undefined;
  if (typeof h !== 'object' || h === null || h.format !== BACKUP_FORMAT)
    throw new Error(`${file} is not a RadFleet backup.`);
  if (h.version !== BACKUP_FORMAT_VERSION)
    throw new Error(
      `${file} is a RadFleet backup of format ${h.version}; this RadFleet reads format ${BACKUP_FORMAT_VERSION}.`,
    );
  return h;
}

export function migrationName(m: unknown): string {
  const ctor = m as new () => { name?: string };
  return new ctor().name ?? ctor.name;
}

export async function runMigrations(url: string, names?: Set<string>): Promise<void> {
  const all = MIGRATIONS as unknown[];
  const ds = new DataSource({
    ...dataSourceOptions(url, {
      DB_POOL_MAX: 2,
      DB_CONNECT_TIMEOUT_MS: 10_000,
      DB_STATEMENT_TIMEOUT_MS: 0,
    }),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: (names ? all.filter((m) => names.has(migrationName(m))) : all) as Function[],
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

/**
 * Restores a backup into the empty database at `url`: the migrations the backup was made under, the
 * rows of every table in one transaction (all or nothing), the sequences, then this RadFleet's newer
 * migrations. A database that already has a RadFleet schema is refused.
 */
export async function restoreDatabase(url: string, file: string): Promise<TableCount[]> {
  const header = await readBackupHeader(file);
  const known = new Set((MIGRATIONS as unknown[]).map(migrationName));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0)
    throw new Error(
      `The backup was made by a newer RadFleet (${header.appVersion}; migrations ${unknown.join(', ')} are unknown here). Restore it with that version or later.`,
    );
  const client = new pg.Client({ connectionString: url, application_name: 'radfleet-restore' });
  await client.connect();
  const counts: TableCount[] = [];
  try {
    const existing = await client.query<{ t: string | null }>(
      "SELECT to_regclass('public.migrations')::text AS t",
    );
    if (existing.rows[0]!.t !== null)
      throw new Error(
        'The target database already has a RadFleet schema; restore into an empty one.',
      );
    await runMigrations(url, new Set(header.migrations));

    await client.query('BEGIN');
    // As pg_dump --disable-triggers does: the rows were consistent when dumped, so foreign keys and
    // triggers need not fire again (and the append-only audit log may be refilled). Only a superuser
    // may; otherwise the file's order (parents before children) keeps the foreign keys satisfied.
    await client.query('SAVEPOINT replica');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT replica');
    }
    const present = await tables(client);
    // Reference rows the migrations seeded are replaced by the backup's own.
    for (const t of [...(await loadOrder(client, present))].reverse())
      await client.query(`DELETE FROM ${quote(t)}`);

    let table: string | undefined;
    let batch: string[] = [];
    let rows = 0;
    const flush = async (): Promise<void> => {
      if (!table || batch.length === 0) return;
      // The daily counts are partitioned by month: a fresh schema has only the months around its
      // migration, so the batch's months are created first.
      if (table === 'daily_utilisation')
        await client.query(
          `SELECT ensure_daily_utilisation_partitions(min(r.day), max(r.day))
             FROM unnest($1::text[]::daily_utilisation[]) r`,
          [batch],
        );
      // Each text is read back through the table's own row type, column for column.
      await client.query(
        `INSERT INTO ${quote(table)} SELECT * FROM unnest($1::text[]::${quote(table)}[])`,
        [batch],
      );
      batch = [];
    };
    let done = false;
    for await (const line of readLines(file)) {
      if (typeof line === 'string') {
        if (!table) throw new Error('The backup is damaged: a row outside a table.');
        batch.push(line);
        rows++;
        if (batch.length >= BATCH) await flush();
      } else if ('table' in line) {
        if (!present.includes(line.table))
          throw new Error(`The backup has a table ${line.table} that its migrations do not make.`);
        table = line.table;
        rows = 0;
      } else if ('end' in line) {
        await flush();
        if (rows !== line.rows)
          throw new Error(`The backup is damaged: ${line.end} has ${rows} rows of ${line.rows}.`);
        counts.push({ table: line.end, rows });
        table = undefined;
      } else if ('sequence' in line) {
        await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
          quote(line.sequence),
          line.value,
          line.called,
        ]);
      } else if ('done' in line) {
        done = true;
      }
    }
    if (!done) throw new Error('The backup is incomplete: it ends before its last line.');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  await runMigrations(url);
  return counts;
}

/** The per-table row counts as the CLI prints them. */
export function describeCounts(counts: TableCount[]): string {
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const total = counts.reduce((s, c) => s + c.rows, 0);
  return [
    ...counts.map((c) => `  ${c.table.padEnd(width)}  ${c.rows}`),
    `  ${'total'.padEnd(width)}  ${total} rows in ${counts.length} tables`,
  ].join('\n');
}
