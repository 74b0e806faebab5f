import { ContractType, ServiceEventType } from '@radfleet/shared';
import {
  ageYearsSql,
  installedOnSql,
  serviceStartSql,
  wholeMonthsSql,
} from '../devices/fleet-figures.sql.js';
import { dayStart, EVENT_END, multirangeHours } from '../service-events/downtime.query.js';

/**
 * The inputs of the replacement priority score, each read by ONE named SQL fragment, so that a
 * definition can be swapped here alone (for the integrator: the sla and utilisation domains are
 * redefining downtime, the service-cost ratio and utilisation % on other branches).
 *
 * Every fragment is a SELECT keyed by `device_id`, for every device at once; `today` is an SQL
 * date expression (the city's today, passed as a parameter).
 */

/**
 * The 12-month window of studies and utilisation: the 12 complete calendar months before the
 * current one, [lo, hi). Complete months read the monthly rollup (`monthly_utilisation`, which
 * every writer of `daily_utilisation` keeps in step in the same transaction, archive counts and
 * hand counts alike), one row per device and month, instead of ~365 daily rows.
 */
export const studiesWindowSql = (today: string) => ({
  lo: `(date_trunc('month', ${today}) - interval '12 months')::date`,
  hi: `date_trunc('month', ${today})::date`,
});

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

/** Days of the window during which the device `d` was in service (from its service start). */
export const daysInServiceInWindowSql = (d: string, today: string): string => {
  const w = studiesWindowSql(today);
  return `greatest(0, least(${w.hi}, coalesce(${d}.decommissioned_on, ${w.hi})) - greatest(${w.lo}, ${serviceStartSql(d)}))`;
};

/** Days of the window (365 or 366). */
export const windowDaysSql = (today: string): string => {
  const w = studiesWindowSql(today);
  return `(${w.hi} - ${w.lo})`;
};

/**
 * Utilisation % over the window, as utilisation.query.ts defines it: studies / (nominal studies
 * per hour of the modality × scheduled hours a week (device override, else modality default) / 7 ×
 * days in service) × 100. NULL when the device is not measured (neither archive-connected nor
 * analogue, and without counts) or had no days in service in the window.
 */
export const utilisationPctSql = (
  d: string,
  m: string,
  studies: string,
  hasCounts: string,
  today: string,
): string =>
  `(CASE WHEN NOT (${d}.archive_connected OR ${d}.technology = 'ANALOGUE' OR ${hasCounts})
           OR ${daysInServiceInWindowSql(d, today)} = 0 THEN NULL
         ELSE 100.0 * coalesce(${studies}, 0)
              / (${m}.nominal_studies_per_hour * coalesce(${d}.scheduled_hours_per_week, ${m}.scheduled_hours_per_week) / 7.0
                 * ${daysInServiceInWindowSql(d, today)}) END)::float8`;

/**
 * Unplanned downtime and breakdowns of the last 12 months (the 365 days up to today, in city
 * time, clipped to now): breakdowns only, their intervals merged with `range_agg` so that
 * overlapping breakdowns count once (as downtime.query.ts does for uptime and SLA). Breakdowns are
 * those reported in the window.
 */
export const unplannedDowntimeSql = (today: string): string => `
  SELECT x.device_id, x.breakdowns, coalesce(${multirangeHours('x.mr')}, 0)::float8 AS downtime_hours
    FROM (
      SELECT e.device_id,
             count(*) FILTER (WHERE e.reported_at >= p.lo)::int AS breakdowns,
             range_agg(tstzrange(greatest(e.reported_at, p.lo), least(${EVENT_END('e')}, p.hi))) AS mr
        FROM service_events e,
             (SELECT ${dayStart(`${today} - 364`)} AS lo, least(now(), ${dayStart(`${today} + 1`)}) AS hi) p
       WHERE e.type = '${ServiceEventType.BREAKDOWN}' AND e.reported_at < p.hi AND ${EVENT_END('e')} > p.lo
       GROUP BY e.device_id
    ) x`;

/**
 * Yearly service cost, roubles, over the last 12 months (the cost-of-ownership service computes it
 * for one device at a time and cannot serve 13,000; this is its definition restricted to service):
 * the costs of the device's service events reported in the window, plus its equal share of the
 * milestones of SERVICE contracts covering it that were paid in the window. Supply and lifecycle
 * payments buy the device and are not service.
 */
export const yearlyServiceCostSql = (today: string): string => `
  SELECT c.device_id, sum(c.amount)::float8 AS service_cost
    FROM (
      SELECT e.device_id, e.cost AS amount
        FROM service_events e
       WHERE e.reported_at >= ${dayStart(`${today} - 364`)} AND e.reported_at < ${dayStart(`${today} + 1`)}
      UNION ALL
      SELECT cd.device_id, m.amount / n.devices AS amount
        FROM contract_devices cd
        JOIN contracts k ON k.id = cd.contract_id AND k.type = '${ContractType.SERVICE}'
        JOIN payment_milestones m ON m.contract_id = cd.contract_id
        JOIN (SELECT contract_id, count(*) AS devices FROM contract_devices GROUP BY contract_id) n
          ON n.contract_id = cd.contract_id
       WHERE m.paid_on > ${today} - 365 AND m.paid_on <= ${today}
    ) c
   GROUP BY c.device_id`;

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
 * backup count, which sees the whole installed base.
 */
export const priorityInputsSql = (today: string, filters: string): string => `
  WITH s AS MATERIALIZED (${studiesLast12MonthsSql(today)}),
       dt AS MATERIALIZED (${unplannedDowntimeSql(today)}),
       sc AS MATERIALIZED (${yearlyServiceCostSql(today)}),
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
         ${utilisationPctSql('d', 'm', 's.studies', 's.device_id IS NOT NULL', today)} AS utilisation_pct,
         (m.nominal_studies_per_hour * coalesce(d.scheduled_hours_per_week, m.scheduled_hours_per_week) / 7.0
           * ${daysInServiceInWindowSql('d', today)})::float8 AS capacity_studies,
         coalesce(dt.downtime_hours, 0) AS downtime_hours,
         coalesce(dt.breakdowns, 0) AS breakdowns,
         sc.service_cost
    FROM base d
    JOIN modalities m ON m.code = d.modality
    LEFT JOIN s ON s.device_id = d.id
    LEFT JOIN dt ON dt.device_id = d.id
    LEFT JOIN sc ON sc.device_id = d.id
   WHERE ${filters}`;
