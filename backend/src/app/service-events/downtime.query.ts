import { CITY_TZ } from '../common/calendar.js';

/**
 * SQL pieces for downtime and uptime, shared by device uptime, contract SLA, the contract register
 * and the daily checks. Periods are whole days in city time; downtime is the union
 * (`range_agg`) of event intervals, so events that overlap count once.
 */

/** The city's time zone: day boundaries, the "today" of statuses, a schedule's working hours. */

/** Today's date in the city. */
export const CITY_TODAY = `(now() AT TIME ZONE '${CITY_TZ}')::date`;

/** The start of a day (a date expression) in city time, as a timestamptz. */
export const dayStart = (date: string) => `((${date})::timestamp AT TIME ZONE '${CITY_TZ}')`;

/** An event's interval: reported until resolved, or until now while open. */
export const EVENT_END = (e: string) =>
  `coalesce(${e}.resolved_at, greatest(now(), ${e}.reported_at))`;

/** Hours in a multirange, round the clock. */
export const multirangeHours = (mr: string) =>
  `(SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) FROM unnest(${mr}) r) / 3600.0`;

/**
 * Hours of a multirange inside a device's schedule of `hpw` hours a week: on working days (Mon–Fri)
 * from 08:00 for hpw / 5 hours when hpw ≤ 120, every day for hpw / 7 hours above that.
 */
export const scheduledHours = (mr: string, hpw: string) => `(
  SELECT coalesce(sum(extract(epoch FROM upper(s.x) - lower(s.x))), 0) / 3600.0
    FROM unnest(${mr}) r
    CROSS JOIN LATERAL generate_series((lower(r) AT TIME ZONE '${CITY_TZ}')::date, (upper(r) AT TIME ZONE '${CITY_TZ}')::date, interval '1 day') g(day)
    CROSS JOIN LATERAL (SELECT r * tstzrange(
        (g.day + time '08:00') AT TIME ZONE '${CITY_TZ}',
        (g.day + time '08:00' + least(24, CASE WHEN ${hpw} <= 120 THEN ${hpw} / 5.0 ELSE ${hpw} / 7.0 END) * interval '1 hour') AT TIME ZONE '${CITY_TZ}') AS x) s
   WHERE (${hpw} > 120 OR extract(isodow FROM g.day) < 6))`;

/** Hours on a basis: round the clock when `hpw` is null or a full week, else the schedule. */
export const basisHours = (mr: string, hpw: string) =>
  `CASE WHEN ${hpw} IS NULL OR ${hpw} >= 168 THEN ${multirangeHours(mr)} ELSE ${scheduledHours(mr, hpw)} END`;

/** Rounds hours for answers. */
export const round2 = (n: number) => Math.round(n * 100) / 100;
