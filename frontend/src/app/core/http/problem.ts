import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, ProblemDetails } from '@radfleet/shared';

/** The problem+json body of a failed call, or a stand-in when the server could not be reached. */
export function problemOf(err: unknown): ProblemDetails {
  if (err instanceof HttpErrorResponse) {
    const body = err.error as Partial<ProblemDetails> | null;
    if (body && typeof body === 'object' && typeof body.status === 'number')
      return body as ProblemDetails;
    return {
      type: 'about:blank',
      title: err.statusText || 'Error',
      status: err.status,
      detail: err.message,
    };
  }
  return { type: 'about:blank', title: 'Error', status: 0, detail: String(err) };
}

export type FieldErrorMap = Partial<Record<string, string>>;

export function fieldErrors(err: unknown): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const e of (problemOf(err).errors ?? []) as FieldError[]) out[e.field] ??= e.message;
  return out;
}

/** A 409 STALE_VERSION: someone saved the record since it was read. */
export function isStaleVersion(err: unknown): boolean {
  const p = problemOf(err);
  return p.status === 409 && p.code === 'STALE_VERSION';
}
