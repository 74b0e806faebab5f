import {
  addDays,
  cityDateOf,
  DEFAULT_CITY_TIME_ZONE,
  daysBetween,
  isTimeZone,
  type FieldError,
} from '@radfleet/shared';
import { DomainException, ErrorKind } from './problem/domain.exception.js';

export { addDays, daysBetween };

/**
 * The city's time zone (`CITY_TIME_ZONE`, validated by the config at boot): its calendar days are
 * the days of every figure and rule. Read once, at import, so that SQL fragments can embed it; every
 * database connection also runs in this zone (see database.options.ts).
 */
export const CITY_TZ: string = (() => {
  const zone = process.env['CITY_TIME_ZONE']?.trim();
  return zone && isTimeZone(zone) ? zone : DEFAULT_CITY_TIME_ZONE;
})();

/** Today's date in the city, `YYYY-MM-DD`, whatever the server's or the database's zone. */
export function cityToday(now = new Date()): string {
  return cityDateOf(now, CITY_TZ);
}

/** Longest period a query may span. */
export const MAX_PERIOD_DAYS = 366 * 10;

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
