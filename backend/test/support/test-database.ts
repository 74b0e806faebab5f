import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A fresh, empty database on the test cluster, dropped by `drop()`. */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  /** An empty database (no schema): for tests of what migrates or restores it. */
  static async create(prefix = 't'): Promise<TestDatabase> {
    return TestDatabase.make(prefix, '');
  }

  /**
   * A database with the schema of the real migrations, cloned from the run's template (migrated once
   * in global-setup.ts): what `createTestApp` starts the app on; its start-up finds nothing to migrate.
   */
  static async migrated(prefix = 't'): Promise<TestDatabase> {
    return TestDatabase.make(prefix, ` TEMPLATE "${inject('pgTemplate')}"`);
  }

  private static async make(prefix: string, template: string): Promise<TestDatabase> {
    const admin = new URL(inject('pgAdminUrl'));
    const name = `${prefix}_${randomBytes(6).toString('hex')}`;
    await TestDatabase.admin(async (c) => c.query(`CREATE DATABASE "${name}"${template}`));
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return new TestDatabase(name, url.toString());
  }

  static async admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async query<T extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<T>> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await client.query<T>(sql, params);
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await TestDatabase.admin((c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }
}
