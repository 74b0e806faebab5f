import 'reflect-metadata';
import { ConfigError, loadConfig } from './app/config/app.config.js';
import { createLogger } from './app/common/logging/logger.js';
import { createApp } from './app/create-app.js';
import { EmbeddedDatabase } from './app/database/embedded-postgres.js';
import { APP_VERSION } from './app/version.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let embedded: EmbeddedDatabase | undefined;
  let stopping = false;

  const stop = async (reason: string, code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5_000);
    force.unref();
    try {
      await app?.close(); // stops accepting, lets in-flight requests finish, closes the pool
    } catch (e) {
      logger.error({ err: e }, 'error while closing the application');
    }
    try {
      await embedded?.stop();
    } catch (e) {
      logger.error({ err: e }, 'error while stopping the embedded PostgreSQL');
    }
    logger.info('stopped');
    logger.flush();
    process.exit(code);
  };

  // embedded-postgres installs exit hooks that stop the cluster at once on a signal; RadFleet
  // drains requests first and then stops the cluster itself.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      embedded = await EmbeddedDatabase.start(config.DATA_DIR, config.EMBEDDED_PG_PORT, logger);
      databaseUrl = embedded.url;
    }
    if (stopping) return;
    app = await createApp(
      config,
      databaseUrl,
      logger,
      createLogger(config.LOG_LEVEL, { withRequestContext: false }),
    );
    await app.listen(config.PORT, config.HOST);
    logger.info(
      { port: config.PORT, version: APP_VERSION, database: embedded ? 'embedded' : 'external' },
      `RadFleet is listening on http://localhost:${config.PORT}`,
    );
  } catch (e) {
    logger.fatal({ err: e }, e instanceof Error ? e.message : 'start-up failed');
    await stop('start-up failed', 1);
  }
}

void main();
