import {
  Granularity,
  UtilisationGroupBy,
  utilisationPct,
  type UtilisationFigures,
  type UtilisationPoint,
} from '@radfleet/shared';
import {
  hoursPerWeekSql,
  installedDuringSql,
  installedFromSql,
  installedToSql,
  runsEveryDaySql,
  scheduledHoursSql,
  workingDayIndexSql,
} from './capacity.sql.js';

/**
 * SQL of the utilisation figures (README, "Glossary" → "Utilisation"). Every figure is aggregated by
 * PostgreSQL in one statement.
 *
 * Counts: complete calendar months come from the stored rollups (`utilisation_rollup` per month,
 * facility and modality for the city rollups; `monthly_utilisation` per device and month for one
 * device or a per-device ranking), the partial months at either end from `daily_utilisation`.
 *
 * Capacity (the one definition, shared/src/utilisation/capacity.ts and its SQL twin
 * capacity.sql.ts): nominal studies per hour × scheduled hours of the days of the period while the
 * device was installed — working days of the production calendar at hours/5, or every day at
 * hours/7 for a device scheduled round the clock. Only measured devices (archive-connected,
 * analogue — counted by hand — or with any counts) add capacity and count as devices.
 * Utilisation % = studies ÷ capacity × 100; "no data" (null) when the period has no counts.
 */

export interface DeviceFilter {
  deviceId?: string;
  modality?: string[];
  district?: string[];
  facilityId?: string[];
  inServiceOnly?: boolean;
}

export interface Period {
  from: string;
  to: string;
}

export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** A rollup dimension, one device, or the district × modality cells of a heat map (`district:modality`). */
export type GroupKey = UtilisationGroupBy | 'DEVICE' | 'DISTRICT_MODALITY';

const GROUP_KEY: Record<GroupKey, { key: string; label: string }> = {
  [UtilisationGroupBy.MODALITY]: { key: 'd.modality', label: 'm.name_en' },
  [UtilisationGroupBy.FACILITY]: { key: 'd.facility_id::text', label: 'f.name' },
  [UtilisationGroupBy.DISTRICT]: { key: 'f.district', label: 'f.district' },
  DEVICE: { key: 'd.id::text', label: 'd.inventory_number' },
  DISTRICT_MODALITY: {
    key: "f.district || ':' || d.modality",
    label: "f.district || ':' || d.modality",
  },
};

/** The same keys read from the (month, facility, modality) rollup `r` joined to facilities `f`. */
const ROLLUP_KEY: Record<Exclude<GroupKey, 'DEVICE'>, string> = {
  [UtilisationGroupBy.MODALITY]: 'r.modality',
  [UtilisationGroupBy.FACILITY]: 'r.facility_id::text',
  [UtilisationGroupBy.DISTRICT]: 'f.district',
  DISTRICT_MODALITY: "f.district || ':' || r.modality",
};

/** Filters on a device `d` (with facility `f`). */
function deviceWhere(
  p: Params,
  f: DeviceFilter,
  col = { modality: 'd.modality', facility: 'd.facility_id' },
): string[] {
  const where: string[] = [];
  if (f.deviceId) where.push(`d.id = ${p.add(f.deviceId)}::uuid`);
  if (f.modality?.length) where.push(`${col.modality} = ANY(${p.add(f.modality)}::varchar[])`);
  if (f.district?.length) where.push(`f.district = ANY(${p.add(f.district)}::varchar[])`);
  if (f.facilityId?.length) where.push(`${col.facility} = ANY(${p.add(f.facilityId)}::uuid[])`);
  if (f.inServiceOnly) where.push(`d.status = 'IN_SERVICE'`);
  return where;
}

const and = (where: string[]) => (where.length ? `AND ${where.join(' AND ')}` : '');

/**
 * The devices of a filter with their group key, rate, schedule and installed span within [a, z],
 * and the working-day index of [a − 1, z].
 */
function devicesCte(p: Params, f: DeviceFilter, a: string, z: string, by: GroupKey): string {
  const g = GROUP_KEY[by];
  const where = deviceWhere(p, f);
  return `dev AS MATERIALIZED (
      SELECT d.id, ${g.key} AS key, ${g.label} AS label,
             (d.archive_connected OR d.technology = 'ANALOGUE'
               OR EXISTS (SELECT 1 FROM monthly_utilisation mu WHERE mu.device_id = d.id)) AS measured,
             ${installedDuringSql('d', a, z)} AS installed,
             m.nominal_studies_per_hour::float8 AS rate,
             ${hoursPerWeekSql('d', 'm')} AS hpw,
             ${installedFromSql('d', a)} AS ia,
             coalesce(${installedToSql('d', z)}, ${z}) AS ib
        FROM devices d
        JOIN modalities m ON m.code = d.modality
        JOIN facilities f ON f.id = d.facility_id
       WHERE true ${and(where)}),
    wdi AS MATERIALIZED (${workingDayIndexSql(a, z)})`;
}

/**
 * How a period splits: full calendar months [fm, lm) read from a monthly rollup, and the days of
 * the partial months at either end, [from, headEnd) and [tailStart, to], read day by day. No counts
 * are ever stored after today, so a period reaching today reads today's month whole from the
 * rollup. Computed here so that PostgreSQL gets constant ranges it can prune partitions with.
 */
export function periodParts(from: string, to: string, today = '9999-12-31') {
  const next = (d: string) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
  const addMonth = (d: string) => {
    const [y, m] = d.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  };
  const fm = from === monthStart(from) ? from : addMonth(monthStart(from));
  const lm = to >= today ? addMonth(monthStart(to)) : monthStart(next(to));
  const headEnd = fm < next(to) ? fm : next(to);
  const tailStart = [lm, fm, from].sort().at(-1)!;
  return { fm, lm, headEnd, tailStart };
}

/**
 * Usage rows of a period: (key, mo, s, i, ad, nr, n, o) — the group key, the month, studies,
 * images, active days, rows read, and whether the row belongs to the period (`n`) or to the
 * comparison period (`o`; a row may belong to both). Full months come from the rollup
 * (`utilisation_rollup` for city groups, `monthly_utilisation` per device), read in ONE scan over
 * the months of both periods; partial months come from the daily rows, joined to the already
 * filtered devices (`dev`, see devicesCte) for their group key.
 */
function usageRows(
  p: Params,
  f: DeviceFilter,
  by: GroupKey,
  periods: { period: Period; isNow: boolean }[],
  today: string,
  monthsFromRollup = true,
): string {
  const perDevice = by === 'DEVICE' || !!f.deviceId || !!f.inServiceOnly;
  const parts: string[] = [];
  const months: { fm: string; lm: string; isNow: boolean }[] = [];
  // One device: said on the counts' own column too, so that each partition is read by its index.
  const one = (col: string) => (f.deviceId ? `AND ${col} = ${p.add(f.deviceId)}::uuid` : '');
  const days = (a: string, z: string, tag: string) =>
    parts.push(`SELECT dev.key, date_trunc('month', x.day)::date AS mo, sum(x.studies)::bigint AS s,
              sum(x.images)::bigint AS i, (bool_or(NOT x.monthly) AND sum(x.studies) > 0)::int::bigint AS ad, 1 AS nr, ${tag}
         FROM daily_utilisation x JOIN dev ON dev.id = x.device_id
        WHERE x.day >= ${p.add(a)}::date AND x.day <= ${p.add(z)}::date ${one('x.device_id')}
        GROUP BY dev.key, x.device_id, x.day`);
  for (const { period, isNow } of periods) {
    const tag = `${isNow} AS n, ${!isNow} AS o`;
    if (!monthsFromRollup) {
      days(period.from, period.to, tag);
      continue;
    }
    const { fm, lm, headEnd, tailStart } = periodParts(period.from, period.to, today);
    if (fm < lm) months.push({ fm, lm, isNow });
    if (period.from < headEnd) days(period.from, addDay(headEnd, -1), tag);
    if (tailStart <= period.to) days(tailStart, period.to, tag);
  }
  if (months.length > 0) {
    const col = perDevice ? 'x.month' : 'r.month';
    const inRange = (m: { fm: string; lm: string }) =>
      `(${col} >= ${p.add(m.fm)}::date AND ${col} < ${p.add(m.lm)}::date)`;
    const now = months.find((m) => m.isNow);
    const before = months.find((m) => !m.isNow);
    const n = now ? inRange(now) : 'false';
    const o = before ? inRange(before) : 'false';
    const tag = `${n} AS n, ${o} AS o`;
    const anyMonth = `(${months.map(inRange).join(' OR ')})`;
    if (perDevice) {
      parts.push(`SELECT dev.key, x.month AS mo, x.studies::bigint AS s, x.images::bigint AS i,
              x.active_days::bigint AS ad, 1 AS nr, ${tag}
         FROM monthly_utilisation x JOIN dev ON dev.id = x.device_id
        WHERE ${anyMonth} ${one('x.device_id')}`);
    } else {
      const where = deviceWhere(p, f, { modality: 'r.modality', facility: 'r.facility_id' });
      const needsFacility =
        by === UtilisationGroupBy.DISTRICT || by === 'DISTRICT_MODALITY' || !!f.district?.length;
      parts.push(`SELECT ${ROLLUP_KEY[by as Exclude<GroupKey, 'DEVICE'>]} AS key, r.month AS mo, r.studies AS s, r.images AS i,
              r.active_days::bigint AS ad, 1 AS nr, ${tag}
         FROM utilisation_rollup r ${needsFacility ? 'JOIN facilities f ON f.id = r.facility_id' : ''}
        WHERE ${anyMonth} ${and(where)}`);
    }
  }
  if (parts.length === 0)
    return `SELECT NULL::text AS key, NULL::date AS mo, 0::bigint AS s, 0::bigint AS i, 0::bigint AS ad, 0 AS nr, false AS n, false AS o WHERE false`;
  return parts.join('\n        UNION ALL\n        ');
}

function addDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export interface FigureRow {
  key: string;
  label: string;
  devices: string;
  studies: string;
  images: string;
  active_days: string;
  capacity: string | null;
  /** Rows of counts read for the period: 0 means "no data". */
  rows: string;
  first_month: string | null;
  last_month: string | null;
  /** The comparison period (the same period a year earlier), when asked for. */
  prev_studies?: string;
  prev_rows?: string;
  prev_first_month?: string | null;
  prev_last_month?: string | null;
}

/**
 * Figures per group (or per device) over [from, to], and optionally the comparison period's
 * studies and the months its counts span, in one statement.
 */
export function groupFiguresSql(
  f: DeviceFilter,
  from: string,
  to: string,
  by: GroupKey,
  today = '9999-12-31',
  prev: Period | null = null,
): { sql: string; params: unknown[] } {
  const p = new Params();
  const a = `${p.add(from)}::date`;
  const z = `${p.add(to)}::date`;
  const periods = [{ period: { from, to }, isNow: true }];
  if (prev) periods.push({ period: prev, isNow: false });
  const sql = `WITH ${devicesCte(p, f, a, z, by)},
    used AS (
      SELECT u.key, sum(u.s) FILTER (WHERE u.n) AS s, sum(u.i) FILTER (WHERE u.n) AS i,
             sum(u.ad) FILTER (WHERE u.n) AS ad, count(*) FILTER (WHERE u.n) AS nr,
             min(u.mo) FILTER (WHERE u.n) AS fmo, max(u.mo) FILTER (WHERE u.n) AS lmo,
             sum(u.s) FILTER (WHERE u.o) AS ps, count(*) FILTER (WHERE u.o) AS pnr,
             min(u.mo) FILTER (WHERE u.o) AS pfmo, max(u.mo) FILTER (WHERE u.o) AS plmo
        FROM (${usageRows(p, f, by, periods, today)}) u
       GROUP BY u.key),
    cap AS (
      SELECT dev.key, count(*) AS devices,
             sum(dev.rate * ${scheduledHoursSql('dev.hpw', 'dev.ia', 'dev.ib', 'wb.cum', 'wa.cum')}) AS capacity
        FROM dev
        LEFT JOIN wdi wb ON wb.day = dev.ib
        LEFT JOIN wdi wa ON wa.day = dev.ia - 1
       WHERE dev.measured AND dev.installed
       GROUP BY dev.key),
    keys AS (SELECT dev.key, min(dev.label) AS label FROM dev GROUP BY dev.key)
    SELECT keys.key, keys.label, coalesce(cap.devices, 0) AS devices, coalesce(used.s, 0) AS studies,
           coalesce(used.i, 0) AS images, coalesce(used.ad, 0) AS active_days, coalesce(cap.capacity, 0) AS capacity,
           coalesce(used.nr, 0) AS rows, used.fmo::text AS first_month, used.lmo::text AS last_month,
           coalesce(used.ps, 0) AS prev_studies, coalesce(used.pnr, 0) AS prev_rows,
           used.pfmo::text AS prev_first_month, used.plmo::text AS prev_last_month
      FROM keys LEFT JOIN cap ON cap.key = keys.key LEFT JOIN used ON used.key = keys.key
     WHERE cap.key IS NOT NULL OR used.key IS NOT NULL`;
  return { sql, params: p.values };
}

const TRUNC: Record<Granularity, string> = {
  [Granularity.DAY]: 'day',
  [Granularity.WEEK]: 'week',
  [Granularity.MONTH]: 'month',
};

export interface SeriesRow {
  period: string | Date;
  studies: string;
  images: string;
  active_days: string;
  capacity: string | null;
  rows: string;
}

/**
 * One row per step (day, ISO week or month) of [from, to], steps clipped to the period; steps
 * without counts are included with `rows` 0 ("no data"). Monthly steps read the stored rollups for
 * full months. Capacity per day is the sum over installed devices of rate × scheduled hours of the
 * day (capacity.sql.ts), accumulated from the days devices enter and leave the installed base.
 */
export function seriesSql(
  f: DeviceFilter,
  from: string,
  to: string,
  granularity: Granularity,
  today = '9999-12-31',
): { sql: string; params: unknown[] } {
  const p = new Params();
  const a = `${p.add(from)}::date`;
  const z = `${p.add(to)}::date`;
  const unit = TRUNC[granularity];
  const monthly = granularity === Granularity.MONTH;
  const by: GroupKey = f.deviceId ? 'DEVICE' : UtilisationGroupBy.MODALITY;
  const rows = monthly
    ? usageRows(p, f, by, [{ period: { from, to }, isNow: true }], today)
    : dailyRows(p, f, from, to);
  const rtc = runsEveryDaySql('dev.hpw');
  const sql = `WITH ${devicesCte(p, f, a, z, by)},
    steps AS (
      SELECT s::date AS period FROM generate_series(date_trunc('${unit}', ${a}), ${z}, interval '1 ${unit}') s),
    used AS (
      SELECT date_trunc('${unit}', u.mo::timestamp)::date AS period, sum(u.s)::bigint AS s, sum(u.i)::bigint AS i,
             sum(u.ad)::bigint AS ad, count(*) AS nr
        FROM (${rows}) u GROUP BY 1),
    ev AS (
      SELECT day, sum(rtc) AS rtc, sum(wd) AS wd FROM (
        SELECT dev.ia AS day, CASE WHEN ${rtc} THEN dev.rate * dev.hpw / 7 ELSE 0 END AS rtc,
               CASE WHEN ${rtc} THEN 0 ELSE dev.rate * dev.hpw / 5 END AS wd
          FROM dev WHERE dev.measured AND dev.installed
        UNION ALL
        SELECT dev.ib + 1, CASE WHEN ${rtc} THEN -dev.rate * dev.hpw / 7 ELSE 0 END,
               CASE WHEN ${rtc} THEN 0 ELSE -dev.rate * dev.hpw / 5 END
          FROM dev WHERE dev.measured AND dev.installed) e
       GROUP BY day),
    per_day AS (
      SELECT w.day, w.working,
             sum(coalesce(ev.rtc, 0)) OVER (ORDER BY w.day) AS rtc,
             sum(coalesce(ev.wd, 0)) OVER (ORDER BY w.day) AS wd
        FROM wdi w LEFT JOIN ev ON ev.day = w.day WHERE w.day >= ${a}),
    cap AS (
      SELECT date_trunc('${unit}', day::timestamp)::date AS period,
             sum(rtc + CASE WHEN working THEN wd ELSE 0 END) AS capacity
        FROM per_day GROUP BY 1)
    SELECT st.period, coalesce(used.s, 0) AS studies, coalesce(used.i, 0) AS images,
           coalesce(used.ad, 0) AS active_days, greatest(coalesce(cap.capacity, 0), 0) AS capacity,
           coalesce(used.nr, 0) AS rows
      FROM steps st
      LEFT JOIN used ON used.period = st.period
      LEFT JOIN cap ON cap.period = st.period
     ORDER BY st.period`;
  return { sql, params: p.values };
}

/** Daily rows (one per device and day over every source) of [from, to], for day and week steps. */
function dailyRows(p: Params, f: DeviceFilter, from: string, to: string): string {
  const filtered = !!(
    f.modality?.length ||
    f.district?.length ||
    f.facilityId?.length ||
    f.deviceId
  );
  return `SELECT x.day AS mo, sum(x.studies) AS s, sum(x.images) AS i,
                 (bool_or(NOT x.monthly) AND sum(x.studies) > 0)::int AS ad
            FROM daily_utilisation x
            ${filtered ? 'JOIN devices d ON d.id = x.device_id JOIN facilities f ON f.id = d.facility_id' : ''}
           WHERE x.day >= ${p.add(from)}::date AND x.day <= ${p.add(to)}::date ${and(deviceWhere(p, f))}
           GROUP BY x.device_id, x.day`;
}

export function figures(r: {
  studies: string | number;
  images: string | number;
  active_days: string | number;
  capacity: string | number | null;
  rows: string | number;
}): UtilisationFigures {
  const studies = Number(r.studies);
  const images = Number(r.images);
  const capacity = r.capacity === null ? 0 : Number(r.capacity);
  const hasData = Number(r.rows) > 0;
  return {
    hasData,
    studies,
    images,
    imagesPerStudy: studies > 0 ? Math.round((images / studies) * 100) / 100 : null,
    activeDays: Number(r.active_days),
    capacityStudies: Math.round(capacity * 10) / 10,
    utilisationPct: utilisationPct(studies, capacity, hasData),
  };
}

export function point(r: SeriesRow): UtilisationPoint {
  const period =
    typeof r.period === 'string' ? r.period.slice(0, 10) : r.period.toISOString().slice(0, 10);
  return { period, ...figures(r) };
}
