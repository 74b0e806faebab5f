/** Small helpers of the QIDO-RS client, its DICOM JSON validation and its record mapping. */

/** `YYYY-MM-DD` (a real calendar day) to DICOM `YYYYMMDD`. */
export function dicomDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== day)
    throw new RangeError(`day must be a calendar date YYYY-MM-DD (got "${day}")`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** A request for messages: the query without its long includefield list. */
export function describe(url: string): string {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()])
    if (key === 'includefield') u.searchParams.delete(key);
  return `GET ${u.toString()}`;
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function typeOf(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
}
