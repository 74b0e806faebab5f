import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A `pg_dump` and a `pg_restore` of one folder, and the major version they report. */
export interface PgTools {
  dir: string;
  pgDump: string;
  pgRestore: string;
  /** Major version of `pg_dump --version`, e.g. 18. */
  major: number;
  /** What `pg_dump --version` printed, e.g. `pg_dump (PostgreSQL) 18.1`. */
  version: string;
}

/** The tools found, or why none would do (every folder tried, with what it held). */
export type PgToolsLookup = { tools: PgTools } | { tools: undefined; reason: string };

/** `pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)` → 15. */
export function majorOf(versionLine: string): number | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return m ? Number(m[1]) : undefined;
}

/** `server_version_num` (e.g. 180001) → 18. */
export function serverMajor(serverVersionNum: number): number {
  return Math.floor(serverVersionNum / 10_000);
}

/**
 * Finds a `pg_dump`/`pg_restore` pair that can work with a server of major version `major`: first
 * in `binDir` (PG_BIN_DIR), then in each PATH folder. pg_dump refuses a server newer than itself
 * ("aborting because of server version mismatch"), so a pair is taken only when its major version
 * is at least the server's; older pairs are passed over and named in the reason.
 */
export async function findPgTools(
  major: number,
  binDir: string | undefined,
  path = process.env.PATH ?? '',
): Promise<PgToolsLookup> {
  const dirs = [...(binDir ? [binDir] : []), ...path.split(delimiter).filter(Boolean)];
  const tried: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pgDump = join(dir, 'pg_dump');
    const pgRestore = join(dir, 'pg_restore');
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    let version: string;
    try {
      version = (await run(pgDump, ['--version'])).stdout.trim();
    } catch (e) {
      tried.push(`${pgDump} does not run (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const found = majorOf(version);
    if (found === undefined) {
      tried.push(`${pgDump} reports "${version}"`);
      continue;
    }
    if (found < major) {
      tried.push(`${pgDump} is PostgreSQL ${found}`);
      continue;
    }
    return { tools: { dir, pgDump, pgRestore, major: found, version } };
  }
  const where = binDir ? `PG_BIN_DIR (${binDir}) or PATH` : 'PATH (or PG_BIN_DIR)';
  return {
    tools: undefined,
    reason:
      tried.length > 0
        ? `no pg_dump of PostgreSQL ${major} or newer in ${where}: ${tried.join('; ')}`
        : `no pg_dump and pg_restore in ${where}`,
  };
}

/**
 * libpq's environment for a connection string, so that the password never shows on a command line
 * (`ps` would print it).
 */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}
