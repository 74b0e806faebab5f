import {
  type QidoFailure,
  QidoAuthError,
  QidoError,
  QidoHttpError,
  QidoNetworkError,
  QidoResponseError,
  QidoTimeoutError,
} from './qido.errors.js';
import {
  type QidoAuth,
  type QidoClientOptions,
  type QidoDayOptions,
  type QidoPingResult,
  type QidoRetryOptions,
  type QidoSeriesPage,
  type QidoSeriesRecord,
  QIDO_SERIES_INCLUDE_FIELDS,
} from './qido.types.js';
import { validateDicomJsonArray, type DicomJsonDataset } from './qido.dicom-json.js';
import { toSeriesRecord } from './qido.records.js';
import { describe, dicomDate } from './qido.util.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_MAX_PAGES = 10_000;
const DEFAULT_RETRY: QidoRetryOptions = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };
const DICOM_JSON = 'application/dicom+json';

/**
 * A DICOMweb QIDO-RS client for the archive's series list, one study day at a time.
 *
 * Every answer is validated before anything is returned: a 2xx that is not a DICOM JSON array of
 * well-formed datasets, or a series whose required attributes are missing or malformed, throws a
 * {@link QidoResponseError} rather than being skipped, so that utilisation is never silently undercounted.
 * Network errors, timeouts, 5xx and 429 are retried with exponential backoff; other 4xx are not.
 */
export class QidoClient {
  readonly baseUrl: string;
  private readonly authorization: string | null;
  private readonly timeoutMs: number;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly retry: QidoRetryOptions;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: QidoClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.authorization = options.auth ? authorizationHeader(options.auth) : null;
    this.timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.pageSize = positiveInteger('pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE);
    this.maxPages = positiveInteger('maxPages', options.maxPages ?? DEFAULT_MAX_PAGES);
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    this.retry = {
      maxAttempts: positiveInteger('retry.maxAttempts', retry.maxAttempts),
      baseDelayMs: nonNegativeInteger('retry.baseDelayMs', retry.baseDelayMs),
      maxDelayMs: nonNegativeInteger('retry.maxDelayMs', retry.maxDelayMs),
    };
    this.sleep = options.sleep ?? sleep;
  }

  /** URL of one page of the series query for a day (`YYYY-MM-DD`). */
  seriesUrl(day: string, limit: number, offset: number): string {
    const d = dicomDate(day);
    const params = new URLSearchParams({ StudyDate: `${d}-${d}` });
    for (const tag of QIDO_SERIES_INCLUDE_FIELDS) params.append('includefield', tag);
    params.append('limit', String(limit));
    params.append('offset', String(offset));
    return `${this.baseUrl}/series?${params.toString()}`;
  }

  /**
   * All series of one study day (`YYYY-MM-DD`), page by page, until a page holds fewer than `limit`
   * datasets (unless the archive flags a truncated answer with a `Warning: 299`). A series that
   * reappears on a later page (the archive changed while paging) is dropped from that page.
   */
  async *seriesPages(
    day: string,
    options: QidoDayOptions = {},
  ): AsyncGenerator<QidoSeriesPage, void, undefined> {
    const limit = positiveInteger('pageSize', options.pageSize ?? this.pageSize);
    dicomDate(day); // validate before the first request
    const seen = new Set<string>();
    let offset = 0;
    for (let page = 0; ; page++) {
      const url = this.seriesUrl(day, limit, offset);
      if (page >= this.maxPages) {
        throw new QidoResponseError(
          `${describe(url)}: more than ${this.maxPages} pages for one day; the archive seems to ignore "offset"`,
          url,
          0,
        );
      }
      const { datasets, truncated, attempts } = await this.getDatasets(url, options.signal);
      const records: QidoSeriesRecord[] = [];
      datasets.forEach((dataset, i) => {
        const record = toSeriesRecord(
          dataset,
          day,
          `item ${i} (offset ${offset + i})`,
          url,
          attempts,
        );
        if (record.seriesInstanceUid !== null) {
          if (seen.has(record.seriesInstanceUid)) return;
          seen.add(record.seriesInstanceUid);
        }
        records.push(record);
      });
      if (offset > 0 && datasets.length >= limit && records.length === 0) {
        throw new QidoResponseError(
          `${describe(url)}: the archive returned only series already seen on earlier pages; it seems to ignore "offset"`,
          url,
          attempts,
        );
      }
      yield { offset, limit, received: datasets.length, records };
      const more = datasets.length >= limit || (truncated && datasets.length > 0);
      if (!more) return;
      offset += datasets.length;
    }
  }

  /** The series of one study day, one record at a time (see {@link seriesPages}). */
  async *series(
    day: string,
    options: QidoDayOptions = {},
  ): AsyncGenerator<QidoSeriesRecord, void, undefined> {
    for await (const page of this.seriesPages(day, options)) yield* page.records;
  }

  /**
   * A connection test: one study query (`{base}/studies?limit=1`), not retried, whose answer must
   * be valid DICOM JSON. Never throws for an archive problem; the result carries the typed error.
   */
  async ping(signal?: AbortSignal): Promise<QidoPingResult> {
    const url = `${this.baseUrl}/studies?limit=1`;
    const started = performance.now();
    try {
      const { status } = await this.getDatasets(url, signal, 1);
      return { ok: true, latencyMs: Math.round(performance.now() - started), status };
    } catch (error) {
      if (error instanceof QidoError)
        return {
          ok: false,
          latencyMs: Math.round(performance.now() - started),
          error: error as QidoFailure,
        };
      throw error;
    }
  }

  // ------------------------------------------------------------------------------------------
  // HTTP

  /** GET a QIDO-RS URL and return its validated datasets, retrying what is worth retrying. */
  private async getDatasets(
    url: string,
    signal: AbortSignal | undefined,
    maxAttempts = this.retry.maxAttempts,
  ): Promise<{
    datasets: DicomJsonDataset[];
    status: number;
    truncated: boolean;
    attempts: number;
  }> {
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await this.attempt(url, attempt, signal);
      if (outcome.ok) return { ...outcome.value, attempts: attempt };
      if (!outcome.retry || attempt >= maxAttempts) throw outcome.error;
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      const delay =
        outcome.retryAfterMs === null
          ? backoff
          : Math.min(this.retry.maxDelayMs, Math.max(backoff, outcome.retryAfterMs));
      await this.sleep(delay, signal);
    }
  }

  private async attempt(
    url: string,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = { Accept: DICOM_JSON };
    if (this.authorization) headers.Authorization = this.authorization;
    let status = 0;
    try {
      const response = await fetch(url, {
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        redirect: 'follow',
      });
      status = response.status;
      const body = await response.text(); // under the same signal: a stalled body times out too
      return this.judge(url, attempt, response, body);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        const what = status === 0 ? 'no answer' : `the body of a ${status} answer did not arrive`;
        return retryable(
          new QidoTimeoutError(
            `${describe(url)}: ${what} within ${this.timeoutMs} ms`,
            url,
            attempt,
            this.timeoutMs,
            { cause: error },
          ),
        );
      }
      if (error instanceof TypeError) {
        return retryable(
          new QidoNetworkError(
            `${describe(url)}: cannot reach the archive (${networkReason(error)})`,
            url,
            attempt,
            { cause: error },
          ),
        );
      }
      throw error;
    }
  }

  private judge(url: string, attempt: number, response: Response, body: string): AttemptOutcome {
    const { status } = response;
    if (status === 204) return { ok: true, value: { datasets: [], status, truncated: false } };
    if (status === 200) {
      const contentType = response.headers.get('content-type') ?? '';
      const mediaType = contentType.split(';')[0].trim().toLowerCase();
      if (mediaType !== DICOM_JSON && mediaType !== 'application/json') {
        return final(
          new QidoResponseError(
            `${describe(url)}: expected ${DICOM_JSON}, got ${contentType ? `"${contentType}"` : 'no Content-Type'}${excerpt(body)}`,
            url,
            attempt,
            status,
          ),
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        return final(
          new QidoResponseError(
            `${describe(url)}: the body is not valid JSON (${(error as Error).message})${excerpt(body)}`,
            url,
            attempt,
            status,
          ),
        );
      }
      const problem = validateDicomJsonArray(json);
      if (problem)
        return final(
          new QidoResponseError(
            `${describe(url)}: not a DICOM JSON dataset list: ${problem}`,
            url,
            attempt,
            status,
          ),
        );
      const truncated = /\b299\b/.test(response.headers.get('warning') ?? '');
      return { ok: true, value: { datasets: json as DicomJsonDataset[], status, truncated } };
    }
    if (status === 401 || status === 403) {
      const what =
        status === 401 ? 'the archive refused the credentials' : 'the archive denied access';
      return final(new QidoAuthError(`${describe(url)}: ${status}, ${what}`, url, attempt, status));
    }
    if (status === 429 || status >= 500) {
      return retryable(
        new QidoHttpError(`${describe(url)}: HTTP ${status}${excerpt(body)}`, url, attempt, status),
        retryAfterMs(response),
      );
    }
    const hint =
      status === 404
        ? ' (is the base URL the DICOMweb root?)'
        : status === 400
          ? ' (the archive rejected the query)'
          : '';
    if (status >= 200 && status < 300) {
      return final(
        new QidoResponseError(
          `${describe(url)}: unexpected status ${status} for a QIDO-RS query${excerpt(body)}`,
          url,
          attempt,
          status,
        ),
      );
    }
    return final(
      new QidoHttpError(
        `${describe(url)}: HTTP ${status}${hint}${excerpt(body)}`,
        url,
        attempt,
        status,
      ),
    );
  }
}

type AttemptOutcome =
  | { ok: true; value: { datasets: DicomJsonDataset[]; status: number; truncated: boolean } }
  | { ok: false; error: QidoFailure; retry: boolean; retryAfterMs: number | null };

function retryable(error: QidoFailure, retryAfterMs: number | null = null): AttemptOutcome {
  return { ok: false, error, retry: true, retryAfterMs };
}

function final(error: QidoFailure): AttemptOutcome {
  return { ok: false, error, retry: false, retryAfterMs: null };
}

// --------------------------------------------------------------------------------------------
// Small helpers

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`baseUrl must use http or https (got "${url.protocol}")`);
  if (url.username || url.password)
    throw new TypeError('baseUrl must not contain credentials; use the auth option');
  if (url.search || url.hash) throw new TypeError('baseUrl must not have a query or a fragment');
  return url.toString().replace(/\/+$/, '');
}

function authorizationHeader(auth: QidoAuth): string {
  if (auth.type === 'basic') {
    if (auth.username.includes(':'))
      throw new TypeError('a basic auth username cannot contain ":"');
    if (/[\r\n]/.test(auth.username + auth.password))
      throw new TypeError('basic auth credentials cannot contain line breaks');
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  }
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(auth.token))
    throw new TypeError('a bearer token must be a non-empty token68 string');
  return `Bearer ${auth.token}`;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer (got ${value})`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer (got ${value})`);
  return value;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or null. */
function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

function networkReason(error: TypeError): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const message = typeof cause?.message === 'string' ? cause.message : error.message;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
