import { type QidoFailure } from './qido.errors.js';

/** Credentials for the archive; sent on every request, never put into URLs or error messages. */
export type QidoAuth =
  { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };

export interface QidoRetryOptions {
  /** Total tries of one request, the first included (1 = no retry). */
  maxAttempts: number;
  /** Delay before the first retry; doubled before each further one. */
  baseDelayMs: number;
  /** Upper bound of one delay, also of a server's `Retry-After`. */
  maxDelayMs: number;
}

export interface QidoClientOptions {
  /** DICOMweb root, e.g. `https://pacs.example.org/dicom-web` (with or without the trailing slash). */
  baseUrl: string;
  auth?: QidoAuth;
  /** Time allowed for one request, body included. Default 30 s. */
  timeoutMs?: number;
  /** `limit` of each page. Default 500. */
  pageSize?: number;
  /** Retries on network errors, timeouts, 5xx and 429. Default 4 attempts, 500 ms doubling, at most 10 s. */
  retry?: Partial<QidoRetryOptions>;
  /** Pages one day may take before the client concludes the archive ignores `offset`. Default 10,000. */
  maxPages?: number;
  /** How the client waits between retries; replaceable so that tests do not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One series as the archive reports it. Strings are trimmed, and an absent or empty attribute is `null`.
 * `studyDate` is ISO `YYYY-MM-DD`.
 */
export interface QidoSeriesRecord {
  studyDate: string;
  studyInstanceUid: string;
  seriesInstanceUid: string | null;
  modality: string | null;
  manufacturer: string | null;
  institutionName: string | null;
  stationName: string | null;
  modelName: string | null;
  deviceSerialNumber: string | null;
  numberOfInstances: number;
}

export interface QidoSeriesPage {
  /** `offset` this page was asked for. */
  offset: number;
  limit: number;
  /** Datasets the archive returned (before series already seen on earlier pages were dropped). */
  received: number;
  records: QidoSeriesRecord[];
}

export interface QidoDayOptions {
  /** Overrides the client's page size for this iteration. */
  pageSize?: number;
  /** Cancels the iteration; the signal's reason is thrown as is. */
  signal?: AbortSignal;
}

export type QidoPingResult =
  | { ok: true; latencyMs: number; status: number }
  | { ok: false; latencyMs: number; error: QidoFailure };

/** The attributes a series query asks for (DICOM tags as DICOM JSON keys), with the VR each must have. */
export const QIDO_SERIES_ATTRIBUTES = {
  studyDate: { tag: '00080020', vr: 'DA' },
  modality: { tag: '00080060', vr: 'CS' },
  manufacturer: { tag: '00080070', vr: 'LO' },
  institutionName: { tag: '00080080', vr: 'LO' },
  stationName: { tag: '00081010', vr: 'SH' },
  modelName: { tag: '00081090', vr: 'LO' },
  deviceSerialNumber: { tag: '00181000', vr: 'LO' },
  studyInstanceUid: { tag: '0020000D', vr: 'UI' },
  seriesInstanceUid: { tag: '0020000E', vr: 'UI' },
  numberOfInstances: { tag: '00201209', vr: 'IS' },
} as const;

/** `includefield` values of the series query, in the order DOMAIN.md lists them. */
export const QIDO_SERIES_INCLUDE_FIELDS: readonly string[] = [
  QIDO_SERIES_ATTRIBUTES.modality.tag,
  QIDO_SERIES_ATTRIBUTES.manufacturer.tag,
  QIDO_SERIES_ATTRIBUTES.institutionName.tag,
  QIDO_SERIES_ATTRIBUTES.stationName.tag,
  QIDO_SERIES_ATTRIBUTES.modelName.tag,
  QIDO_SERIES_ATTRIBUTES.deviceSerialNumber.tag,
  QIDO_SERIES_ATTRIBUTES.studyInstanceUid.tag,
  QIDO_SERIES_ATTRIBUTES.numberOfInstances.tag,
];
