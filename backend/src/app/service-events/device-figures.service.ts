import { Injectable } from '@nestjs/common';
import {
  ContractType,
  ServiceEventType,
  type DeviceCostResponse,
  type DeviceCostYear,
  type DeviceUptimeResponse,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { formatKopecks, kopecks } from '../contracts/sla-rules.js';
import { DevicesService } from '../devices/devices.service.js';
import { CITY_TODAY, dayStart, EVENT_END, multirangeHours, round2 } from './downtime.query.js';
import { CITY_TZ, resolvePeriod } from '../common/calendar.js';

/** Uptime and cost of ownership of one device, aggregated in the database. */
@Injectable()
export class DeviceFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DevicesService,
  ) {}

  async uptime(deviceId: string, from?: string, to?: string): Promise<DeviceUptimeResponse> {
    const period = resolvePeriod({ from, to });
    await this.devices.get(deviceId);
    const [row]: {
      period_hours: number;
      downtime_hours: number;
      breakdown_hours: number;
      events: number;
    }[] = await this.dataSource.query(
      `WITH p AS (SELECT ${dayStart('$2::date')} AS lo, least(now(), ${dayStart('$3::date + 1')}) AS hi),
       ev AS (
         SELECT e.type, tstzrange(greatest(e.reported_at, p.lo), least(${EVENT_END('e')}, p.hi)) AS r
           FROM service_events e, p
          WHERE e.device_id = $1 AND e.reported_at < p.hi AND ${EVENT_END('e')} > p.lo
       ),
       agg AS (
         SELECT range_agg(r) AS mr, range_agg(r) FILTER (WHERE type = '${ServiceEventType.BREAKDOWN}') AS bmr,
                count(*)::int AS events
           FROM ev
       )
       SELECT greatest(0, extract(epoch FROM p.hi - p.lo) / 3600.0)::float8 AS period_hours,
              coalesce(${multirangeHours('agg.mr')}, 0)::float8 AS downtime_hours,
              coalesce(${multirangeHours('agg.bmr')}, 0)::float8 AS breakdown_hours,
              agg.events
         FROM p, agg`,
      [deviceId, period.from, period.to],
    );
    const r = row!;
    return {
      deviceId,
      from: period.from,
      to: period.to,
      periodHours: round2(r.period_hours),
      downtimeHours: round2(r.downtime_hours),
      breakdownHours: round2(r.breakdown_hours),
      uptimePercent:
        r.period_hours > 0
          ? Math.round((10_000 * (r.period_hours - r.downtime_hours)) / r.period_hours) / 100
          : null,
      events: r.events,
    };
  }

  async cost(deviceId: string): Promise<DeviceCostResponse> {
    await this.devices.get(deviceId);
    const years: {
      year: number;
      purchase: string;
      contract_payments: string;
      event_costs: string;
    }[] = await this.dataSource.query(
      `WITH dv AS (
         SELECT d.id, d.purchase_price, coalesce(d.commissioning_date, make_date(d.year_of_manufacture, 7, 1)) AS since,
                NOT EXISTS (SELECT 1 FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id
                             WHERE cd.device_id = d.id AND c.type = ANY($2::varchar[])) AS bought_outright
           FROM devices d WHERE d.id = $1
       ),
       purchase AS (
         SELECT extract(year FROM dv.since)::int AS year, dv.purchase_price AS amount
           FROM dv WHERE dv.bought_outright AND dv.purchase_price IS NOT NULL AND dv.since IS NOT NULL
       ),
       payments AS (
         SELECT extract(year FROM m.paid_on)::int AS year,
                sum(m.amount / (SELECT count(*) FROM contract_devices x WHERE x.contract_id = cd.contract_id)) AS amount
           FROM contract_devices cd JOIN payment_milestones m ON m.contract_id = cd.contract_id
          WHERE cd.device_id = $1 AND m.paid_on IS NOT NULL
          GROUP BY 1
       ),
       events AS (
         SELECT extract(year FROM e.reported_at AT TIME ZONE '${CITY_TZ}')::int AS year, sum(e.cost) AS amount
           FROM service_events e WHERE e.device_id = $1 GROUP BY 1
       ),
       years AS (SELECT year FROM purchase UNION SELECT year FROM payments UNION SELECT year FROM events)
       SELECT y.year,
              coalesce((SELECT amount FROM purchase WHERE year = y.year), 0)::numeric(16, 2)::text AS purchase,
              coalesce((SELECT amount FROM payments WHERE year = y.year), 0)::numeric(16, 2)::text AS contract_payments,
              coalesce((SELECT amount FROM events WHERE year = y.year), 0)::numeric(16, 2)::text AS event_costs
         FROM years y ORDER BY y.year`,
      [deviceId, [ContractType.SUPPLY, ContractType.LIFECYCLE]],
    );
    const [info]: {
      purchase_price: string | null;
      bought_outright: boolean;
      years_in_service: number | null;
    }[] = await this.dataSource.query(
      `SELECT d.purchase_price,
              NOT EXISTS (SELECT 1 FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id
                           WHERE cd.device_id = d.id AND c.type = ANY($2::varchar[])) AS bought_outright,
              ((least(${CITY_TODAY}, coalesce(d.decommissioned_on, ${CITY_TODAY}))
                - coalesce(d.commissioning_date, make_date(d.year_of_manufacture, 7, 1))) / 365.25)::float8 AS years_in_service
         FROM devices d WHERE d.id = $1`,
      [deviceId, [ContractType.SUPPLY, ContractType.LIFECYCLE]],
    );
    const k = kopecks;
    const fmt = formatKopecks;
    const byYear: DeviceCostYear[] = years.map((y) => ({
      year: y.year,
      purchase: y.purchase,
      contractPayments: y.contract_payments,
      eventCosts: y.event_costs,
      total: fmt(k(y.purchase) + k(y.contract_payments) + k(y.event_costs)),
    }));
    const sum = (f: (y: DeviceCostYear) => string) => byYear.reduce((s, y) => s + k(f(y)), 0n);
    const total = sum((y) => y.total);
    const yearsRounded = Math.round(Math.max(1, info!.years_in_service ?? 1) * 100) / 100;
    return {
      deviceId,
      purchasePrice: info!.purchase_price,
      purchaseCounted: fmt(sum((y) => y.purchase)),
      contractPayments: fmt(sum((y) => y.contractPayments)),
      eventCosts: fmt(sum((y) => y.eventCosts)),
      total: fmt(total),
      years: yearsRounded,
      perYear: fmt(BigInt(Math.round(Number(total) / yearsRounded))),
      byYear,
    };
  }
}
