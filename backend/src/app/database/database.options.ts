import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { CITY_TZ } from '../common/calendar.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../../database/migrations/index.js';

// A DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of a local-midnight Date
// that shifts a day when turned into UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** How the pool talks to PostgreSQL: the DB_* variables of the configuration. */
export interface DatabaseTuning {
  /** Connections in the pool. */
  DB_POOL_MAX: number;
  /** Longest wait for a connection: a new one to open, or a free one from a busy pool. */
  DB_CONNECT_TIMEOUT_MS: number;
  /** PostgreSQL's statement_timeout for every statement of the app; 0 turns it off. */
  DB_STATEMENT_TIMEOUT_MS: number;
}

export const DEFAULT_DATABASE_TUNING: DatabaseTuning = {
  DB_POOL_MAX: 10,
  DB_CONNECT_TIMEOUT_MS: 2_000,
  DB_STATEMENT_TIMEOUT_MS: 30_000,
};

/** TypeORM settings shared by the app, the CLI tools and the tests: migrations only, never synchronize. */
export function dataSourceOptions(
  url: string,
  tuning: DatabaseTuning = DEFAULT_DATABASE_TUNING,
): DataSourceOptions {
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
      max: tuning.DB_POOL_MAX,
      // pg-pool applies this both to opening a connection and to waiting for a free one, so an
      // unreachable or saturated database fails a request fast instead of holding it.
      connectionTimeoutMillis: tuning.DB_CONNECT_TIMEOUT_MS,
      // Sent at connection start-up: the server cancels any statement running longer (SQLSTATE 57014).
      ...(tuning.DB_STATEMENT_TIMEOUT_MS > 0
        ? { statement_timeout: tuning.DB_STATEMENT_TIMEOUT_MS }
        : {}),
      // Notice a peer that vanished without closing the connection (a host gone, a cut network).
      keepAlive: true,
      application_name: 'radfleet',
      // Every session runs in the city's zone, so that current_date and ::date are the city's
      // dates whatever the database server's own zone is.
      options: `-c TimeZone=${CITY_TZ}`,
    },
  };
}
