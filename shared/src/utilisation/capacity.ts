import { addDays, isWorkingDay, type IsoDay } from '../calendar/city-calendar.js';

/**
 * Utilisation's one definition of capacity (README, "Glossary" → "Utilisation"). The backend's SQL
 * twin is `scheduledHoursSql` in backend/src/app/utilisation/capacity.sql.ts, tested against this.
 *
 * Utilisation % = studies ÷ (nominal studies per hour × scheduled hours of the period while the
 * device was installed) × 100.
 */

/** Hours a week at which a device is scheduled round the clock (24 × 7). */
export const ROUND_THE_CLOCK_HOURS_PER_WEEK = 168;

/** Above this many hours a week (5 × 24) a schedule cannot fit the working days: it runs every day. */
export const EVERY_DAY_ABOVE_HOURS_PER_WEEK = 120;

/**
 * The one schedule rule, shared by utilisation's capacity and the SLA's working-hours basis: a
 * device scheduled for more than 120 hours a week (round the clock is 168) works every day,
 * `hours / 7` a day; any other device works the production calendar's working days only,
 * `hours / 5` each, and no hours on days off.
 */
export function runsEveryDay(hoursPerWeek: number): boolean {
  return hoursPerWeek > EVERY_DAY_ABOVE_HOURS_PER_WEEK;
}

/** Scheduled hours of one day, by the schedule rule above. */
export function scheduledHoursOnDay(hoursPerWeek: number, day: IsoDay): number {
  if (runsEveryDay(hoursPerWeek)) return hoursPerWeek / 7;
  return isWorkingDay(day) ? hoursPerWeek / 5 : 0;
}

/** What capacity reads of a device: its installed period and its schedule. */
export interface CapacityDevice {
  /** First day in the installed base (service start); null: never installed. */
  installedFrom: IsoDay | null;
  /** Decommissioning date: the first day no longer installed; null: still installed. */
  decommissionedOn: IsoDay | null;
  /** Scheduled hours a week in force (the device's own, else its modality's). */
  hoursPerWeek: number;
}

/** The days of [from, to] on which the device is installed, or null when there are none. */
export function installedSpan(
  d: CapacityDevice,
  from: IsoDay,
  to: IsoDay,
): { from: IsoDay; to: IsoDay } | null {
  if (d.installedFrom === null) return null;
  const a = d.installedFrom > from ? d.installedFrom : from;
  const lastDay = d.decommissionedOn === null ? to : addDays(d.decommissionedOn, -1);
  const z = lastDay < to ? lastDay : to;
  return a <= z ? { from: a, to: z } : null;
}

/** Scheduled hours of [from, to] (inclusive) while the device was installed. */
export function scheduledHours(d: CapacityDevice, from: IsoDay, to: IsoDay): number {
  const span = installedSpan(d, from, to);
  if (!span) return 0;
  let hours = 0;
  for (let day = span.from; day <= span.to; day = addDays(day, 1)) {
    hours += scheduledHoursOnDay(d.hoursPerWeek, day);
  }
  return hours;
}

/** Capacity in studies: nominal studies per hour × scheduled hours. */
export function capacityStudies(
  d: CapacityDevice,
  nominalStudiesPerHour: number,
  from: IsoDay,
  to: IsoDay,
): number {
  return nominalStudiesPerHour * scheduledHours(d, from, to);
}

/**
 * Utilisation % of a period, one decimal; null ("no data") when the period has no counts at all or
 * no capacity, never 0 % for a period nobody reported.
 */
export function utilisationPct(studies: number, capacity: number, hasData: boolean): number | null {
  if (!hasData || capacity <= 0) return null;
  return Math.round((studies / capacity) * 1000) / 10;
}

/**
 * Growth of studies against a comparison period, %, one decimal: only when both periods have data
 * over the same span of days (the comparison's first and last day with counts cover the span the
 * current period's do), else null with the reason.
 */
export function comparableGrowth(
  now: { studies: number; hasData: boolean },
  before: { studies: number; hasData: boolean; covered: boolean },
): { growthPct: number | null; reason: GrowthUnavailable | null } {
  if (!now.hasData) return { growthPct: null, reason: GrowthUnavailable.NO_DATA };
  if (!before.hasData || before.studies <= 0)
    return { growthPct: null, reason: GrowthUnavailable.NO_PREVIOUS_DATA };
  if (!before.covered) return { growthPct: null, reason: GrowthUnavailable.PREVIOUS_INCOMPLETE };
  return {
    growthPct: Math.round(((now.studies - before.studies) / before.studies) * 1000) / 10,
    reason: null,
  };
}

/**
 * True when the comparison period's counts (a year earlier) span the same months as the period's:
 * its first month with counts is not after the period's first month a year back, and its last month
 * is not before the period's last month a year back. Months as `YYYY-MM-01`.
 */
export function coversSameMonths(
  now: { first: IsoDay | null; last: IsoDay | null },
  before: { first: IsoDay | null; last: IsoDay | null },
): boolean {
  if (!now.first || !now.last || !before.first || !before.last) return false;
  const yearBack = (m: IsoDay) => `${Number(m.slice(0, 4)) - 1}${m.slice(4, 7)}-01`;
  return before.first <= yearBack(now.first) && before.last >= yearBack(now.last);
}

/** Why growth is not shown. */
export enum GrowthUnavailable {
  /** The period itself has no counts. */
  NO_DATA = 'NO_DATA',
  /** The comparison period (a year earlier) has no counts. */
  NO_PREVIOUS_DATA = 'NO_PREVIOUS_DATA',
  /** The comparison period's counts do not cover the same span of the year. */
  PREVIOUS_INCOMPLETE = 'PREVIOUS_INCOMPLETE',
}
