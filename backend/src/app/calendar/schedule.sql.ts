import { EVERY_DAY_ABOVE_HOURS_PER_WEEK } from '@radfleet/shared';

/**
 * The SQL twin of the one schedule rule (shared/src/utilisation/capacity.ts, `runsEveryDay` and
 * `scheduledHoursOnDay`), used by utilisation's capacity and by the SLA's working-hours basis.
 * `hpw` is an SQL expression of the scheduled hours a week.
 */

/** True when the schedule runs every day (more than 120 hours a week), not only working days. */
export const runsEveryDaySql = (hpw: string): string =>
  `(${hpw} > ${EVERY_DAY_ABOVE_HOURS_PER_WEEK})`;

/** Scheduled hours of each day the schedule works: hpw / 7 when it runs every day, else hpw / 5. */
export const hoursPerScheduledDaySql = (hpw: string): string =>
  `(CASE WHEN ${runsEveryDaySql(hpw)} THEN ${hpw} / 7.0 ELSE ${hpw} / 5.0 END)`;

/** Scheduled hours of one day (`working`: the day's `city_calendar_day.working`). */
export const scheduledHoursOnDaySql = (hpw: string, working: string): string =>
  `(CASE WHEN ${runsEveryDaySql(hpw)} OR ${working} THEN ${hoursPerScheduledDaySql(hpw)} ELSE 0 END)`;
