import { Injectable } from '@nestjs/common';
import {
  ageReferenceDay,
  ContractType,
  costYearsDivisor,
  formatKopecks,
  kopecks,
  serviceCostKopecks,
  serviceCostRatio,
  serviceStart,
  ServiceEventType,
  yearlyCostKopecks,
  yearsInService,
  type DeviceAvailabilityResponse,
  type DeviceCostResponse,
  type DeviceCostYear,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { DevicesService } from '../devices/devices.service.js';
import { CITY_TZ, cityToday, resolvePeriod } from '../common/calendar.js';
import { allocationShareSql, eventCoveredSql } from './cost-of-ownership.sql.js';
import {
  dayStart,
  EVENT_END,
  installedLowerSql,
  installedUpperSql,
  multirangeHours,
  round2,
} from './downtime.query.js';

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.round((10_000 * part) / whole) / 100 : null;

/** Availability and cost of ownership of one device, aggregated in the database. */
@Injectable()
export class DeviceFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DevicesService,
  ) {}

  /**
   * The two downtime kinds over a period, round the clock, while the device was installed: unplanned
   * downtime (breakdowns, what an SLA measures) and total unavailability (every event).
   */
  async availability(
    deviceId: string,
    from?: string,
    to?: string,
  ): Promise<DeviceAvailabilityResponse> {
    const period = resolvePeriod({ from, to });
    await this.devices.get(deviceId);
    const [row]: {
      period_hours: number;
      unavailability_hours: number;
      unplanned_hours: number;
      events: number;
    }[] = await this.dataSource.query(
      `WITH p AS (
         SELECT greatest(${dayStart('$2::date')}, ${installedLowerSql('d')}) AS lo,
                least(now(), ${dayStart('$3::date + 1')}, ${installedUpperSql('d')}) AS hi
           FROM devices d WHERE d.id = $1
       ),
       ev AS (
         SELECT e.type, tstzrange(greatest(e.reported_at, p.lo), least(${EVENT_END('e')}, p.hi)) AS r
           FROM service_events e, p
          WHERE e.device_id = $1 AND p.lo < p.hi AND e.reported_at < p.hi AND ${EVENT_END('e')} > p.lo
       ),
       agg AS (
         SELECT range_agg(r) AS mr, range_agg(r) FILTER (WHERE type = '${ServiceEventType.BREAKDOWN}') AS bmr,
                count(*)::int AS events
           FROM ev
       )
       SELECT CASE WHEN p.lo < p.hi THEN extract(epoch FROM p.hi - p.lo) / 3600.0 ELSE 0 END::float8 AS period_hours,
              coalesce(${multirangeHours('agg.mr')}, 0)::float8 AS unavailability_hours,
              coalesce(${multirangeHours('agg.bmr')}, 0)::float8 AS unplanned_hours,
              agg.events
         FROM p, agg`,
      [deviceId, period.from, period.to],
    );
    const r = row!;
    const unavailability = pct(r.unavailability_hours, r.period_hours);
    return {
      deviceId,
      from: period.from,
      to: period.to,
      periodHours: round2(r.period_hours),
      unplannedDowntimeHours: round2(r.unplanned_hours),
      unplannedDowntimePercent: pct(r.unplanned_hours, r.period_hours),
      unavailabilityHours: round2(r.unavailability_hours),
      unavailabilityPercent: unavailability,
      availabilityPercent: unavailability === null ? null : round2(100 - unavailability),
      events: r.events,
    };
  }

  /**
   * Cost of ownership so far, by calendar year, with the yearly figures over the actual years in
   * service and the service-cost ratio (cost-rules.ts; SQL twins in cost-of-ownership.sql.ts).
   */
  async cost(deviceId: string, today = cityToday()): Promise<DeviceCostResponse> {
    const device = await this.devices.get(deviceId);
    const outright = [ContractType.SUPPLY, ContractType.LIFECYCLE];
    const years: {
      year: number;
      purchase: string;
      contract_payments: string;
      service_payments: string;
      lifecycle_payments: string;
      event_costs: string;
      covered_event_costs: string;
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
       shares AS (
         SELECT cd.contract_id, c.type, ${allocationShareSql('cd', 'd')} AS share
           FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id JOIN devices d ON d.id = cd.device_id
          WHERE cd.device_id = $1
       ),
       payments AS (
         SELECT extract(year FROM m.paid_on)::int AS year, sum(m.amount * s.share) AS amount,
                sum(m.amount * s.share) FILTER (WHERE s.type = '${ContractType.SERVICE}') AS service,
                sum(m.amount * s.share) FILTER (WHERE s.type = '${ContractType.LIFECYCLE}') AS lifecycle
           FROM shares s JOIN payment_milestones m ON m.contract_id = s.contract_id
          WHERE m.paid_on IS NOT NULL
          GROUP BY 1
       ),
       events AS (
         SELECT extract(year FROM e.reported_at AT TIME ZONE '${CITY_TZ}')::int AS year,
                sum(e.cost) FILTER (WHERE NOT ${eventCoveredSql('c')}) AS amount,
                sum(e.cost) FILTER (WHERE ${eventCoveredSql('c')}) AS covered
           FROM service_events e LEFT JOIN contracts c ON c.id = e.contract_id
          WHERE e.device_id = $1 GROUP BY 1
       ),
       years AS (SELECT year FROM purchase UNION SELECT year FROM payments UNION SELECT year FROM events)
       SELECT y.year,
              coalesce(pu.amount, 0)::numeric(16, 2)::text AS purchase,
              coalesce(pa.amount, 0)::numeric(16, 2)::text AS contract_payments,
              coalesce(pa.service, 0)::numeric(16, 2)::text AS service_payments,
              coalesce(pa.lifecycle, 0)::numeric(16, 2)::text AS lifecycle_payments,
              coalesce(ev.amount, 0)::numeric(16, 2)::text AS event_costs,
              coalesce(ev.covered, 0)::numeric(16, 2)::text AS covered_event_costs
         FROM years y
         LEFT JOIN purchase pu ON pu.year = y.year
         LEFT JOIN payments pa ON pa.year = y.year
         LEFT JOIN events ev ON ev.year = y.year
        ORDER BY y.year`,
      [deviceId, outright],
    );
    const k = kopecks;
    const fmt = formatKopecks;
    const byYear: DeviceCostYear[] = years.map((y) => ({
      year: y.year,
      purchase: y.purchase,
      contractPayments: y.contract_payments,
      eventCosts: y.event_costs,
      coveredEventCosts: y.covered_event_costs,
      total: fmt(k(y.purchase) + k(y.contract_payments) + k(y.event_costs)),
    }));
    const sum = (f: (y: (typeof years)[number]) => string) =>
      years.reduce((s, y) => s + k(f(y)), 0n);
    const total = byYear.reduce((s, y) => s + k(y.total), 0n);
    const dates = {
      status: device.status,
      commissioningDate: device.commissioningDate,
      yearOfManufacture: device.yearOfManufacture,
      decommissionedOn: device.decommissionedOn,
    };
    const inService = yearsInService(serviceStart(dates), ageReferenceDay(dates, today));
    const service = serviceCostKopecks({
      serviceContracts: sum((y) => y.service_payments),
      lifecycleContracts: sum((y) => y.lifecycle_payments),
      purchasePrice: device.purchasePrice ? k(device.purchasePrice) : 0n,
      uncoveredEvents: sum((y) => y.event_costs),
    });
    const yearlyService = fmt(yearlyCostKopecks(service, inService));
    const replacementPrice = device.purchasePrice;
    return {
      deviceId,
      purchasePrice: device.purchasePrice,
      purchaseCounted: fmt(sum((y) => y.purchase)),
      contractPayments: fmt(sum((y) => y.contract_payments)),
      eventCosts: fmt(sum((y) => y.event_costs)),
      coveredEventCosts: fmt(sum((y) => y.covered_event_costs)),
      total: fmt(total),
      yearsInService: inService === null ? null : Math.round(inService * 100) / 100,
      years: Math.round(costYearsDivisor(inService) * 100) / 100,
      perYear: fmt(yearlyCostKopecks(total, inService)),
      serviceCost: fmt(service),
      yearlyServiceCost: yearlyService,
      replacementPrice,
      serviceCostRatio: (() => {
        const r = serviceCostRatio(yearlyService, replacementPrice);
        return r === null ? null : Math.round(r * 10_000) / 10_000;
      })(),
      byYear,
    };
  }
}
