import { MIN_DAYS_TO_ANNUALISE } from '@radfleet/shared';

/**
 * The SQL twins of shared/src/devices/fleet-figures.ts: the same definitions, for queries that
 * aggregate in the database. `d` is the alias of a `devices` row; `day` an SQL date expression.
 * Tested against the TypeScript definitions in test/fleet-figures.integration-spec.ts.
 */

/** Service start: commissioning, else mid-year of manufacture, else NULL. */
export const serviceStartSql = (d: string): string =>
  `coalesce(${d}.commissioning_date, make_date(${d}.year_of_manufacture, 7, 1))`;

/** Installed base on `day`: not PLANNED, started on or before it, not decommissioned by it. */
export const installedOnSql = (d: string, day: string): string =>
  `(${d}.status <> 'PLANNED' AND ${serviceStartSql(d)} <= ${day} AND (${d}.decommissioned_on IS NULL OR ${d}.decommissioned_on > ${day}))`;

/** The day age is measured to: `today`, or the decommissioning date when it came first. */
export const ageReferenceDaySql = (d: string, today: string): string =>
  `least(${today}, coalesce(${d}.decommissioned_on, ${today}))`;

/**
 * Whole months from `fromDay` to `toDay` (`toDay` not earlier), as a calendar counts them: a month
 * is complete on the same day of the month, or on that month's last day when it is shorter.
 */
export const wholeMonthsSql = (fromDay: string, toDay: string): string => {
  const m0 = `((extract(year FROM ${toDay}) - extract(year FROM ${fromDay})) * 12 + extract(month FROM ${toDay}) - extract(month FROM ${fromDay}))::int`;
  return `(${m0} - CASE WHEN (${fromDay} + make_interval(months => ${m0}))::date > ${toDay} THEN 1 ELSE 0 END)`;
};

/** Whole months from `fromDay` to `toDay`, negative when `toDay` is earlier. */
export const wholeMonthsBetweenSql = (fromDay: string, toDay: string): string =>
  `(CASE WHEN ${toDay} >= ${fromDay} THEN ${wholeMonthsSql(fromDay, toDay)} ELSE -${wholeMonthsSql(toDay, fromDay)} END)`;

/** Age in whole years (NULL when the start is unknown, 0 before it). */
export const ageYearsSql = (d: string, today: string): string =>
  `(CASE WHEN ${serviceStartSql(d)} IS NULL THEN NULL
         WHEN ${serviceStartSql(d)} >= ${ageReferenceDaySql(d, today)} THEN 0
         ELSE ${wholeMonthsSql(serviceStartSql(d), ageReferenceDaySql(d, today))} / 12 END)`;

/** End of life: service start plus `lifeYears` (an SQL integer expression). */
export const endOfLifeSql = (d: string, lifeYears: string): string =>
  `(${serviceStartSql(d)} + make_interval(years => ${lifeYears}))::date`;

/**
 * Digital share, in %, of the devices an aggregate query groups (apply it over the installed base
 * only: `WHERE ${installedOnSql(d, day)}`). NULL when the group is empty.
 */
export const digitalSharePctSql = (d: string): string =>
  `(100.0 * count(*) FILTER (WHERE ${d}.technology = 'DIGITAL') / nullif(count(*), 0))`;

/**
 * The 12-month window life by use reads: the 12 complete calendar months before the current one,
 * [lo, hi). Complete months read the monthly rollup (`monthly_utilisation`, kept in step with
 * `daily_utilisation` by every writer: archive counts and hand counts alike).
 */
export const studiesWindowSql = (today: string) => ({
  lo: `(date_trunc('month', ${today}) - interval '12 months')::date`,
  hi: `date_trunc('month', ${today})::date`,
});

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
 * Life by use, in years (the SQL twin of `adjustedLife`'s USE basis in
 * backend/src/app/planning/planning-rules.ts): the life of the band (`life_bands`, planning's
 * reference data) that the device's studies of the window fall in, annualised when it was in service
 * for part of the window (at least `MIN_DAYS_TO_ANNUALISE` days); NULL without counts in the window.
 */
export const lifeByUseSql = (d: string, today: string): string => {
  const w = studiesWindowSql(today);
  const days = daysInServiceInWindowSql(d, today);
  const perYear = `(CASE WHEN ${days} >= ${windowDaysSql(today)} THEN round(u.studies)
                         ELSE round(u.studies * ${windowDaysSql(today)} / ${days}) END)`;
  return `(SELECT lb.life_years
     FROM (SELECT sum(mu.studies)::numeric AS studies, count(*) AS months
             FROM monthly_utilisation mu
            WHERE mu.device_id = ${d}.id AND mu.month >= ${w.lo} AND mu.month < ${w.hi}) u
     JOIN life_bands lb ON lb.modality = ${d}.modality AND lb.min_studies_per_year <= ${perYear}
    WHERE u.months > 0 AND ${days} >= ${MIN_DAYS_TO_ANNUALISE}
    ORDER BY lb.min_studies_per_year DESC
    LIMIT 1)`;
};

/**
 * The service life in force, in years: the device's own override, else its life by use (the band
 * of its yearly studies), else its modality's default (`m` is the alias of its `modalities` row).
 * The one place that says which life applies; planning calls it the adjusted life.
 */
export const lifeInForceSql = (
  d: string,
  m: string,
  today: string,
  byUse: string = lifeByUseSql(d, today),
): string => `coalesce(${d}.service_life_years, ${byUse}, ${m}.service_life_years)`;

/**
 * `lifeByUseSql` as a lateral join aliased `alias` with one column `years`, evaluated once per
 * device row: pass `${alias}.years` as `lifeInForceSql`'s `byUse` where the life is read more than
 * once per row (the registry's end of life, remaining life, past-life flag and sort). `OFFSET 0`
 * keeps PostgreSQL from pulling the subquery up and copying it into every reference.
 */
export const lifeByUseJoinSql = (d: string, today: string, alias: string): string =>
  `LEFT JOIN LATERAL (SELECT ${lifeByUseSql(d, today)} AS years OFFSET 0) ${alias} ON true`;

/** Past life: `today` is after the end-of-life date (false when that date is unknown). */
export const pastLifeSql = (endOfLifeDay: string, today: string): string =>
  `coalesce(${today} > ${endOfLifeDay}, false)`;

/** Remaining life in whole months from `today` to the end of life; negative once past it. */
export const remainingLifeMonthsSql = (endOfLifeDay: string, today: string): string =>
  `(CASE WHEN ${endOfLifeDay} IS NULL THEN NULL ELSE ${wholeMonthsBetweenSql(today, endOfLifeDay)} END)`;
