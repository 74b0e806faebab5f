import { addMonths, measurementPeriodStart, type SlaMeasurementPeriod } from '@radfleet/shared';

/**
 * The range of days the contract page asks the SLA of: the last `months` months up to today,
 * within the contract's dates (the server widens it to whole measurement periods). Null when the
 * contract has not started yet.
 */
export function slaRange(
  start: string,
  end: string,
  today: string,
  kind: SlaMeasurementPeriod,
  months = 24,
): { from: string; to: string } | null {
  const to = end < today ? end : today;
  const earliest = measurementPeriodStart(addMonths(to, -(months - 1)), kind);
  const from = start > earliest ? start : earliest;
  return from <= to ? { from, to } : null;
}

/** The year, month and quarter of a measurement period starting on `from`. */
export function periodOf(from: string): { year: number; month: number; quarter: number } {
  const month = Number(from.slice(5, 7));
  return { year: Number(from.slice(0, 4)), month, quarter: Math.floor((month - 1) / 3) + 1 };
}
