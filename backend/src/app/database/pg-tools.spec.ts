import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgTools, libpqEnv, majorOf, serverMajor } from './pg-tools.js';

/** A folder whose pg_dump prints `version` (and a pg_restore beside it), as PostgreSQL's do. */
function toolsDir(root: string, name: string, version: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const tool of ['pg_dump', 'pg_restore']) {
    writeFileSync(join(dir, tool), `#!/bin/sh\necho '${tool} (PostgreSQL) ${version}'\n`);
    chmodSync(join(dir, tool), 0o755);
  }
  return dir;
}

describe('finding a pg_dump that works with the server', () => {
  const root = mkdtempSync(join(tmpdir(), 'radfleet-pgtools-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const old = toolsDir(root, 'pg15', '15.14 (Debian 15.14-0+deb12u1)');
  const same = toolsDir(root, 'pg18', '18.1');
  const newer = toolsDir(root, 'pg19', '19beta1');

  it('reads the major versions', () => {
    expect(majorOf('pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)')).toBe(15);
    expect(majorOf('pg_dump (PostgreSQL) 18.1')).toBe(18);
    expect(majorOf('something else')).toBeUndefined();
    expect(serverMajor(180001)).toBe(18);
    expect(serverMajor(150014)).toBe(15);
  });

  it('passes over an older pg_dump on PATH and says why when none is new enough', async () => {
    const r = await findPgTools(18, undefined, [old, join(root, 'missing')].join(delimiter));
    expect(r.tools).toBeUndefined();
    if (!r.tools)
      expect(r.reason).toMatch(/no pg_dump of PostgreSQL 18 or newer.*is PostgreSQL 15/);
  });

  it('takes PG_BIN_DIR before PATH, and a pg_dump as new as the server or newer', async () => {
    expect((await findPgTools(18, same, [newer].join(delimiter))).tools?.dir).toBe(same);
    expect((await findPgTools(18, old, [old, newer].join(delimiter))).tools?.dir).toBe(newer);
    expect((await findPgTools(15, undefined, old)).tools?.major).toBe(15);
  });

  it('passes the connection to libpq in its environment, not on the command line', () => {
    expect(libpqEnv('postgres://u%40x:p%3Ass@db.local:6543/radfleet?sslmode=require')).toEqual({
      PGHOST: 'db.local',
      PGPORT: '6543',
      PGDATABASE: 'radfleet',
      PGUSER: 'u@x',
      PGPASSWORD: 'p:ss',
      PGSSLMODE: 'require',
    });
  });
});
