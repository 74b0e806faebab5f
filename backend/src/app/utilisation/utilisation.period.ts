import { cityToday, resolvePeriod as commonResolvePeriod } from '../common/calendar.js';
import { UtilisationErrorCode, UtilisationException } from './utilisation.exception.js';

/** The same calendar day a year earlier (29 February becomes 28 February). */
export function minusYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The common period rules, answering with this domain's exception. */
export function resolvePeriod(
  q: { from?: string; to?: string },
  today = cityToday(),
): { from: string; to: string } {
  return commonResolvePeriod(
    q,
    today,
    (message, errors) =>
      new UtilisationException(UtilisationErrorCode.INVALID_PERIOD, message, { errors }),
  );
}
