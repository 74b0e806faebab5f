import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AuditAction,
  comparableGrowth,
  coversSameMonths,
  CountPeriod,
  Granularity,
  Permission,
  Technology,
  UtilisationGroupBy,
  UtilisationSource,
  type DeviceUtilisationQuery,
  type DeviceUtilisationResponse,
  type ManualCountDto,
  type ManualCountResponse,
  type Modality,
  type UtilisationDeviceRow,
  type UtilisationRankingQuery,
  type UtilisationRankingResponse,
  type UtilisationSummaryQuery,
  type UtilisationSummaryResponse,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { AppConfig } from '../config/app.config.js';
import {
  figures,
  groupFiguresSql,
  point,
  seriesSql,
  type FigureRow,
  type SeriesRow,
} from './utilisation.query.js';
import { UtilisationErrorCode, UtilisationException } from './utilisation.exception.js';
import { minusYear, resolvePeriod } from './utilisation.period.js';
import { addDays, cityToday } from '../common/calendar.js';
import { digitalSharePctSql, installedOnSql } from '../devices/fleet-figures.sql.js';

/** One row of `daily_utilisation` to write. */
export interface DayCount {
  deviceId: string;
  day: string;
  source: UtilisationSource;
  studies: number;
  images: number;
  monthly?: boolean;
}

/**
 * Utilisation per device and day, and the figures read from it. Every writer goes through
 * {@link write}: rows replace the ones of the same device, day and source, and the monthly rollup
 * of the months touched is recomputed in the same transaction.
 */
@Injectable()
export class UtilisationService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** At start, the partitions of last month to two months ahead (writers add older ones as needed). */
  async onModuleInit(): Promise<void> {
    const today = cityToday();
    await this.ensurePartitions(this.dataSource, addDays(today, -40), addDays(today, 62));
  }

  /** Upserts the rows (same device, day and source: replaced) and refreshes their months. */
  async write(em: EntityManager, rows: readonly DayCount[], chunk = 20_000): Promise<void> {
    if (rows.length === 0) return;
    const days = rows.map((r) => r.day).sort();
    await this.ensurePartitions(em, days[0]!, days.at(-1)!);
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await em.query(
        `INSERT INTO daily_utilisation (device_id, day, source, studies, images, monthly, updated_at)
         SELECT d, y, s, st, im, mo, now()
           FROM unnest($1::uuid[], $2::date[], $3::varchar[], $4::int[], $5::int[], $6::boolean[]) AS u(d, y, s, st, im, mo)
         ON CONFLICT (device_id, day, source) DO UPDATE
           SET studies = EXCLUDED.studies, images = EXCLUDED.images, monthly = EXCLUDED.monthly, updated_at = now()`,
        [
          part.map((r) => r.deviceId),
          part.map((r) => r.day),
          part.map((r) => r.source),
          part.map((r) => r.studies),
          part.map((r) => r.images),
          part.map((r) => r.monthly ?? false),
        ],
      );
    }
    await this.refreshMonths(
      em,
      rows.map((r) => r.deviceId),
      rows.map((r) => r.day),
    );
  }

  /**
   * Creates the monthly partitions of `daily_utilisation` that [from, to] needs and that do not
   * exist yet (a catalogue look-up per month otherwise; no lock is taken when they all exist).
   */
  async ensurePartitions(
    em: Pick<EntityManager, 'query'>,
    from: string,
    to: string,
  ): Promise<number> {
    const rows: { n: number }[] = await em.query(
      'SELECT ensure_daily_utilisation_partitions($1::date, $2::date) AS n',
      [from, to],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Recomputes `monthly_utilisation` for these (device, day-in-month) pairs from the daily rows,
   * then the (month, facility, modality) rollup of the same months, in the caller's transaction.
   */
  async refreshMonths(em: EntityManager, deviceIds: string[], days: string[]): Promise<void> {
    if (deviceIds.length === 0) return;
    await em.query(
      `WITH k AS (
         SELECT DISTINCT d, date_trunc('month', y)::date AS m FROM unnest($1::uuid[], $2::date[]) AS u(d, y)),
       per_day AS (
         SELECT k.d, k.m, x.day, sum(x.studies) AS s, sum(x.images) AS i, bool_or(NOT x.monthly) AS daily
           FROM k JOIN daily_utilisation x
             ON x.device_id = k.d AND x.day >= k.m AND x.day < (k.m + interval '1 month')::date
          GROUP BY k.d, k.m, x.day),
       agg AS (
         SELECT d, m, sum(s)::int AS s, sum(i)::bigint AS i, (count(*) FILTER (WHERE daily AND s > 0))::int AS ad
           FROM per_day GROUP BY d, m),
       gone AS (
         DELETE FROM monthly_utilisation mu USING k
          WHERE mu.device_id = k.d AND mu.month = k.m
            AND NOT EXISTS (SELECT 1 FROM agg WHERE agg.d = k.d AND agg.m = k.m))
       INSERT INTO monthly_utilisation (device_id, month, studies, images, active_days)
       SELECT d, m, s, i, ad FROM agg
       ON CONFLICT (device_id, month) DO UPDATE
         SET studies = EXCLUDED.studies, images = EXCLUDED.images, active_days = EXCLUDED.active_days`,
      [deviceIds, days],
    );
    await em.query(
      `WITH k AS (
         SELECT DISTINCT d.facility_id, d.modality, date_trunc('month', u.y)::date AS m
           FROM unnest($1::uuid[], $2::date[]) AS u(id, y) JOIN devices d ON d.id = u.id)
       SELECT refresh_utilisation_rollup(array_agg(facility_id), array_agg(modality), array_agg(m)) FROM k`,
      [deviceIds, days],
    );
  }

  /**
   * Rebuilds both rollups from the daily rows (after bulk loads, or by
   * `npm run utilisation:rebuild-rollups -w backend`): sums only, by the same SQL as the writers.
   */
  async rebuildRollups(em: Pick<EntityManager, 'query'>): Promise<void> {
    await em.query('DELETE FROM utilisation_rollup');
    await em.query('DELETE FROM monthly_utilisation');
    await em.query(
      `INSERT INTO monthly_utilisation (device_id, month, studies, images, active_days)
       SELECT device_id, date_trunc('month', day)::date, sum(s)::int, sum(i)::bigint,
              (count(*) FILTER (WHERE daily AND s > 0))::int
         FROM (SELECT device_id, day, sum(studies) AS s, sum(images) AS i, bool_or(NOT monthly) AS daily
                 FROM daily_utilisation GROUP BY device_id, day) per_day
        GROUP BY device_id, date_trunc('month', day)`,
    );
    await rebuildFacilityRollup(em);
  }

  async device(id: string, q: DeviceUtilisationQuery): Promise<DeviceUtilisationResponse> {
    const { from, to } = resolvePeriod(q);
    const granularity = q.granularity ?? Granularity.DAY;
    const filter = { deviceId: id };
    const today = cityToday();
    const previous = { from: minusYear(from), to: minusYear(to) };
    const totals = groupFiguresSql(filter, from, to, 'DEVICE', today, previous);
    const before = groupFiguresSql(filter, previous.from, previous.to, 'DEVICE', today);
    const series = seriesSql(filter, from, to, granularity, today);
    // The device and its figures at once (one round trip's wait, not two): for a device that does
    // not exist the figures are empty and the answer is 404.
    const [rows, now, prev, steps] = await Promise.all([
      this.dataSource.query(
        `SELECT d.inventory_number, d.modality, m.nominal_studies_per_hour AS rate,
                coalesce(d.scheduled_hours_per_week, m.scheduled_hours_per_week) AS hours
           FROM devices d JOIN modalities m ON m.code = d.modality WHERE d.id = $1`,
        [id],
      ) as Promise<{ inventory_number: string; modality: Modality; rate: string; hours: string }[]>,
      this.dataSource.query(totals.sql, totals.params) as Promise<FigureRow[]>,
      this.dataSource.query(before.sql, before.params) as Promise<FigureRow[]>,
      this.dataSource.query(series.sql, series.params) as Promise<SeriesRow[]>,
    ]);
    const device = rows[0];
    if (!device) {
      throw new UtilisationException(
        UtilisationErrorCode.DEVICE_NOT_FOUND,
        `There is no device ${id}.`,
      );
    }
    const empty = { studies: 0, images: 0, active_days: 0, capacity: null, rows: 0 };
    const t = figures(now[0] ?? empty);
    const p = figures(prev[0] ?? empty);
    const growth = growthOf(now[0]);
    return {
      deviceId: id,
      inventoryNumber: device.inventory_number,
      modality: device.modality,
      from,
      to,
      granularity,
      nominalStudiesPerHour: Number(device.rate),
      scheduledHoursPerWeek: Number(device.hours),
      totals: t,
      previousYear: p,
      ...growth,
      series: steps.map(point),
    };
  }

  async summary(q: UtilisationSummaryQuery): Promise<UtilisationSummaryResponse> {
    const { from, to } = resolvePeriod(q);
    const groupBy = q.groupBy ?? UtilisationGroupBy.MODALITY;
    const granularity = q.granularity ?? Granularity.MONTH;
    const filter = { modality: q.modality, district: q.district, facilityId: q.facilityId };
    const previous = { from: minusYear(from), to: minusYear(to) };
    const today = cityToday();
    const now = groupFiguresSql(filter, from, to, groupBy, today, previous);
    const series = seriesSql(filter, from, to, granularity, today);
    const [rows, steps, share] = await Promise.all([
      this.dataSource.query(now.sql, now.params) as Promise<FigureRow[]>,
      this.dataSource.query(series.sql, series.params) as Promise<SeriesRow[]>,
      this.digitalSharePct(today),
    ]);
    const groups = rows
      .map((r) => ({
        key: r.key,
        label: r.label,
        devices: Number(r.devices),
        ...figures(r),
        previousYearStudies: Number(r.prev_studies ?? 0),
        ...growthOf(r),
      }))
      .sort((a, b) => b.studies - a.studies || a.key.localeCompare(b.key));
    const sum = (k: keyof FigureRow) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
    const month = (k: keyof FigureRow, pick: 'min' | 'max') => {
      const list = rows
        .map((r) => r[k] as string | null)
        .filter((m): m is string => !!m)
        .sort();
      return (pick === 'min' ? list[0] : list.at(-1)) ?? null;
    };
    const total: FigureRow = {
      key: '',
      label: '',
      devices: String(sum('devices')),
      studies: String(sum('studies')),
      images: String(sum('images')),
      active_days: String(sum('active_days')),
      capacity: String(sum('capacity')),
      rows: String(sum('rows')),
      first_month: month('first_month', 'min'),
      last_month: month('last_month', 'max'),
      prev_studies: String(sum('prev_studies')),
      prev_rows: String(sum('prev_rows')),
      prev_first_month: month('prev_first_month', 'min'),
      prev_last_month: month('prev_last_month', 'max'),
    };
    return {
      from,
      to,
      groupBy,
      granularity,
      totals: {
        ...figures(total),
        devices: Number(total.devices),
        previousYearStudies: Number(total.prev_studies),
        ...growthOf(total),
      },
      digitalSharePct: share,
      groups,
      series: steps.map(point),
    };
  }

  /**
   * The city's digital share on `day`, % of the installed base, one decimal: the same definition
   * (digitalSharePctSql over installedOnSql) as the facility list and the registry export.
   */
  async digitalSharePct(day = cityToday()): Promise<number | null> {
    const rows: { pct: string | null }[] = await this.dataSource.query(
      `SELECT round(${digitalSharePctSql('d')}, 1) AS pct FROM devices d WHERE ${installedOnSql('d', '$1::date')}`,
      [day],
    );
    return rows[0]?.pct == null ? null : Number(rows[0].pct);
  }

  /** In-service devices below and above the thresholds (defaults from the configuration). */
  async ranking(q: UtilisationRankingQuery): Promise<UtilisationRankingResponse> {
    const { from, to } = resolvePeriod(q);
    const underPct = q.underPct ?? this.config.UTILISATION_UNDER_PCT;
    const overPct = q.overPct ?? this.config.UTILISATION_OVER_PCT;
    const limit = q.limit ?? 20;
    const { sql, params } = groupFiguresSql(
      { modality: q.modality, inServiceOnly: true },
      from,
      to,
      'DEVICE',
      cityToday(),
    );
    const n = params.length;
    const rows: (FigureRow & {
      pct: string;
      list: 'UNDER' | 'OVER';
      modality: Modality;
      facility_id: string;
      facility_name: string;
    })[] = await this.dataSource.query(
      `WITH r AS (
         SELECT g.*, g.studies::numeric / g.capacity * 100 AS pct FROM (${sql}) g WHERE g.capacity > 0 AND g.rows > 0),
       ranked AS (
         (SELECT r.*, 'UNDER' AS list FROM r WHERE r.pct < $${n + 1} ORDER BY r.pct ASC, r.key LIMIT $${n + 3})
         UNION ALL
         (SELECT r.*, 'OVER' AS list FROM r WHERE r.pct > $${n + 2} ORDER BY r.pct DESC, r.key LIMIT $${n + 3}))
       SELECT ranked.*, d.modality, d.facility_id, f.name AS facility_name
         FROM ranked JOIN devices d ON d.id = ranked.key::uuid JOIN facilities f ON f.id = d.facility_id`,
      [...params, underPct, overPct, limit],
    );
    const toRow = (r: (typeof rows)[number]): UtilisationDeviceRow => ({
      deviceId: r.key,
      inventoryNumber: r.label,
      modality: r.modality,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      ...figures(r),
    });
    const byPct = (a: UtilisationDeviceRow, b: UtilisationDeviceRow) =>
      (a.utilisationPct ?? 0) - (b.utilisationPct ?? 0) || a.deviceId.localeCompare(b.deviceId);
    return {
      from,
      to,
      underPct,
      overPct,
      underUsed: rows
        .filter((r) => r.list === 'UNDER')
        .map(toRow)
        .sort(byPct),
      overUsed: rows
        .filter((r) => r.list === 'OVER')
        .map(toRow)
        .sort((a, b) => byPct(b, a)),
    };
  }

  /** A hand count (a day or a month) for a device without an archive, by someone who may write its facility. */
  async record(
    user: AuthUser,
    dto: ManualCountDto,
    source: UtilisationSource = UtilisationSource.MANUAL,
  ): Promise<ManualCountResponse> {
    return this.dataSource.transaction(async (em) => {
      const devices: {
        facility_id: string;
        technology: Technology;
        archive_connected: boolean;
        commissioning_date: string | null;
        decommissioned_on: string | null;
      }[] = await em.query(
        `SELECT facility_id, technology, archive_connected,
                commissioning_date::text AS commissioning_date, decommissioned_on::text AS decommissioned_on
           FROM devices WHERE id = $1`,
        [dto.deviceId],
      );
      const device = devices[0];
      if (!device) {
        throw new UtilisationException(
          UtilisationErrorCode.DEVICE_NOT_FOUND,
          `There is no device ${dto.deviceId}.`,
          { errors: [{ field: 'deviceId', message: 'no such device' }] },
        );
      }
      this.policy.assertCanWriteFacilities(user, Permission.UTILISATION_WRITE, [
        device.facility_id,
      ]);
      const count = this.checkCount(dto, device);
      const before: { studies: number; images: number }[] = await em.query(
        'SELECT studies, images FROM daily_utilisation WHERE device_id = $1 AND day = $2 AND source = $3',
        [dto.deviceId, count.day, source],
      );
      await this.write(em, [{ ...count, source }]);
      const after = {
        period: dto.period,
        day: count.day,
        source,
        studies: dto.studies,
        images: dto.images,
      };
      await this.audit.record(em, {
        action: before[0] ? AuditAction.UPDATE : AuditAction.CREATE,
        entityType: 'utilisation',
        entityId: dto.deviceId,
        before: before[0]
          ? { ...after, studies: before[0].studies, images: before[0].images }
          : null,
        after,
      });
      return {
        deviceId: dto.deviceId,
        period: dto.period,
        day: count.day,
        source,
        studies: dto.studies,
        images: dto.images,
      };
    });
  }

  /**
   * The row a hand count becomes, after its rules: no archive-fed device, a real calendar day, and a
   * day (or month) inside the device's installed period: not before commissioning, not after
   * decommissioning, not in the future.
   */
  checkCount(
    dto: ManualCountDto,
    device: InstalledPeriod & { technology: Technology; archive_connected: boolean },
  ): DayCount & { source?: UtilisationSource } {
    if (device.technology === Technology.DIGITAL && device.archive_connected) {
      throw new UtilisationException(
        UtilisationErrorCode.COUNTS_FROM_ARCHIVE,
        'This device sends its studies to the archive; its counts come from the archive sync.',
        { errors: [{ field: 'deviceId', message: 'the device is archive-connected' }] },
      );
    }
    const monthly = dto.period === CountPeriod.MONTH;
    const day = monthly ? `${dto.date.slice(0, 7)}-01` : dto.date;
    const invalid = (message: string) =>
      new UtilisationException(UtilisationErrorCode.INVALID_COUNT, message, {
        errors: [{ field: 'date', message }],
      });
    if (!monthly && dto.date.length !== 10) throw invalid('a daily count needs a day (YYYY-MM-DD)');
    if (!monthly && Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      throw invalid('date is not a calendar day');
    if (!monthly && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
      throw invalid('date is not a calendar day');
    const outside = installedPeriodError(day, monthly, device, cityToday());
    if (outside) throw invalid(outside.message);
    return {
      deviceId: dto.deviceId,
      day,
      source: UtilisationSource.MANUAL,
      studies: dto.studies,
      images: dto.images,
      monthly,
    };
  }
}

/** When a device was in use: from commissioning (if known) to decommissioning (if any). ISO days. */
export interface InstalledPeriod {
  commissioning_date: string | null;
  decommissioned_on: string | null;
}

/** The last day of the month of an ISO day. */
function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Why a count cannot be for this day (or, monthly, this month), or null: a count belongs to the
 * device's installed period, which ends today at the latest. A month counts when it overlaps the
 * period (a device commissioned on the 20th may have a count for that month).
 */
export function installedPeriodError(
  day: string,
  monthly: boolean,
  device: InstalledPeriod,
  today: string,
): {
  code: 'FUTURE_DATE' | 'BEFORE_COMMISSIONING' | 'AFTER_DECOMMISSIONING';
  message: string;
} | null {
  const first = day;
  const last = monthly ? monthEnd(day) : day;
  if (first > today) return { code: 'FUTURE_DATE', message: 'counts cannot be for a future date' };
  if (device.commissioning_date && last < device.commissioning_date)
    return {
      code: 'BEFORE_COMMISSIONING',
      message: `counts cannot be before the device was commissioned (${device.commissioning_date})`,
    };
  if (device.decommissioned_on && first > device.decommissioned_on)
    return {
      code: 'AFTER_DECOMMISSIONING',
      message: `counts cannot be after the device was decommissioned (${device.decommissioned_on})`,
    };
  return null;
}

/** Growth of studies against the comparison period of a figures row, by the one definition. */
/** Growth of studies against the comparison period, by the one rule (`comparableGrowth`). */
export function growthOf(
  r: FigureRow | undefined,
): Pick<DeviceUtilisationResponse, 'growthPct' | 'growthUnavailable'> {
  const g = comparableGrowth(
    { studies: Number(r?.studies ?? 0), hasData: Number(r?.rows ?? 0) > 0 },
    {
      studies: Number(r?.prev_studies ?? 0),
      hasData: Number(r?.prev_rows ?? 0) > 0,
      covered: coversSameMonths(
        { first: r?.first_month ?? null, last: r?.last_month ?? null },
        { first: r?.prev_first_month ?? null, last: r?.prev_last_month ?? null },
      ),
    },
  );
  return { growthPct: g.growthPct, growthUnavailable: g.reason };
}

/** Rebuilds `utilisation_rollup` from `monthly_utilisation` (sums by the devices' facility and modality). */
export async function rebuildFacilityRollup(em: Pick<EntityManager, 'query'>): Promise<void> {
  await em.query('DELETE FROM utilisation_rollup');
  await em.query(
    `INSERT INTO utilisation_rollup (month, facility_id, modality, devices, studies, images, active_days)
     SELECT mu.month, d.facility_id, d.modality, count(*), sum(mu.studies), sum(mu.images), sum(mu.active_days)
       FROM monthly_utilisation mu JOIN devices d ON d.id = mu.device_id
      GROUP BY mu.month, d.facility_id, d.modality`,
  );
}
