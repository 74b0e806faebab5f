import { Injectable } from '@nestjs/common';
import {
  addMonths,
  Modality,
  type DemandQuery,
  type DemandResponse,
  type ModalityDemand,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { cityToday } from '../common/calendar.js';
import { installedOnSql } from '../devices/fleet-figures.sql.js';
import { dayStart, EVENT_END, multirangeHours } from '../service-events/downtime.query.js';
import { backtestMape, forecastMonthly } from './demand-forecast.js';

const LEVEL = 0.95;
const WEEKS_A_YEAR = 365.25 / 7;

/**
 * Demand against capacity per modality, city-wide or in one district: monthly studies (complete
 * months, from the monthly rollup) forecast 1–10 years ahead with a prediction interval and a
 * 12-month backtest; capacity = Σ over installed devices of nominal studies an hour × scheduled
 * hours a year × (1 − unavailability of the last 12 months); the gap in devices a year.
 */
@Injectable()
export class DemandService {
  constructor(private readonly dataSource: DataSource) {}

  async demand(q: DemandQuery, today = cityToday()): Promise<DemandResponse> {
    const years = q.years ?? 5;
    const modalities = q.modality?.length ? q.modality : Object.values(Modality);
    const district = q.district ?? null;
    const thisMonth = `${today.slice(0, 7)}-01`;
    const history: { modality: Modality; month: string; studies: string }[] =
      await this.dataSource.query(
        `SELECT d.modality, mu.month::text AS month, sum(mu.studies)::bigint AS studies
         FROM monthly_utilisation mu
         JOIN devices d ON d.id = mu.device_id
         JOIN facilities f ON f.id = d.facility_id
        WHERE mu.month < $1::date AND d.modality = ANY($2::varchar[]) AND ($3::varchar IS NULL OR f.district = $3)
        GROUP BY 1, 2 ORDER BY 1, 2`,
        [thisMonth, modalities, district],
      );
    const capacity: {
      modality: Modality;
      devices: number;
      capacity: number;
    }[] = await this.dataSource.query(
      `WITH dev AS (
         SELECT d.id, d.modality, m.nominal_studies_per_hour * coalesce(d.scheduled_hours_per_week, m.scheduled_hours_per_week) * ${WEEKS_A_YEAR} AS nominal
           FROM devices d
           JOIN modalities m ON m.code = d.modality
           JOIN facilities f ON f.id = d.facility_id
          WHERE ${installedOnSql('d', '$1::date')} AND d.modality = ANY($2::varchar[])
            AND ($3::varchar IS NULL OR f.district = $3)),
       out AS (
         SELECT x.device_id, coalesce(${multirangeHours('x.mr')}, 0) AS hours
           FROM (SELECT e.device_id, range_agg(tstzrange(greatest(e.reported_at, p.lo), least(${EVENT_END('e')}, p.hi))) AS mr
                   FROM service_events e JOIN dev ON dev.id = e.device_id,
                        (SELECT ${dayStart('$1::date - 364')} AS lo, least(now(), ${dayStart('$1::date + 1')}) AS hi) p
                  WHERE e.reported_at < p.hi AND ${EVENT_END('e')} > p.lo
                  GROUP BY e.device_id) x)
       SELECT dev.modality, count(*)::int AS devices,
              sum(dev.nominal * (1 - least(1, coalesce(out.hours, 0) / 8760.0)))::float8 AS capacity
         FROM dev LEFT JOIN out ON out.device_id = dev.id
        GROUP BY dev.modality`,
      [today, modalities, district],
    );
    const out: ModalityDemand[] = modalities.map((modality) => {
      const rows = history.filter((h) => h.modality === modality);
      const series: { month: string; studies: number }[] = [];
      if (rows.length > 0) {
        const byMonth = new Map(rows.map((r) => [r.month.slice(0, 10), Number(r.studies)]));
        for (let m = rows[0]!.month.slice(0, 10); m < thisMonth; m = addMonths(m, 1))
          series.push({ month: m, studies: byMonth.get(m) ?? 0 });
      }
      const y = series.map((s) => s.studies);
      // The rest of this year, then `years` whole calendar years.
      const horizon = 13 - Number(thisMonth.slice(5, 7)) + years * 12;
      const f = y.length >= 2 ? forecastMonthly(y, horizon, LEVEL) : null;
      const cap = capacity.find((c) => c.modality === modality);
      const capYear = cap ? Math.round(cap.capacity) : 0;
      const perDevice = cap && cap.devices > 0 ? cap.capacity / cap.devices : null;
      const forecast = f
        ? f.point.map((p, i) => ({
            month: addMonths(thisMonth, i),
            studies: Math.round(p),
            lower: Math.round(f.lower[i]!),
            upper: Math.round(f.upper[i]!),
          }))
        : [];
      const byYear = new Map<number, number>();
      for (const p of forecast) {
        const yr = Number(p.month.slice(0, 4));
        byYear.set(yr, (byYear.get(yr) ?? 0) + p.studies);
      }
      // The whole forecast years only (the rest of this year is shown monthly).
      const yearsOut = [...byYear.entries()]
        .filter(([yr]) => yr > Number(thisMonth.slice(0, 4)))
        .map(([year, studies]) => ({
          year,
          forecastStudies: studies,
          capacityStudies: capYear,
          gapDevices: perDevice ? Math.round(((studies - capYear) / perDevice) * 10) / 10 : 0,
        }));
      return {
        modality,
        history: series,
        forecast,
        backtestMapePct: backtestMape(y, LEVEL),
        method: f?.method ?? 'none: fewer than 2 months of history',
        installedDevices: cap?.devices ?? 0,
        capacityStudiesPerYear: capYear,
        capacityPerDevicePerYear: perDevice === null ? null : Math.round(perDevice),
        years: yearsOut,
      };
    });
    return { district, years, level: LEVEL, modalities: out };
  }
}
