import {
  Granularity,
  UtilisationGroupBy,
  type UtilisationFigures,
  type UtilisationPoint,
} from '@radfleet/shared';
import { addDays, daysBetween } from '../common/calendar.js';

/**
 * SQL of the utilisation figures. Every figure is aggregated by PostgreSQL in one statement:
 * complete calendar months come from `monthly_utilisation` (one row per device and month), the
 * partial months at either end of a period from `daily_utilisation`.
 *
 * Capacity of a device over a period = nominal studies per hour (modality) × scheduled hours a
 * week (device override, else modality default) / 7 × days of the period during which the device
 * was commissioned and not yet decommissioned. Utilisation % = studies / capacity × 100.
 *
 * A device counts in a rollup when it is measured (archive-connected, or analogue, whose counts
 * are typed in) or has any counts in the period; planned devices never do.
 */

export interface DeviceFilter {
  deviceId?: string;
  modality?: string[];
  district?: string[];
  facilityId?: string[];
  inServiceOnly?: boolean;
}

function nextMonth(monthStart: string): string {
  const [y, m] = monthStart.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const GROUP_KEY: Record<UtilisationGroupBy | 'DEVICE', { key: string; label: string }> = {
  [UtilisationGroupBy.MODALITY]: { key: 'd.modality', label: 'm.name_en' },
  [UtilisationGroupBy.FACILITY]: { key: 'd.facility_id::text', label: 'f.name' },
  [UtilisationGroupBy.DISTRICT]: { key: 'f.district', label: 'f.district' },
  DEVICE: { key: 'd.id::text', label: 'd.inventory_number' },
};

function deviceWhere(p: Params, f: DeviceFilter): string {
  const where = [`d.status <> 'PLANNED'`];
  if (f.deviceId) where.push(`d.id = ${p.add(f.deviceId)}::uuid`);
  if (f.modality?.length) where.push(`d.modality = ANY(${p.add(f.modality)}::varchar[])`);
  if (f.district?.length) where.push(`f.district = ANY(${p.add(f.district)}::varchar[])`);
  if (f.facilityId?.length) where.push(`d.facility_id = ANY(${p.add(f.facilityId)}::uuid[])`);
  if (f.inServiceOnly) where.push(`d.status = 'IN_SERVICE'`);
  return where.join(' AND ');
}

/**
 * The devices of a filter with their group key, capacity a day and active span within [from, to].
 * A device is measured when it is archive-connected or analogue (its counts are typed in), or has
 * any counts at all; only measured devices add capacity and count as devices.
 */
function devicesCte(
  p: Params,
  f: DeviceFilter,
  from: string,
  to: string,
  by: keyof typeof GROUP_KEY,
): string {
  const g = GROUP_KEY[by];
  return `dev AS MATERIALIZED (
      SELECT d.id, ${g.key} AS key, ${g.label} AS label,
             (d.archive_connected OR d.technology = 'ANALOGUE'
               OR EXISTS (SELECT 1 FROM monthly_utilisation mu WHERE mu.device_id = d.id)) AS measured,
             (m.nominal_studies_per_hour * coalesce(d.scheduled_hours_per_week, m.scheduled_hours_per_week))::float8 / 7 AS cap_per_day,
             greatest(${from}, coalesce(d.commissioning_date, ${from})) AS act_from,
             least(${to}, coalesce(d.decommissioned_on, ${to})) AS act_to
        FROM devices d
        JOIN modalities m ON m.code = d.modality
        JOIN facilities f ON f.id = d.facility_id
       WHERE ${deviceWhere(p, f)})`;
}

/**
 * How a period splits: full calendar months [fm, lm) read from the monthly rollup, and the days
 * of the partial months at either end, [from, headEnd) and [tailStart, to], read day by day.
 * No counts are ever stored after today, so a period reaching today reads today's month whole
 * from the rollup. Computed here so that PostgreSQL gets constant ranges it can scan by index.
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
 * Usage rows (device_id, day, s, i, ad) of [from, to]: full months from the rollup (when
 * `months`), the rest from the days, one row per device and day over every source.
 */
function usageRows(
  p: Params,
  f: DeviceFilter,
  from: string,
  to: string,
  months: boolean,
  today: string,
): string {
  const { fm, lm, headEnd, tailStart } = periodParts(from, to, today);
  const only = f.deviceId ? `AND x.device_id = ${p.add(f.deviceId)}::uuid` : '';
  const days = (a: string, z: string, op: '<' | '<=') =>
    `SELECT x.device_id, x.day, sum(x.studies) AS s, sum(x.images) AS i,
            (bool_or(NOT x.monthly) AND sum(x.studies) > 0)::int AS ad
       FROM daily_utilisation x WHERE x.day >= ${p.add(a)}::date AND x.day ${op} ${p.add(z)}::date ${only}
      GROUP BY x.device_id, x.day`;
  const parts: string[] = [];
  if (!months) {
    parts.push(days(from, to, '<='));
  } else {
    if (fm < lm)
      parts.push(`SELECT x.device_id, x.month AS day, x.studies AS s, x.images AS i, x.active_days AS ad
       FROM monthly_utilisation x WHERE x.month >= ${p.add(fm)}::date AND x.month < ${p.add(lm)}::date ${only}`);
    if (from < headEnd) parts.push(days(from, headEnd, '<'));
    if (tailStart <= to) parts.push(days(tailStart, to, '<='));
  }
  return parts.join('\n        UNION ALL\n        ');
}

export interface FigureRow {
  key: string;
  label: string;
  devices: string;
  studies: string;
  images: string;
  active_days: string;
  capacity: string | null;
  /** Studies of the comparison period (the same period a year earlier), when asked for. */
  prev_studies?: string;
}

/**
 * Per device, studies/images/active days of [from, to] and, with `prev`, the studies of the
 * comparison period — in one pass over the monthly rollup covering both.
 */
function perDeviceUsage(
  p: Params,
  f: DeviceFilter,
  now: { from: string; to: string },
  prev: { from: string; to: string } | null,
  today: string,
): string {
  const only = f.deviceId ? `AND x.device_id = ${p.add(f.deviceId)}::uuid` : '';
  const n = periodParts(now.from, now.to, today);
  const o = prev ? periodParts(prev.from, prev.to, today) : null;
  // A partial month's days: one row per device and day (a day counts as active once over every
  // source); the comparison period needs only studies. `sign` -1 subtracts (see `partial`).
  const days = (a: string, z: string, isNow: boolean, sign: 1 | -1) =>
    isNow
      ? `SELECT x.device_id, ${sign} * sum(x.studies) AS s, ${sign} * sum(x.images) AS i,
            ${sign} * (bool_or(NOT x.monthly) AND sum(x.studies) > 0)::int AS ad, true AS n, false AS o
       FROM daily_utilisation x WHERE x.day >= ${p.add(a)}::date AND x.day <= ${p.add(z)}::date ${only}
      GROUP BY x.device_id, x.day`
      : `SELECT x.device_id, ${sign} * sum(x.studies) AS s, 0 AS i, 0 AS ad, false AS n, true AS o
       FROM daily_utilisation x WHERE x.day >= ${p.add(a)}::date AND x.day <= ${p.add(z)}::date ${only}
      GROUP BY x.device_id`;
  /**
   * Days [a, z] of one month: read directly when they are at most half the month, else as the
   * month's rollup row minus the month's other days — the fewer daily rows either way.
   */
  const partial = (a: string, z: string, isNow: boolean): string[] => {
    const m = `${a.slice(0, 7)}-01`;
    const end = addDays(nextMonth(m), -1);
    const span = daysBetween(a, z) + 1;
    if (span * 2 <= daysBetween(m, end) + 1) return [days(a, z, isNow, 1)];
    const out = [
      `SELECT x.device_id, x.studies AS s, ${isNow ? 'x.images' : '0'} AS i, ${isNow ? 'x.active_days' : '0'} AS ad,
              ${isNow} AS n, ${!isNow} AS o
         FROM monthly_utilisation x WHERE x.month = ${p.add(m)}::date ${only}`,
    ];
    if (a > m) out.push(days(m, addDays(a, -1), isNow, -1));
    if (z < end) out.push(days(addDays(z, 1), end, isNow, -1));
    return out;
  };
  const parts: string[] = [];
  const ranges = [n, o].filter((r): r is NonNullable<typeof r> => r !== null && r.fm < r.lm);
  if (ranges.length > 0) {
    const lo = ranges.map((r) => r.fm).sort()[0]!;
    const hi = ranges
      .map((r) => r.lm)
      .sort()
      .at(-1)!;
    const inN =
      n.fm < n.lm
        ? `(x.month >= ${p.add(n.fm)}::date AND x.month < ${p.add(n.lm)}::date)`
        : 'false';
    const inO =
      o && o.fm < o.lm
        ? `(x.month >= ${p.add(o.fm)}::date AND x.month < ${p.add(o.lm)}::date)`
        : 'false';
    parts.push(`SELECT x.device_id, x.studies AS s, x.images AS i, x.active_days AS ad, ${inN} AS n, ${inO} AS o
       FROM monthly_utilisation x WHERE x.month >= ${p.add(lo)}::date AND x.month < ${p.add(hi)}::date ${only}`);
  }
  for (const [period, parts_, isNow] of [
    [now, n, true],
    ...(prev && o ? [[prev, o, false] as const] : []),
  ] as const) {
    if (period.from < parts_.headEnd)
      parts.push(...partial(period.from, addDays(parts_.headEnd, -1), isNow));
    if (parts_.tailStart <= period.to) parts.push(...partial(parts_.tailStart, period.to, isNow));
  }
  if (parts.length === 0)
    return 'SELECT NULL::uuid AS device_id, 0::bigint AS s, 0::bigint AS i, 0::bigint AS ad, 0::bigint AS ps WHERE false';
  return `SELECT device_id, sum(s) FILTER (WHERE n) AS s, sum(i) FILTER (WHERE n) AS i,
                 sum(ad) FILTER (WHERE n) AS ad, sum(s) FILTER (WHERE o) AS ps
            FROM (${parts.join('\n        UNION ALL\n        ')}) r
           GROUP BY device_id`;
}

/** Figures per group (or per device) over [from, to], and optionally the comparison period's studies, in one statement. */
export function groupFiguresSql(
  f: DeviceFilter,
  from: string,
  to: string,
  by: keyof typeof GROUP_KEY,
  today = '9999-12-31',
  prev: { from: string; to: string } | null = null,
): { sql: string; params: unknown[] } {
  const p = new Params();
  const a = `${p.add(from)}::date`;
  const z = `${p.add(to)}::date`;
  const sql = `WITH ${devicesCte(p, f, a, z, by)},
    used AS (
      SELECT dev.key, sum(u.s)::bigint AS s, sum(u.i)::bigint AS i, sum(u.ad)::bigint AS ad, sum(u.ps)::bigint AS ps
        FROM (${perDeviceUsage(p, f, { from, to }, prev, today)}) u
        JOIN dev ON dev.id = u.device_id
       GROUP BY dev.key),
    cap AS (
      SELECT dev.key, min(dev.label) AS label, count(*) AS devices,
             sum(dev.cap_per_day * greatest(0, dev.act_to - dev.act_from + 1)) AS capacity
        FROM dev WHERE dev.measured GROUP BY dev.key)
    SELECT cap.key, cap.label, cap.devices, coalesce(used.s, 0) AS studies,
           coalesce(used.i, 0) AS images, coalesce(used.ad, 0) AS active_days, cap.capacity,
           coalesce(used.ps, 0) AS prev_studies
      FROM cap LEFT JOIN used ON used.key = cap.key`;
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
}

/**
 * One row per step (day, ISO week or month) of [from, to], steps clipped to the period; steps
 * without counts are included with zeros. Monthly steps read the monthly rollup for full months.
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
  const filtered = !!(f.modality?.length || f.district?.length || f.facilityId?.length);
  const rows = usageRows(p, f, from, to, granularity === Granularity.MONTH, today);
  const sql = `WITH ${devicesCte(p, f, a, z, 'DEVICE')},
    steps AS (
      SELECT s::date AS period,
             greatest(s::date, ${a}) AS ps,
             least((s + interval '1 ${unit}' - interval '1 day')::date, ${z}) AS pe
        FROM generate_series(date_trunc('${unit}', ${a}), ${z}, interval '1 ${unit}') s),
    used AS (
      SELECT date_trunc('${unit}', u.day::timestamp)::date AS period, sum(u.s)::bigint AS s, sum(u.i)::bigint AS i, sum(u.ad)::bigint AS ad
        FROM (${rows}) u ${filtered ? 'JOIN dev ON dev.id = u.device_id' : ''}
       GROUP BY 1),
    spans AS (
      SELECT act_from, act_to, sum(cap_per_day) AS cap_per_day
        FROM dev WHERE measured GROUP BY act_from, act_to),
    cap AS (
      SELECT st.period, sum(sp.cap_per_day * greatest(0, least(st.pe, sp.act_to) - greatest(st.ps, sp.act_from) + 1)) AS capacity
        FROM steps st, spans sp GROUP BY st.period)
    SELECT st.period, coalesce(used.s, 0) AS studies, coalesce(used.i, 0) AS images,
           coalesce(used.ad, 0) AS active_days, cap.capacity
      FROM steps st
      LEFT JOIN used ON used.period = st.period
      LEFT JOIN cap ON cap.period = st.period
     ORDER BY st.period`;
  return { sql, params: p.values };
}

export function figures(r: {
  studies: string | number;
  images: string | number;
  active_days: string | number;
  capacity: string | number | null;
}): UtilisationFigures {
  const studies = Number(r.studies);
  const images = Number(r.images);
  const capacity = r.capacity === null ? 0 : Number(r.capacity);
  return {
    studies,
    images,
    imagesPerStudy: studies > 0 ? Math.round((images / studies) * 100) / 100 : null,
    activeDays: Number(r.active_days),
    capacityStudies: Math.round(capacity * 10) / 10,
    utilisationPct: capacity > 0 ? Math.round((studies / capacity) * 1000) / 10 : null,
  };
}

export function point(r: SeriesRow): UtilisationPoint {
  const period =
    typeof r.period === 'string' ? r.period.slice(0, 10) : r.period.toISOString().slice(0, 10);
  return { period, ...figures(r) };
}
