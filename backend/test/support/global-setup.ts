import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { dataSourceOptions } from '../../src/app/database/database.options.js';
import { EmbeddedDatabase } from '../../src/app/database/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test cluster's maintenance database; each test file makes its own database. */
    pgAdminUrl: string;
    /** A database the real migrations ran on once: `createTestApp` clones it (`CREATE DATABASE … TEMPLATE`). */
    pgTemplate: string;
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs the real migrations, exactly as the app does at start-up, once, into a template database.
 * Cloning it is a file copy in PostgreSQL, much cheaper than migrating each test file's database.
 */
async function makeTemplate(adminUrl: string): Promise<string> {
  const name = `radfleet_template_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ds = new DataSource(dataSourceOptions(url.toString()));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  return name;
}

/**
 * One real PostgreSQL for the whole integration run: a DATABASE_URL if the caller gives one
 * (`TEST_DATABASE_URL`), otherwise a throwaway embedded cluster in a temporary folder; and on it the
 * migrated template database that each test file's app database is cloned from.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const template = await makeTemplate(external);
    project.provide('pgAdminUrl', external);
    project.provide('pgTemplate', template);
    return async () => {
      await adminQuery(external, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'radfleet-it-'));
  await chmod(dir, 0o755); // the embedded cluster's `postgres` user must enter it
  const db = await EmbeddedDatabase.start(dir, 0, pino({ level: 'warn' }));
  project.provide('pgAdminUrl', db.urlFor('postgres'));
  project.provide('pgTemplate', await makeTemplate(db.urlFor('postgres')));
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
