import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import { loadConfig } from '../../src/app/config/app.config.js';
import { createApp } from '../../src/app/create-app.js';
import { watchServerErrors } from './server-errors.js';
import { TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  /** The HTTP server, for supertest. */
  server: ReturnType<NestExpressApplication['getHttpServer']>;
  close(): Promise<void>;
}

/**
 * The real application on its own fresh database, a clone of the run's template that the real
 * migrations built (the app's start-up runs any still pending, as it always does).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await TestDatabase.migrated();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SCHEDULER: 'false',
    DATABASE_URL: db.url,
    ...env,
  });
  const app = await createApp(config, db.url, pino({ level: 'silent' }));
  await app.init();
  watchServerErrors(app.getHttpServer());
  return {
    app,
    db,
    server: app.getHttpServer(),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
