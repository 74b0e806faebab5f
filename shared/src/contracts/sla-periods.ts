import { addDays, addMonths, type IsoDay } from '../calendar/city-calendar.js';
import { SlaMeasurementPeriod } from './contract.js';

/** One whole measurement period: its first and last day. */
export interface MeasurementPeriod {
  from: IsoDay;
  to: IsoDay;
}

/** The first day of the measurement period `day` falls in. */
export function measurementPeriodStart(day: IsoDay, kind: SlaMeasurementPeriod): IsoDay {
  const month = Number(day.slice(5, 7));
  const first = kind === SlaMeasurementPeriod.QUARTER ? month - ((month - 1) % 3) : month;
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/**
 * The whole measurement periods (calendar months or quarters) that the days `from`–`to` touch, in
 * order. An SLA is computed per such period, never over an arbitrary range.
 */
export function measurementPeriods(
  from: IsoDay,
  to: IsoDay,
  kind: SlaMeasurementPeriod,
): MeasurementPeriod[] {
  const step = kind === SlaMeasurementPeriod.QUARTER ? 3 : 1;
  const periods: MeasurementPeriod[] = [];
  for (let start = measurementPeriodStart(from, kind); start <= to;) {
    const next = addMonths(start, step);
    periods.push({ from: start, to: addDays(next, -1) });
    start = next;
  }
  return periods;
}
