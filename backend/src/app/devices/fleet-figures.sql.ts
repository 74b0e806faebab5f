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
 * The service life in force, in years: the device's own override, else its modality's default
 * (`m` is the alias of its `modalities` row). The one place that says which life applies.
 */
export const lifeInForceSql = (d: string, m: string): string =>
  `coalesce(${d}.service_life_years, ${m}.service_life_years)`;

/** Past life: `today` is after the end-of-life date (false when that date is unknown). */
export const pastLifeSql = (endOfLifeDay: string, today: string): string =>
  `coalesce(${today} > ${endOfLifeDay}, false)`;

/** Remaining life in whole months from `today` to the end of life; negative once past it. */
export const remainingLifeMonthsSql = (endOfLifeDay: string, today: string): string =>
  `(CASE WHEN ${endOfLifeDay} IS NULL THEN NULL ELSE ${wholeMonthsBetweenSql(today, endOfLifeDay)} END)`;
