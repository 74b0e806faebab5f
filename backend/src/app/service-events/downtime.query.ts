import { hoursPerScheduledDaySql, runsEveryDaySql } from '../calendar/schedule.sql.js';
import { CITY_TZ } from '../common/calendar.js';
import { serviceStartSql } from '../devices/fleet-figures.sql.js';

/**
 * SQL pieces for downtime, shared by a device's availability, contract SLA, the contract register
 * and the daily checks. Periods are whole days in city time (`CITY_TZ` spelled out in every
 * conversion, so that the answers do not depend on the session's or the server's zone); downtime
 * is the union (`range_agg`) of event intervals, so events that overlap count once.
 */

/** The start of a day (a date expression) in city time, as a timestamptz. */
export const dayStart = (date: string) => `((${date})::timestamp AT TIME ZONE '${CITY_TZ}')`;

/** The city date of a timestamptz expression. */
export const cityDay = (ts: string) => `((${ts}) AT TIME ZONE '${CITY_TZ}')::date`;

/** An event's interval: reported until resolved, or until now while open. */
export const EVENT_END = (e: string) =>
  `coalesce(${e}.resolved_at, greatest(now(), ${e}.reported_at))`;

/**
 * Coverage of a device `d` (a `devices` row) by a contract line `cd` (a `contract_devices` row of
 * contract `c`): from the later of its service start and the device's service start (commissioning)
 * to the earlier of its service end, the contract's termination and the device's decommissioning.
 * As timestamptz bounds, the upper one exclusive. A PLANNED device is never covered.
 */
export const coverageLowerSql = (d: string, cd: string) =>
  `greatest(${dayStart(`${cd}.service_from`)}, ${dayStart(serviceStartSql(d))})`;
export const coverageUpperSql = (d: string, cd: string, c: string) =>
  `CASE WHEN ${d}.status = 'PLANNED' THEN '-infinity'::timestamptz
        ELSE least(${dayStart(`${cd}.service_to + 1`)}, ${dayStart(`${c}.terminated_on`)}, ${dayStart(`${d}.decommissioned_on`)}) END`;

/** The days a device `d` is installed (service start to decommissioning), as timestamptz bounds. */
export const installedLowerSql = (d: string) => dayStart(serviceStartSql(d));
export const installedUpperSql = (d: string) =>
  `CASE WHEN ${d}.status = 'PLANNED' THEN '-infinity'::timestamptz
        ELSE coalesce(${dayStart(`${d}.decommissioned_on`)}, 'infinity'::timestamptz) END`;

/** Hours in a multirange, round the clock. */
export const multirangeHours = (mr: string) =>
  `(SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) FROM unnest(${mr}) r) / 3600.0`;

/**
 * Hours of a multirange inside a device's schedule of `hpw` hours a week, city time: on the working
 * days of the production calendar (`city_calendar_day`: weekends, public holidays and transferred
 * days off hold no working hours) from 08:00 for the scheduled hours of the day, by the one
 * schedule rule (calendar/schedule.sql.ts): hpw / 5 on working days, every day hpw / 7 above 120 h.
 */
export const scheduledHours = (mr: string, hpw: string) => `(
  SELECT coalesce(sum(extract(epoch FROM upper(s.x) - lower(s.x))), 0) / 3600.0
    FROM unnest(${mr}) r
    JOIN city_calendar_day cal
      ON cal.day BETWEEN ${cityDay('lower(r)')} AND ${cityDay('upper(r)')}
     AND (${runsEveryDaySql(hpw)} OR cal.working)
    CROSS JOIN LATERAL (SELECT r * tstzrange(
        (cal.day + time '08:00') AT TIME ZONE '${CITY_TZ}',
        (cal.day + time '08:00' + ${hoursPerScheduledDaySql(hpw)} * interval '1 hour') AT TIME ZONE '${CITY_TZ}') AS x) s)`;

/** Hours on a basis: round the clock when `hpw` is null or a full week, else the schedule. */
export const basisHours = (mr: string, hpw: string) =>
  `CASE WHEN ${hpw} IS NULL OR ${hpw} >= 168 THEN ${multirangeHours(mr)} ELSE ${scheduledHours(mr, hpw)} END`;

/** Rounds hours for answers. */
export const round2 = (n: number) => Math.round(n * 100) / 100;
