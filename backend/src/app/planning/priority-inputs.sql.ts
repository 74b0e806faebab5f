import { ServiceEventType } from '@radfleet/shared';
import {
  ageYearsSql,
  daysInServiceInWindowSql,
  installedOnSql,
  serviceStartSql,
  studiesWindowSql,
  wholeMonthsSql,
  windowDaysSql,
} from '../devices/fleet-figures.sql.js';
import { yearlyServiceCostByDeviceSql } from '../service-events/index.js';
import {
  dayStart,
  EVENT_END,
  installedLowerSql,
  installedUpperSql,
  multirangeHours,
} from '../service-events/downtime.query.js';
import {
  hoursPerWeekSql,
  installedFromSql,
  installedToSql,
  scheduledHoursSql,
  workingDayIndexSql,
} from '../utilisation/index.js';

/**
 * The inputs of the replacement priority score, each read by ONE named SQL fragment, so that a
 * definition can be swapped here alone.
 *
 * Every fragment is a SELECT keyed by `device_id`, for every device at once; `today` is an SQL
 * date expression (the city's today, passed as a parameter). The figures other domains define
 * (capacity and utilisation %, the yearly service cost, unplanned downtime) come from those
 * domains' SQL twins, so that the score reads the numbers the device page and the dashboards show.
 */

/**
 * The 12-month window of studies and utilisation: the 12 complete calendar months before the
 * current one, [lo, hi) (fleet-figures.sql.ts, where life by use is defined).
 */
export { daysInServiceInWindowSql, studiesWindowSql, windowDaysSql };

/**
 * Studies in the last 12 months per device, with the number of months that have counts. Digital
 * devices' counts come from the archive, analogue ones' from hand counts (both land in
 * `daily_utilisation` and its rollup). A device without rows has no data (modality default life).
 */
export const studiesLast12MonthsSql = (today: string): string => {
  const w = studiesWindowSql(today);
  return `SELECT mu.device_id, sum(mu.studies)::bigint AS studies, count(*)::int AS months_with_counts
            FROM monthly_utilisation mu
           WHERE mu.month >= ${w.lo} AND mu.month < ${w.hi}
           GROUP BY mu.device_id`;
};

/** The last day of the window, inclusive (the day before the current month). */
const windowLastDaySql = (today: string): string => `(${studiesWindowSql(today).hi} - 1)`;

/**
 * Capacity of the window in studies, as utilisation defines it (shared/src/utilisation/capacity.ts,
 * its SQL twin utilisation/capacity.sql.ts): nominal studies per hour × scheduled hours of the
 * days of the window while the device was installed — the production calendar's working days at
 * hours/5, or every day at hours/7 for a schedule over 120 hours a week. `wb`/`wa` are rows of the
 * working-day index (`workingDayIndexSql`) at the installed span's last day and the day before its
 * first. Utilisation % is then `utilisationPct(studies, capacity, hasCounts)` of the same module.
 */
export const windowCapacitySql = (d: string, m: string, today: string, wb: string, wa: string) => {
  const ia = installedFromSql(d, studiesWindowSql(today).lo);
  const ib = `coalesce(${installedToSql(d, windowLastDaySql(today))}, ${windowLastDaySql(today)})`;
  return `(${m}.nominal_studies_per_hour::float8 * ${scheduledHoursSql(hoursPerWeekSql(d, m), ia, ib, `${wb}.cum`, `${wa}.cum`)})::float8`;
};

/**
 * Unplanned downtime and breakdowns of the last 12 months (the 365 days up to today, in city
 * time, clipped to now and to the days the device was installed), as the device page's
 * availability (service-events/device-figures.service.ts) reads it with downtime.query.ts:
 * breakdowns only, round the clock, their intervals merged with `range_agg` so that overlapping
 * breakdowns count once. Breakdowns are those reported in the window.
 */
export const unplannedDowntimeSql = (today: string): string => `
  SELECT x.device_id, x.breakdowns, coalesce(${multirangeHours('x.mr')}, 0)::float8 AS downtime_hours
    FROM (
      SELECT e.device_id,
             count(*) FILTER (WHERE e.reported_at >= p.lo)::int AS breakdowns,
             range_agg(tstzrange(greatest(e.reported_at, p.lo), least(${EVENT_END('e')}, p.hi)))
AS mr
        FROM service_events e
        JOIN devices d ON d.id = e.device_id
        CROSS JOIN LATERAL (
          SELECT greatest(${dayStart(`${today} - 364`)}, ${installedLowerSql('d')}) AS lo,
                 least(now(), ${dayStart(`${today} + 1`)}, ${installedUpperSql('d')}) AS hi) p
       WHERE e.type = '${ServiceEventType.BREAKDOWN}' AND p.lo < p.hi
         AND e.reported_at < p.hi AND ${EVENT_END('e')} > p.lo
       GROUP BY e.device_id
    ) x`;

/**
 * A purchase price escalated to `today` by `pct` % a year, compounded over whole months since
 * `since` (the SQL twin of `escalate` in planning-rules.ts).
 */
export const escalatedSql = (price: string, since: string, today: string, pct: string): string =>
  `(${price} * power(1 + ${pct} / 100.0, greatest(0, ${wholeMonthsSql(since, today)}) / 12.0))`;

/**
 * The fleet's own price per modality: the median of the purchase prices of the devices that
 * started service in the last five years, each escalated to today. `$pct` is the escalation %.
 */
export const fleetMedianPriceSql = (today: string, pct: string): string => `
  SELECT d.modality,
         round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${escalatedSql('d.purchase_price', serviceStartSql('d'), today, pct)})::numeric, 2)::text AS price,
         count(*)::int AS purchases
    FROM devices d
   WHERE d.purchase_price IS NOT NULL AND d.status <> 'PLANNED'
     AND ${serviceStartSql('d')} > (${today} - interval '5 years')::date AND ${serviceStartSql('d')} <= ${today}
   GROUP BY d.modality`;

/**
 * Every installed device on `today` with the inputs of its score, in one statement. `filters` is
 * an SQL condition over `d` (a device row with `facility_name` and `district`), applied after the
 * backup count, which sees the whole installed base. Each input reads its domain's one definition:
 * capacity (for utilisation %) from utilisation/capacity.sql.ts, the yearly service cost from
 * service-events/cost-of-ownership.sql.ts, unplanned downtime from downtime.query.ts.
 */
export const priorityInputsSql = (today: string, filters: string): string => `
  WITH s AS MATERIALIZED (${studiesLast12MonthsSql(today)}),
       dt AS MATERIALIZED (${unplannedDowntimeSql(today)}),
       sc AS MATERIALIZED (${yearlyServiceCostByDeviceSql(today)}),
       wdi AS MATERIALIZED (${workingDayIndexSql(studiesWindowSql(today).lo, windowLastDaySql(today))}),
       base AS (
         SELECT d.*, f.name AS facility_name, f.district,
                m.service_life_years AS modality_life,
                count(*) OVER (PARTITION BY d.facility_id, d.modality)::int AS same_in_facility
           FROM devices d
           JOIN facilities f ON f.id = d.facility_id
           JOIN modalities m ON m.code = d.modality
          WHERE ${installedOnSql('d', today)}
       )
  SELECT d.id, d.inventory_number, d.manufacturer, d.model, d.modality, d.technology,
         d.facility_id, d.facility_name, d.district, d.status,
         d.service_life_years, d.modality_life, d.commissioning_date::text AS commissioning_date,
         d.year_of_manufacture, d.decommissioned_on::text AS decommissioned_on,
         d.vendor_support_ends_on::text AS vendor_support_ends_on,
         d.same_in_facility,
         ${ageYearsSql('d', today)} AS age,
         ${wholeMonthsSql(serviceStartSql('d'), today)} AS age_months,
         coalesce(s.studies, 0)::float8 AS studies,
         (s.device_id IS NOT NULL) AS has_counts,
         ${daysInServiceInWindowSql('d', today)} AS days_in_service,
         ${windowDaysSql(today)} AS window_days,
         ${windowCapacitySql('d', 'm', today, 'wb', 'wa')} AS capacity_studies,
         coalesce(dt.downtime_hours, 0) AS downtime_hours,
         coalesce(dt.breakdowns, 0) AS breakdowns,
         coalesce(sc.service_cost, 0)::float8 AS service_cost
    FROM base d
    JOIN modalities m ON m.code = d.modality
    LEFT JOIN s ON s.device_id = d.id
    LEFT JOIN dt ON dt.device_id = d.id
    LEFT JOIN sc ON sc.device_id = d.id
    LEFT JOIN wdi wb ON wb.day = coalesce(${installedToSql('d', windowLastDaySql(today))}, ${windowLastDaySql(today)})
    LEFT JOIN wdi wa ON wa.day = ${installedFromSql('d', studiesWindowSql(today).lo)} - 1
   WHERE ${filters}`;
