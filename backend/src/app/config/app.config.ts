import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  validateSync,
  ValidatorConstraint,
  type ValidationError,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { DEFAULT_CITY_TIME_ZONE, isTimeZone } from '@radfleet/shared';

@ValidatorConstraint({ name: 'isTimeZone' })
class IsTimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isTimeZone(value);
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as Europe/Moscow';
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const BACKUP_FORMATS = ['auto', 'pg_dump', 'radfleet'] as const;
export type BackupFormatSetting = (typeof BACKUP_FORMATS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The whole configuration of the backend, read once from the environment at boot.
 * Every variable is declared here; the README's configuration table mirrors this class.
 */
export class AppConfig {
  /** HTTP port of the API and the web app. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  PORT = 3000;

  /** Interface to listen on. */
  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /** PostgreSQL connection string; without it an embedded PostgreSQL is started in DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** The city's time zone: "today", working days and every date of every figure are the city's. */
  @IsString()
  @Validate(IsTimeZoneConstraint)
  CITY_TIME_ZONE = DEFAULT_CITY_TIME_ZONE;

  /** Folder for the embedded PostgreSQL cluster and other local state. */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  /**
   * Folder holding `pg_dump` and `pg_restore` for `npm run db:backup`/`db:restore`, searched before
   * PATH; a pair whose major version is below the server's is passed over.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PG_BIN_DIR?: string;

  /**
   * Format of `npm run db:backup`: `auto` (pg_dump's custom format when a version-compatible
   * pg_dump is found, else RadFleet's own), `pg_dump` (refuse without one) or `radfleet`.
   */
  @IsIn(BACKUP_FORMATS, { message: `must be one of ${BACKUP_FORMATS.join(', ')}` })
  BACKUP_FORMAT: BackupFormatSetting = 'auto';

  /** Port of the embedded PostgreSQL; 0 picks a free one at each start. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  EMBEDDED_PG_PORT = 0;

  /** Connections in the database pool. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 200' })
  @Min(1, { message: 'must be an integer between 1 and 200' })
  @Max(200, { message: 'must be an integer between 1 and 200' })
  DB_POOL_MAX = 10;

  /**
   * Longest wait, in milliseconds, to open a database connection or to get a free one from a busy
   * pool; past it the request answers 503 with Retry-After.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of milliseconds between 100 and 60000' })
  @Min(100, { message: 'must be an integer of milliseconds between 100 and 60000' })
  @Max(60_000, { message: 'must be an integer of milliseconds between 100 and 60000' })
  DB_CONNECT_TIMEOUT_MS = 2_000;

  /** PostgreSQL's statement_timeout for the app's statements, in milliseconds; 0 turns it off. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of milliseconds between 0 and 3600000' })
  @Min(0, { message: 'must be an integer of milliseconds between 0 and 3600000' })
  @Max(3_600_000, { message: 'must be an integer of milliseconds between 0 and 3600000' })
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  /** Minimum level of the JSON log. */
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Comma-separated origins allowed by CORS; empty means CORS is off. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Folder of the production Angular build served at `/`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STATIC_DIR?: string;

  /** How long shutdown waits for in-flight requests, in milliseconds. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of milliseconds between 0 and 600000' })
  @Min(0, { message: 'must be an integer of milliseconds between 0 and 600000' })
  @Max(600_000, { message: 'must be an integer of milliseconds between 0 and 600000' })
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Serve the OpenAPI document and Swagger UI. */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  API_DOCS = true;

  /** Minutes an access token lives; the browser renews it with its refresh cookie. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of minutes between 1 and 1440' })
  @Min(1, { message: 'must be an integer of minutes between 1 and 1440' })
  @Max(1440, { message: 'must be an integer of minutes between 1 and 1440' })
  ACCESS_TOKEN_MINUTES = 15;

  /** Hours a sign-in lasts without activity (the refresh cookie's life, renewed on use). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of hours between 1 and 720' })
  @Min(1, { message: 'must be an integer of hours between 1 and 720' })
  @Max(720, { message: 'must be an integer of hours between 1 and 720' })
  SESSION_HOURS = 12;

  /** Failed sign-ins for one account, inside the window, that lock it. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  LOGIN_MAX_FAILURES = 5;

  /** Failed sign-ins from one client address, inside the window, that lock the address. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 10000' })
  @Min(1, { message: 'must be an integer between 1 and 10000' })
  @Max(10_000, { message: 'must be an integer between 1 and 10000' })
  LOGIN_MAX_FAILURES_PER_ADDRESS = 30;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer of minutes between 1 and 1440' })
  @Min(1, { message: 'must be an integer of minutes between 1 and 1440' })
  @Max(1440, { message: 'must be an integer of minutes between 1 and 1440' })
  LOGIN_WINDOW_MINUTES = 15;

  /** Minutes a locked account or address waits. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of minutes between 1 and 1440' })
  @Min(1, { message: 'must be an integer of minutes between 1 and 1440' })
  @Max(1440, { message: 'must be an integer of minutes between 1 and 1440' })
  LOGIN_LOCK_MINUTES = 15;

  /**
   * Load the demo city and its four demo accounts on first start. Unset: on with the embedded
   * database, off with DATABASE_URL.
   */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  DEMO_DATA?: boolean;

  /** Size of the demo city: 1 is the real city (155 facilities, ~1,300 devices); 10 is the benchmarks' 10×. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  DEMO_SCALE = 1;

  /** With both set, the first start creates this administrator when the database has none. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  /**
   * Run the scheduled jobs (archive syncs, silent-device check). The test app turns it off; a
   * second instance on the same database may too (the advisory locks keep runs from overlapping).
   */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  SCHEDULER = true;

  /** Working days (Monday to Friday) without studies after which a connected device raises SILENT_DEVICE. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 60' })
  @Min(1, { message: 'must be an integer between 1 and 60' })
  @Max(60, { message: 'must be an integer between 1 and 60' })
  SILENT_DEVICE_DAYS = 3;

  /** Utilisation % below which a device is listed as under-used (default of the ranking). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer percentage between 0 and 1000' })
  @Min(0, { message: 'must be an integer percentage between 0 and 1000' })
  @Max(1000, { message: 'must be an integer percentage between 0 and 1000' })
  UTILISATION_UNDER_PCT = 30;

  /** Utilisation % above which a device is listed as over-used (default of the ranking). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer percentage between 0 and 1000' })
  @Min(0, { message: 'must be an integer percentage between 0 and 1000' })
  @Max(1000, { message: 'must be an integer percentage between 0 and 1000' })
  UTILISATION_OVER_PCT = 100;

  /** Largest import upload (devices, hand counts, any spreadsheet import), in MiB; more answers 413. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of MiB between 1 and 1024' })
  @Min(1, { message: 'must be an integer of MiB between 1 and 1024' })
  @Max(1024, { message: 'must be an integer of MiB between 1 and 1024' })
  IMPORT_MAX_UPLOAD_MB = 25;

  /** Most data rows an import file may hold; more answers 422 as soon as the next row is read. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  IMPORT_MAX_ROWS = 50_000;

  /**
   * Most bytes one part of an .xlsx (a worksheet, the shared strings ...) may inflate to, in MiB,
   * counted while it is inflated; more answers 422 before the memory grows.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of MiB between 1 and 4096' })
  @Min(1, { message: 'must be an integer of MiB between 1 and 4096' })
  @Max(4096, { message: 'must be an integer of MiB between 1 and 4096' })
  IMPORT_MAX_XLSX_PART_MB = 100;

  /** Imports (uploads included) running at once; one more answers 429 with Retry-After. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 64' })
  @Min(1, { message: 'must be an integer between 1 and 64' })
  @Max(64, { message: 'must be an integer between 1 and 64' })
  IMPORT_CONCURRENCY = 2;

  /** Error rows an import answer lists at most; the full result is the downloadable .xlsx. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 100000' })
  @Min(0, { message: 'must be an integer between 0 and 100000' })
  @Max(100_000, { message: 'must be an integer between 0 and 100000' })
  IMPORT_PREVIEW_ERROR_ROWS = 1000;

  /** Rows without an error an import answer lists at most (the first ones, as a sample). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 100000' })
  @Min(0, { message: 'must be an integer between 0 and 100000' })
  @Max(100_000, { message: 'must be an integer between 0 and 100000' })
  IMPORT_PREVIEW_SAMPLE_ROWS = 100;

  /** Minutes the full per-row result of an import stays downloadable by the user who ran it. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer of minutes between 1 and 1440' })
  @Min(1, { message: 'must be an integer of minutes between 1 and 1440' })
  @Max(1440, { message: 'must be an integer of minutes between 1 and 1440' })
  IMPORT_RESULT_MINUTES = 60;

  /**
   * When the schedule builds the previous month's executive report pack: a cron expression (five
   * fields, or six with seconds) in the city's time zone. Default 06:00 on the 1st of each month.
   */
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^\s*(\S+\s+){4,5}\S+\s*$/, { message: 'must be a cron expression such as "0 6 1 * *"' })
  REPORT_CRON = '0 6 1 * *';

  /** Stored report packs kept (the newest ones); older packs and their files are deleted. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 1000' })
  @Min(1, { message: 'must be an integer between 1 and 1000' })
  @Max(1000, { message: 'must be an integer between 1 and 1000' })
  REPORT_RETENTION = 36;

  get demoData(): boolean {
    return this.DEMO_DATA ?? this.usesEmbeddedDatabase;
  }

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0);
  }

  get usesEmbeddedDatabase(): boolean {
    return this.DATABASE_URL === undefined;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[], env: Record<string, string | undefined>): string[] {
  return errors.flatMap((e) =>
    [...new Set(Object.values(e.constraints ?? {}))].map(
      (msg) => `${e.property} ${msg} (got ${JSON.stringify(env[e.property] ?? null)})`,
    ),
  );
}

/** Reads and validates the configuration; throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const plain: Record<string, unknown> = {};
  for (const key of known) {
    if (env[key] !== undefined) plain[key] = env[key];
  }
  const config = plainToInstance(AppConfig, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) throw new ConfigError(describe(errors, env));
  return config;
}
