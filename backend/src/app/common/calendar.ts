import type { FieldError } from '@radfleet/shared';
import { DomainException, ErrorKind } from './problem/domain.exception.js';

/** The city's time zone: its calendar days are the days of every figure and rule. */
export const CITY_TZ = 'Europe/Moscow';

const DAY_MS = 86_400_000;

/** Longest period a query may span. */
export const MAX_PERIOD_DAYS = 366 * 10;

/** Today's date in the city, `YYYY-MM-DD`. */
export function cityToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TZ }).format(now);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * A period of whole days, `from` to `to` inclusive, with its defaults (the 365 days up to today)
 * and checked: `from` not after `to`, at most MAX_PERIOD_DAYS. A 400 names `from` otherwise.
 */
export function resolvePeriod(
  q: { from?: string; to?: string },
  today = cityToday(),
  fail: (message: string, errors: FieldError[]) => DomainException = (message, errors) =>
    new DomainException('INVALID_PERIOD', ErrorKind.BAD_INPUT, message, { errors }),
): { from: string; to: string } {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, -364);
  const problem =
    from > to
      ? 'from must not be after to'
      : daysBetween(from, to) >= MAX_PERIOD_DAYS
        ? `the period may span at most ${MAX_PERIOD_DAYS} days`
        : null;
  if (problem) throw fail(`${problem}.`, [{ field: 'from', message: problem }]);
  return { from, to };
}
