import { UtilisationErrorCode, UtilisationException } from './utilisation.exception.js';

/** Longest period a query may span (the demo keeps 3 years, the benchmark 5). */
export const MAX_PERIOD_DAYS = 366 * 10;
const DAY_MS = 86_400_000;

export function isoToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The same calendar day a year earlier (29 February becomes 28 February). */
export function minusYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `from`/`to` with their defaults (the 365 days up to today), checked: from ≤ to, at most 10 years. */
export function resolvePeriod(
  q: { from?: string; to?: string },
  today = isoToday(),
): { from: string; to: string } {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, -364);
  if (from > to) {
    throw new UtilisationException(
      UtilisationErrorCode.INVALID_PERIOD,
      'from must not be after to.',
      {
        errors: [{ field: 'from', message: 'from must not be after to' }],
      },
    );
  }
  if (daysBetween(from, to) >= MAX_PERIOD_DAYS) {
    throw new UtilisationException(
      UtilisationErrorCode.INVALID_PERIOD,
      `A period may span at most ${MAX_PERIOD_DAYS} days.`,
      {
        errors: [{ field: 'from', message: `the period may span at most ${MAX_PERIOD_DAYS} days` }],
      },
    );
  }
  return { from, to };
}

export function growthPct(now: number, before: number): number | null {
  return before > 0 ? Math.round(((now - before) / before) * 1000) / 10 : null;
}
