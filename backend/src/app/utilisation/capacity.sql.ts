import { runsEveryDaySql, scheduledHoursOnDaySql } from '../calendar/schedule.sql.js';
import { installedOnSql, serviceStartSql } from '../devices/fleet-figures.sql.js';

/**
 * The SQL twins of shared/src/utilisation/capacity.ts (the one definition of utilisation's
 * capacity), tested against it in test/utilisation-capacity.integration-spec.ts. `d` is the alias
 * of a `devices` row, `m` of its `modalities` row.
 */

/** Scheduled hours a week in force: the device's own, else its modality's. */
export const hoursPerWeekSql = (d: string, m: string): string =>
  `coalesce(${d}.scheduled_hours_per_week, ${m}.scheduled_hours_per_week)::float8`;

export { runsEveryDaySql, scheduledHoursOnDaySql };

/** First day of [from, to] on which the device is installed (may be after `to`: none). */
export const installedFromSql = (d: string, from: string): string =>
  `greatest(${from}, ${serviceStartSql(d)})`;

/** Last day of [from, to] on which the device is installed: the day before decommissioning. */
export const installedToSql = (d: string, to: string): string =>
  `least(${to}, ${d}.decommissioned_on - 1)`;

/** Installed on at least one day of [from, to]: in the installed base on its first such day. */
export const installedDuringSql = (d: string, from: string, to: string): string =>
  `(${installedOnSql(d, installedFromSql(d, from))} AND ${installedFromSql(d, from)} <= ${to})`;

/**
 * The working-day index: per day of [from − 1, to], the number of working days up to and including
 * it, so that the working days of any [a, b] inside are `cum(b) − cum(a − 1)`.
 */
export const workingDayIndexSql = (from: string, to: string): string =>
  `SELECT day, working, (count(*) FILTER (WHERE working) OVER (ORDER BY day))::int AS cum
     FROM city_calendar_day WHERE day >= (${from}) - 1 AND day <= ${to}`;

/**
 * Scheduled hours of [a, b] (the installed span), given `cumB` and `cumBeforeA`: the working-day
 * index at b and at a − 1. Zero when a > b.
 */
export const scheduledHoursSql = (
  hpw: string,
  a: string,
  b: string,
  cumB: string,
  cumBeforeA: string,
): string =>
  `(CASE WHEN ${a} > ${b} THEN 0::float8
         WHEN ${runsEveryDaySql(hpw)} THEN ${hpw} / 7 * (${b} - ${a} + 1)
         ELSE ${hpw} / 5 * (${cumB} - ${cumBeforeA}) END)`;
