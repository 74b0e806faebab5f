/**
 * Recognises the errors that mean "the database cannot serve us now" rather than "this request is
 * wrong": the problem filter answers them 503 with Retry-After instead of 500.
 */
export type DatabaseFailure = 'UNAVAILABLE' | 'TIMEOUT';

/** Socket errors of a server that is down, unreachable or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
]);

/** Messages of node-postgres and pg-pool that carry no code. */
const DRIVER_MESSAGES = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool: no free connection within connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
];

function classify(e: unknown): DatabaseFailure | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code === '57014') return 'TIMEOUT'; // query_canceled: statement_timeout or a cancel
    // 08: connection exception; 57P01–57P05: admin/crash shutdown, cannot connect now, idle
    // session timeout; 53300: too many connections.
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-5]$/.test(code) || code === '53300')
      return 'UNAVAILABLE';
    if (NETWORK_CODES.has(code)) return 'UNAVAILABLE';
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message)))
    return 'UNAVAILABLE';
  return undefined;
}

/**
 * The database failure behind an error, looking through TypeORM's wrapper (`driverError`), `cause`
 * chains and AggregateErrors (a connect attempt to every address of a host).
 */
export function databaseFailure(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const own = classify(error);
  if (own) return own;
  const e = error as { driverError?: unknown; cause?: unknown; errors?: unknown };
  for (const inner of [
    e.driverError,
    e.cause,
    ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : []),
  ]) {
    const found = databaseFailure(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
