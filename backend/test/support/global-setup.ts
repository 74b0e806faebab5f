import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { EmbeddedDatabase } from '../../src/app/database/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test cluster's maintenance database; each test file makes its own database. */
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole integration run: a DATABASE_URL if the caller gives one
 * (`TEST_DATABASE_URL`), otherwise a throwaway embedded cluster in a temporary folder.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return async () => undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'radfleet-it-'));
  await chmod(dir, 0o755); // the embedded cluster's `postgres` user must enter it
  const db = await EmbeddedDatabase.start(dir, 0, pino({ level: 'warn' }));
  project.provide('pgAdminUrl', db.urlFor('postgres'));
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
