/**
 * Restores a backup written by `npm run db:backup` into an empty database.
 *
 *   DATA_DIR=/srv/radfleet-restored npm run db:restore -- radfleet-2026-12-01T03-00-00.backup
 *   DATABASE_URL=postgres://… npm run db:restore -- radfleet.backup
 *
 * Uses DATABASE_URL when set (an empty database), else the embedded PostgreSQL in DATA_DIR, which is
 * initialised when the folder is new (RadFleet must not be running on it). A database that already
 * holds RadFleet's schema is refused: nothing is overwritten.
 *
 * Either format of db:backup: a pg_dump custom archive is restored with a pg_restore at least as new
 * as the server (PG_BIN_DIR, then PATH); RadFleet's own format needs no tool.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import pg from 'pg';
import { createLogger } from '../app/common/logging/logger.js';
import { loadConfig } from '../app/config/app.config.js';
import { describeCounts, readBackupHeader, restoreDatabase } from '../app/database/backup.js';
import { EmbeddedDatabase } from '../app/database/embedded-postgres.js';
import {
  isPgDumpArchive,
  pgToolsFor,
  restoreWithPgRestore,
} from '../app/database/pg-dump-backup.js';

/**
 * A backup of a server database has no demo city; the embedded start would load one (and its demo
 * accounts) beside the restored data unless it is told the demo step is settled.
 */
async function settleDemo(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_meta (key, value) VALUES ('demo', '{"skipped": "restored from a backup"}')
       ON CONFLICT (key) DO NOTHING`,
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: db:restore <backup file>\n');
    return 2;
  }
  // A wrong file is refused before any cluster is made.
  const archive = await isPgDumpArchive(resolve(file));
  if (!archive) await readBackupHeader(resolve(file));
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
  });
  const embedded = config.DATABASE_URL
    ? undefined
    : await EmbeddedDatabase.start(config.DATA_DIR, config.EMBEDDED_PG_PORT, createLogger('warn'));
  try {
    const url = config.DATABASE_URL ?? embedded!.url;
    let counts;
    if (archive) {
      const found = await pgToolsFor(url, config.PG_BIN_DIR);
      if (!found.tools)
        throw new Error(`${resolve(file)} is a pg_dump archive, but ${found.reason}.`);
      counts = await restoreWithPgRestore(url, resolve(file), found.tools);
      process.stdout.write(
        `format: pg_dump custom archive, restored with ${found.tools.pgRestore}\n`,
      );
    } else {
      process.stdout.write("format: RadFleet's own\n");
      counts = await restoreDatabase(url, resolve(file));
    }
    if (embedded) await settleDemo(url);
    process.stdout.write(
      `restored ${resolve(file)} into ${embedded ? resolve(config.DATA_DIR) : 'DATABASE_URL'}\n${describeCounts(counts)}\n`,
    );
    return 0;
  } finally {
    await embedded?.stop();
  }
}

try {
  process.exit(await main());
} catch (e) {
  process.stderr.write(`restore failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
