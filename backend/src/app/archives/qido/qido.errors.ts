/**
 * Failures of the QIDO-RS client. Plain classes with a `kind`, so that callers can switch on it
 * without knowing anything about HTTP or fetch; the `cause` keeps the low-level error for logs.
 */
export type QidoErrorKind = 'NETWORK' | 'HTTP' | 'TIMEOUT' | 'INVALID_RESPONSE' | 'AUTH';

export abstract class QidoError extends Error {
  abstract readonly kind: QidoErrorKind;

  constructor(
    message: string,
    /** The request that failed, without credentials (they never go into URLs). */
    readonly url: string,
    /** How many times the request was sent before giving up. */
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The archive could not be reached or the connection broke (refused, reset, DNS, TLS). */
export class QidoNetworkError extends QidoError {
  readonly kind = 'NETWORK' as const;
}

/** No complete answer within the per-request timeout. */
export class QidoTimeoutError extends QidoError {
  readonly kind = 'TIMEOUT' as const;

  constructor(
    message: string,
    url: string,
    attempts: number,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, url, attempts, options);
  }
}

/** The archive answered with an HTTP error status other than 401/403. */
export class QidoHttpError extends QidoError {
  readonly kind = 'HTTP' as const;

  constructor(
    message: string,
    url: string,
    attempts: number,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, url, attempts, options);
  }
}

/** The archive refused the credentials (401) or the access (403). */
export class QidoAuthError extends QidoError {
  readonly kind = 'AUTH' as const;

  constructor(
    message: string,
    url: string,
    attempts: number,
    readonly status: 401 | 403,
    options?: { cause?: unknown },
  ) {
    super(message, url, attempts, options);
  }
}

/** The archive answered 2xx, but not with a valid DICOM JSON series list (wrong media type, bad JSON, wrong shape, invalid record). */
export class QidoResponseError extends QidoError {
  readonly kind = 'INVALID_RESPONSE' as const;

  constructor(
    message: string,
    url: string,
    attempts: number,
    /** The HTTP status of the answer that was not DICOM JSON, when known. */
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, url, attempts, options);
  }
}

/** Every failure the client reports, as a union to switch on `kind` exhaustively. */
export type QidoFailure =
  QidoNetworkError | QidoTimeoutError | QidoHttpError | QidoAuthError | QidoResponseError;
