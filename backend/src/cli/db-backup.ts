/**
 * Writes a backup of RadFleet's database to a file.
 *
 *   npm run db:backup                       # ./radfleet-<date>T<time>.backup
 *   npm run db:backup -- /backups/radfleet.backup
 *
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR: the running one of a live
 * RadFleet (a backup needs no downtime), or, with RadFleet stopped, one started for the backup.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger } from '../app/common/logging/logger.js';
import { loadConfig } from '../app/config/app.config.js';
import { backupDatabase, describeCounts } from '../app/database/backup.js';
import { EmbeddedDatabase, embeddedUrl } from '../app/database/embedded-postgres.js';
import { backupWithPgDump, pgToolsFor } from '../app/database/pg-dump-backup.js';
import { processAlive } from '../app/database/process-liveness.js';

/** The port of a cluster running in `<dataDir>/pg`, from its postmaster.pid, if one runs. */
function runningClusterPort(dataDir: string): number | undefined {
  const pidFile = join(resolve(dataDir), 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return processAlive(pid) && Number.isInteger(port) && port > 0 ? port : undefined;
}

async function main(): Promise<number> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const file = resolve(process.argv[2] ?? `radfleet-${stamp}.backup`);
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
  });
  let url = config.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  if (!url) {
    if (!existsSync(join(resolve(config.DATA_DIR), 'pg', 'PG_VERSION'))) {
      process.stderr.write(`There is no RadFleet database in ${resolve(config.DATA_DIR)}.\n`);
      return 1;
    }
    const port = runningClusterPort(config.DATA_DIR);
    if (port) url = embeddedUrl(port);
    else {
      embedded = await EmbeddedDatabase.start(
        config.DATA_DIR,
        config.EMBEDDED_PG_PORT,
        createLogger('warn'),
      );
      url = embedded.url;
    }
  }
  try {
    if (config.BACKUP_FORMAT !== 'radfleet') {
      const found = await pgToolsFor(url, config.PG_BIN_DIR);
      if (found.tools) {
        await backupWithPgDump(url, file, found.tools);
        process.stdout.write(
          `wrote ${file}\nformat: pg_dump custom archive (${found.tools.pgDump}: ${found.tools.version}); restore with npm run db:restore or pg_restore\n`,
        );
        return 0;
      }
      if (config.BACKUP_FORMAT === 'pg_dump') {
        process.stderr.write(`BACKUP_FORMAT=pg_dump, but ${found.reason}.\n`);
        return 1;
      }
      process.stdout.write(`format: RadFleet's own (${found.reason})\n`);
    } else process.stdout.write("format: RadFleet's own (BACKUP_FORMAT=radfleet)\n");
    const counts = await backupDatabase(url, file);
    process.stdout.write(`wrote ${file}\n${describeCounts(counts)}\n`);
    return 0;
  } finally {
    await embedded?.stop();
  }
}

try {
  process.exit(await main());
} catch (e) {
  process.stderr.write(`backup failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
