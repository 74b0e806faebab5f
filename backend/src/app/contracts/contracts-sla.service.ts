import { Injectable } from '@nestjs/common';
import {
  ServiceEventType,
  UptimeBasis,
  type ContractSlaResponse,
  type SlaBreakdownResponse,
  type SlaDeviceResponse,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { basisHours, dayStart, EVENT_END, round2 } from '../service-events/downtime.query.js';
import { resolvePeriod } from '../common/calendar.js';
import { ContractsService } from './contracts.service.js';
import { formatKopecks, judgeDevice, kopecks } from './sla-rules.js';

/** The covered windows of every SLA device, clipped to the period ($1, $2) and to now. */
const WINDOWS = (contractFilter: string) => `
  w AS (
    SELECT c.id AS contract_id, cd.device_id, d.inventory_number,
           c.sla_uptime_percent, c.sla_response_hours, c.sla_repair_days, c.sla_penalty_per_day,
           greatest(${dayStart('$1::date')}, ${dayStart('cd.service_from')}) AS lo,
           least(now(), ${dayStart('$2::date + 1')}, ${dayStart('least(cd.service_to + 1, c.terminated_on)')}) AS hi,
           CASE WHEN c.sla_basis = '${UptimeBasis.SCHEDULED_HOURS}'
                THEN coalesce(d.scheduled_hours_per_week, m.scheduled_hours_per_week) END AS hpw
      FROM contracts c
      JOIN contract_devices cd ON cd.contract_id = c.id
      JOIN devices d ON d.id = cd.device_id
      JOIN modalities m ON m.code = d.modality
     WHERE c.sla_basis IS NOT NULL AND c.signed_on IS NOT NULL ${contractFilter}
  ),
  wv AS (SELECT * FROM w WHERE lo < hi),
  dm AS (
    SELECT wv.contract_id, wv.device_id,
           range_agg(tstzrange(greatest(e.reported_at, wv.lo), least(${EVENT_END('e')}, wv.hi))) AS mr
      FROM wv JOIN service_events e
        ON e.device_id = wv.device_id AND e.type = '${ServiceEventType.BREAKDOWN}'
       AND e.reported_at < wv.hi AND ${EVENT_END('e')} > wv.lo
     GROUP BY wv.contract_id, wv.device_id
  ),
  bk AS (
    SELECT wv.contract_id, wv.device_id, e.id, e.reported_at, e.started_at, e.resolved_at,
           extract(epoch FROM coalesce(e.started_at, e.resolved_at, greatest(now(), e.reported_at)) - e.reported_at) / 3600.0 AS response_hours,
           extract(epoch FROM ${EVENT_END('e')} - e.reported_at) / 3600.0 AS repair_hours,
           wv.sla_response_hours, wv.sla_repair_days
      FROM wv JOIN service_events e
        ON e.device_id = wv.device_id AND e.type = '${ServiceEventType.BREAKDOWN}'
       AND e.reported_at >= wv.lo AND e.reported_at < wv.hi
  ),
  bkj AS (
    SELECT bk.*, bk.response_hours <= bk.sla_response_hours AS response_met,
           bk.repair_hours <= bk.sla_repair_days * 24 AS repair_met,
           greatest(0, ceil((bk.repair_hours - bk.sla_repair_days * 24) / 24 - 1e-9))::int AS overrun_days
      FROM bk
  )`;

const FIGURES = (contractFilter: string) => `
  WITH ${WINDOWS(contractFilter)}
  SELECT wv.contract_id, wv.device_id, wv.inventory_number,
         wv.sla_uptime_percent::float8 AS guaranteed, wv.sla_penalty_per_day AS penalty_per_day,
         (${basisHours('tstzmultirange(tstzrange(wv.lo, wv.hi))', 'wv.hpw')})::float8 AS covered_hours,
         coalesce((${basisHours('dm.mr', 'wv.hpw')}), 0)::float8 AS downtime_hours,
         coalesce(b.breakdowns, 0)::int AS breakdowns,
         coalesce(b.response_breaches, 0)::int AS response_breaches,
         coalesce(b.repair_breaches, 0)::int AS repair_breaches,
         coalesce(b.overrun_days, 0)::int AS overrun_days
    FROM wv
    LEFT JOIN dm ON dm.contract_id = wv.contract_id AND dm.device_id = wv.device_id
    LEFT JOIN (SELECT contract_id, device_id, count(*) AS breakdowns,
                      count(*) FILTER (WHERE NOT response_met) AS response_breaches,
                      count(*) FILTER (WHERE NOT repair_met) AS repair_breaches,
                      sum(overrun_days) AS overrun_days
                 FROM bkj GROUP BY contract_id, device_id) b
      ON b.contract_id = wv.contract_id AND b.device_id = wv.device_id
   ORDER BY wv.contract_id, wv.inventory_number`;

interface FigureRow {
  contract_id: string;
  device_id: string;
  inventory_number: string;
  guaranteed: number;
  penalty_per_day: string;
  covered_hours: number;
  downtime_hours: number;
  breakdowns: number;
  response_breaches: number;
  repair_breaches: number;
  overrun_days: number;
}

/** A contract's SLA in brief, for the register and the daily check. */
export interface ContractSlaSummary {
  coveredHours: number;
  downtimeHours: number;
  uptimePercent: number | null;
  met: boolean;
  penaltyDays: number;
  penaltyAmount: string;
  breachedDevices: number;
}

function judge(rows: FigureRow[]): { devices: SlaDeviceResponse[]; summary: ContractSlaSummary } {
  let covered = 0;
  let down = 0;
  let penaltyDays = 0;
  let breached = 0;
  const devices = rows.map((r): SlaDeviceResponse => {
    const v = judgeDevice(
      {
        coveredHours: r.covered_hours,
        downtimeHours: r.downtime_hours,
        breakdowns: r.breakdowns,
        responseBreaches: r.response_breaches,
        repairBreaches: r.repair_breaches,
        overrunDays: r.overrun_days,
      },
      r.guaranteed,
    );
    covered += r.covered_hours;
    down += Math.min(r.downtime_hours, r.covered_hours);
    penaltyDays += v.penaltyDays;
    if (!v.met) breached++;
    return {
      deviceId: r.device_id,
      inventoryNumber: r.inventory_number,
      coveredHours: round2(r.covered_hours),
      downtimeHours: round2(r.downtime_hours),
      uptimePercent: v.uptimePercent,
      breakdowns: r.breakdowns,
      responseBreaches: r.response_breaches,
      repairBreaches: r.repair_breaches,
      penaltyDays: v.penaltyDays,
      met: v.met,
    };
  });
  const perDay = rows[0] ? kopecks(rows[0].penalty_per_day) : 0n;
  return {
    devices,
    summary: {
      coveredHours: round2(covered),
      downtimeHours: round2(down),
      uptimePercent: covered > 0 ? Math.round((10_000 * (covered - down)) / covered) / 100 : null,
      met: breached === 0,
      penaltyDays,
      penaltyAmount: formatKopecks(perDay * BigInt(penaltyDays)),
      breachedDevices: breached,
    },
  };
}

/**
 * Uptime and SLA compliance, per device and per contract, over a period: the figures come from one
 * SQL pass (downtime as multiranges, so overlapping breakdowns count once), the verdict from
 * `judgeDevice`.
 */
@Injectable()
export class ContractsSlaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
  ) {}

  async contractSla(id: string, from?: string, to?: string): Promise<ContractSlaResponse> {
    const period = resolvePeriod({ from, to });
    const contract = await this.contracts.get(id);
    const rows: FigureRow[] = await this.dataSource.query(FIGURES('AND c.id = $3'), [
      period.from,
      period.to,
      id,
    ]);
    const breakdowns: {
      id: string;
      device_id: string;
      reported_at: Date;
      started_at: Date | null;
      resolved_at: Date | null;
      response_hours: number;
      repair_hours: number;
      response_met: boolean;
      repair_met: boolean;
      overrun_days: number;
    }[] = await this.dataSource.query(
      `WITH ${WINDOWS('AND c.id = $3')}
       SELECT id, device_id, reported_at, started_at, resolved_at, response_hours::float8, repair_hours::float8,
              response_met, repair_met, overrun_days FROM bkj ORDER BY reported_at, id`,
      [period.from, period.to, id],
    );
    const { devices, summary } = judge(rows);
    return {
      contractId: id,
      from: period.from,
      to: period.to,
      sla: contract.sla,
      coveredHours: summary.coveredHours,
      downtimeHours: summary.downtimeHours,
      uptimePercent: summary.uptimePercent,
      met: summary.met,
      penaltyDays: summary.penaltyDays,
      penaltyAmount: summary.penaltyAmount,
      devices,
      breakdowns: breakdowns.map((b): SlaBreakdownResponse => ({
        eventId: b.id,
        deviceId: b.device_id,
        reportedAt: b.reported_at.toISOString(),
        startedAt: b.started_at?.toISOString() ?? null,
        resolvedAt: b.resolved_at?.toISOString() ?? null,
        responseHours: round2(b.response_hours),
        repairHours: round2(b.repair_hours),
        responseMet: b.response_met,
        repairMet: b.repair_met,
        overrunDays: b.overrun_days,
      })),
    };
  }

  /** The SLA of many contracts (all with SLA terms when `ids` is null) in one pass. */
  async summaries(
    from: string,
    to: string,
    ids: string[] | null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ContractSlaSummary>> {
    const rows: FigureRow[] = await em.query(
      FIGURES(ids === null ? '' : 'AND c.id = ANY($3::uuid[])'),
      ids === null ? [from, to] : [from, to, ids],
    );
    const byContract = new Map<string, FigureRow[]>();
    for (const r of rows) {
      const list = byContract.get(r.contract_id);
      if (list) list.push(r);
      else byContract.set(r.contract_id, [r]);
    }
    return new Map([...byContract].map(([id, list]) => [id, judge(list).summary]));
  }
}
