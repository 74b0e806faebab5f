/**
 * Rebuilds the utilisation rollups (`monthly_utilisation` per device and month, and
 * `utilisation_rollup` per month, facility and modality) from the daily rows, in one transaction.
 *
 *   npm run utilisation:rebuild-rollups -w backend
 *
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (RadFleet must be stopped).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app/app.module.js';
import { createLogger } from '../app/common/logging/logger.js';
import { loadConfig } from '../app/config/app.config.js';
import { EmbeddedDatabase } from '../app/database/embedded-postgres.js';
import { UtilisationService } from '../app/utilisation/utilisation.service.js';

async function main(): Promise<number> {
  const config = loadConfig({
    ...process.env,
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
    DEMO_DATA: 'false',
    SCHEDULER: 'false',
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger('warn');
  const embedded = config.DATABASE_URL
    ? undefined
    : await EmbeddedDatabase.start(config.DATA_DIR, config.EMBEDDED_PG_PORT, logger);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, databaseUrl: config.DATABASE_URL ?? embedded!.url }),
    { logger: false },
  );
  try {
    const started = performance.now();
    const utilisation = app.get(UtilisationService);
    await app.get(DataSource).transaction((em) => utilisation.rebuildRollups(em));
    const [counts] = (await app
      .get(DataSource)
      .query(
        'SELECT (SELECT count(*) FROM monthly_utilisation)::int AS monthly, (SELECT count(*) FROM utilisation_rollup)::int AS rollup',
      )) as { monthly: number; rollup: number }[];
    process.stdout.write(
      `rebuilt ${counts!.monthly} device-months and ${counts!.rollup} (month, facility, modality) rows in ${Math.round(performance.now() - started)} ms\n`,
    );
    return 0;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

process.exit(await main());
