import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { CITY_TZ } from '../common/calendar.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../../database/migrations/index.js';

// A DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of a local-midnight Date
// that shifts a day when turned into UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** TypeORM settings shared by the app, the CLI tools and the tests: migrations only, never synchronize. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: false,
    extra: {
      max: 10,
      connectionTimeoutMillis: 5_000,
      application_name: 'radfleet',
      // Every session runs in the city's zone, so that current_date and ::date are the city's
      // dates whatever the database server's own zone is.
      options: `-c TimeZone=${CITY_TZ}`,
    },
  };
}
