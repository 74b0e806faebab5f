import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../app/database/database.options.js';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * Runs every migration on the given (empty) database, then asks TypeORM what it would still change
 * to match the entities. An empty answer means entities and migrations agree.
 */
export async function schemaDiff(url: string): Promise<SchemaDiff> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const log = await ds.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await ds.destroy();
  }
}
