import { Injectable } from '@nestjs/common';
import {
  formatKopecks,
  kopecks,
  measurementPeriods,
  ServiceEventType,
  SlaMeasurementPeriod,
  SlaVerdictScope,
  UptimeBasis,
  type ContractSlaResponse,
  type MeasurementPeriod,
  type SlaBreakdownResponse,
  type SlaDeviceResponse,
  type SlaPeriodResponse,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { cityToday, resolvePeriod } from '../common/calendar.js';
import {
  basisHours,
  coverageLowerSql,
  coverageUpperSql,
  dayStart,
  EVENT_END,
  round2,
} from '../service-events/downtime.query.js';
import { isoDate } from './contracts.query.js';
import { ContractsService } from './contracts.service.js';
import { judgePeriod, sumFigures, type DeviceSlaFigures } from './sla-rules.js';

/**
 * The covered windows of every SLA device in every measurement period of its contract's kind
 * (periods $1 kinds, $2 first days, $3 last days), clipped to the device's coverage and to now.
 */
const WINDOWS = (contractFilter: string) => `
  p AS (SELECT * FROM unnest($1::varchar[], $2::date[], $3::date[]) AS p(kind, p_from, p_to)),
  w AS (
    SELECT c.id AS contract_id, p.p_from, cd.device_id, d.inventory_number,
           c.sla_response_hours, c.sla_repair_days,
           greatest(${dayStart('p.p_from')}, ${coverageLowerSql('d', 'cd')}) AS lo,
           least(now(), ${dayStart('p.p_to + 1')}, ${coverageUpperSql('d', 'cd', 'c')}) AS hi,
           CASE WHEN c.sla_basis = '${UptimeBasis.SCHEDULED_HOURS}'
                THEN coalesce(d.scheduled_hours_per_week, m.scheduled_hours_per_week) END AS hpw
      FROM contracts c
      JOIN p ON p.kind = c.sla_measurement_period
      JOIN contract_devices cd ON cd.contract_id = c.id
      JOIN devices d ON d.id = cd.device_id
      JOIN modalities m ON m.code = d.modality
     WHERE c.sla_basis IS NOT NULL AND c.signed_on IS NOT NULL ${contractFilter}
  ),
  wv AS (SELECT * FROM w WHERE lo < hi),
  dm AS (
    SELECT wv.contract_id, wv.p_from, wv.device_id,
           range_agg(tstzrange(greatest(e.reported_at, wv.lo), least(${EVENT_END('e')}, wv.hi))) AS mr
      FROM wv JOIN service_events e
        ON e.device_id = wv.device_id AND e.type = '${ServiceEventType.BREAKDOWN}'
       AND e.reported_at < wv.hi AND ${EVENT_END('e')} > wv.lo
     GROUP BY wv.contract_id, wv.p_from, wv.device_id
  ),
  bk AS (
    SELECT wv.contract_id, wv.p_from, wv.device_id, e.id, e.reported_at, e.started_at, e.resolved_at,
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
  SELECT wv.contract_id, wv.p_from::text AS p_from, wv.device_id, wv.inventory_number,
         (${basisHours('tstzmultirange(tstzrange(wv.lo, wv.hi))', 'wv.hpw')})::float8 AS covered_hours,
         coalesce((${basisHours('dm.mr', 'wv.hpw')}), 0)::float8 AS downtime_hours,
         coalesce(b.breakdowns, 0)::int AS breakdowns,
         coalesce(b.response_breaches, 0)::int AS response_breaches,
         coalesce(b.repair_breaches, 0)::int AS repair_breaches,
         coalesce(b.overrun_days, 0)::int AS overrun_days
    FROM wv
    LEFT JOIN dm ON dm.contract_id = wv.contract_id AND dm.p_from = wv.p_from AND dm.device_id = wv.device_id
    LEFT JOIN (SELECT contract_id, p_from, device_id, count(*) AS breakdowns,
                      count(*) FILTER (WHERE NOT response_met) AS response_breaches,
                      count(*) FILTER (WHERE NOT repair_met) AS repair_breaches,
                      sum(overrun_days) AS overrun_days
                 FROM bkj GROUP BY contract_id, p_from, device_id) b
      ON b.contract_id = wv.contract_id AND b.p_from = wv.p_from AND b.device_id = wv.device_id
   ORDER BY wv.contract_id, wv.p_from, wv.inventory_number`;

interface FigureRow {
  contract_id: string;
  p_from: string | Date;
  device_id: string;
  inventory_number: string;
  covered_hours: number;
  downtime_hours: number;
  breakdowns: number;
  response_breaches: number;
  repair_breaches: number;
  overrun_days: number;
}

/** What the judgement needs of a contract's terms. */
interface Terms {
  guaranteed: number;
  scope: SlaVerdictScope;
  penaltyPerDay: string;
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

const figuresOf = (r: FigureRow): DeviceSlaFigures => ({
  coveredHours: r.covered_hours,
  downtimeHours: r.downtime_hours,
  breakdowns: r.breakdowns,
  responseBreaches: r.response_breaches,
  repairBreaches: r.repair_breaches,
  overrunDays: r.overrun_days,
});

const uptimeOf = (covered: number, down: number) =>
  covered > 0 ? Math.round((10_000 * (covered - down)) / covered) / 100 : null;

/** The parameters of WINDOWS for a list of measurement periods of each kind. */
function periodParams(periods: { kind: SlaMeasurementPeriod; period: MeasurementPeriod }[]) {
  return [
    periods.map((p) => p.kind),
    periods.map((p) => p.period.from),
    periods.map((p) => p.period.to),
  ];
}

/** Judges a contract's rows period by period; periods without rows count as nothing covered. */
function judgeContract(
  periods: MeasurementPeriod[],
  rows: FigureRow[],
  terms: Terms,
  today: string,
): { periods: SlaPeriodResponse[]; devices: SlaDeviceResponse[]; summary: ContractSlaSummary } {
  const perDay = kopecks(terms.penaltyPerDay);
  const byDevice = new Map<
    string,
    { inventoryNumber: string; figures: DeviceSlaFigures[]; penaltyDays: number; met: boolean }
  >();
  const judged = periods.map((period): SlaPeriodResponse => {
    const list = rows.filter((r) => isoDate(r.p_from) === period.from);
    const verdict = judgePeriod(list.map(figuresOf), terms.guaranteed, terms.scope);
    const devices = list.map((r, i): SlaDeviceResponse => {
      const v = verdict.devices[i]!;
      const acc = byDevice.get(r.device_id) ?? {
        inventoryNumber: r.inventory_number,
        figures: [],
        penaltyDays: 0,
        met: true,
      };
      acc.figures.push(figuresOf(r));
      acc.penaltyDays += v.penaltyDays;
      acc.met &&= v.met;
      byDevice.set(r.device_id, acc);
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
    const sum = sumFigures(list.map(figuresOf));
    return {
      from: period.from,
      to: period.to,
      inProgress: period.to >= today,
      coveredHours: round2(sum.coveredHours),
      downtimeHours: round2(sum.downtimeHours),
      uptimePercent: verdict.uptimePercent,
      met: verdict.met,
      penaltyDays: verdict.penaltyDays,
      penaltyAmount: formatKopecks(perDay * BigInt(verdict.penaltyDays)),
      devices,
    };
  });
  const devices = [...byDevice].map(([deviceId, d]): SlaDeviceResponse => {
    const s = sumFigures(d.figures);
    return {
      deviceId,
      inventoryNumber: d.inventoryNumber,
      coveredHours: round2(s.coveredHours),
      downtimeHours: round2(s.downtimeHours),
      uptimePercent: uptimeOf(s.coveredHours, s.downtimeHours),
      breakdowns: s.breakdowns,
      responseBreaches: s.responseBreaches,
      repairBreaches: s.repairBreaches,
      penaltyDays: d.penaltyDays,
      met: d.met,
    };
  });
  devices.sort((a, b) => (a.inventoryNumber < b.inventoryNumber ? -1 : 1));
  const all = sumFigures(rows.map(figuresOf));
  const penaltyDays = judged.reduce((s, p) => s + p.penaltyDays, 0);
  return {
    periods: judged,
    devices,
    summary: {
      coveredHours: round2(all.coveredHours),
      downtimeHours: round2(all.downtimeHours),
      uptimePercent: uptimeOf(all.coveredHours, all.downtimeHours),
      met: judged.every((p) => p.met),
      penaltyDays,
      penaltyAmount: formatKopecks(perDay * BigInt(penaltyDays)),
      breachedDevices: devices.filter((d) => !d.met).length,
    },
  };
}

/**
 * SLA compliance of contracts, per whole measurement period (the contract's month or quarter): the
 * figures come from one SQL pass (downtime as multiranges, so overlapping breakdowns count once;
 * working hours from the production calendar), the verdict from `judgePeriod`. A range picked by a
 * user is widened to the periods it spans, so that any two views agree on each period.
 */
@Injectable()
export class ContractsSlaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
  ) {}

  async contractSla(id: string, from?: string, to?: string): Promise<ContractSlaResponse> {
    const today = cityToday();
    const range = resolvePeriod({ from, to }, today);
    const contract = await this.contracts.get(id);
    const kind = contract.sla?.measurementPeriod ?? SlaMeasurementPeriod.QUARTER;
    const periods = measurementPeriods(range.from, range.to, kind);
    const params = [...periodParams(periods.map((period) => ({ kind, period }))), id];
    const rows: FigureRow[] = await this.dataSource.query(FIGURES('AND c.id = $4'), params);
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
      `WITH ${WINDOWS('AND c.id = $4')}
       SELECT id, device_id, reported_at, started_at, resolved_at, response_hours::float8, repair_hours::float8,
              response_met, repair_met, overrun_days FROM bkj ORDER BY reported_at, id`,
      params,
    );
    const judged = contract.sla
      ? judgeContract(
          periods,
          rows,
          {
            guaranteed: contract.sla.guaranteedUptimePercent,
            scope: contract.sla.verdictScope,
            penaltyPerDay: contract.sla.penaltyPerDay,
          },
          today,
        )
      : null;
    const s = judged?.summary;
    return {
      contractId: id,
      requestedFrom: range.from,
      requestedTo: range.to,
      from: periods[0]!.from,
      to: periods[periods.length - 1]!.to,
      sla: contract.sla,
      coveredHours: s?.coveredHours ?? 0,
      downtimeHours: s?.downtimeHours ?? 0,
      uptimePercent: s?.uptimePercent ?? null,
      met: s?.met ?? true,
      penaltyDays: s?.penaltyDays ?? 0,
      penaltyAmount: s?.penaltyAmount ?? '0.00',
      periods: judged?.periods ?? [],
      devices: judged?.devices ?? [],
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

  /**
   * The SLA of many contracts (all with SLA terms when `ids` is null) in one pass, over the whole
   * measurement periods the days `from`–`to` span.
   */
  async summaries(
    from: string,
    to: string,
    ids: string[] | null,
    em: EntityManager = this.dataSource.manager,
    today = cityToday(),
  ): Promise<Map<string, ContractSlaSummary>> {
    const kinds = Object.values(SlaMeasurementPeriod);
    const periodsOf = new Map(kinds.map((k) => [k, measurementPeriods(from, to, k)]));
    const params: unknown[] = periodParams(
      kinds.flatMap((kind) => periodsOf.get(kind)!.map((period) => ({ kind, period }))),
    );
    if (ids !== null) params.push(ids);
    const rows: FigureRow[] = await em.query(
      FIGURES(ids === null ? '' : 'AND c.id = ANY($4::uuid[])'),
      params,
    );
    const contractIds = [...new Set(rows.map((r) => r.contract_id))];
    if (contractIds.length === 0) return new Map();
    const terms: {
      id: string;
      guaranteed: number;
      scope: SlaVerdictScope;
      kind: SlaMeasurementPeriod;
      penalty_per_day: string;
    }[] = await em.query(
      `SELECT id, sla_uptime_percent::float8 AS guaranteed, sla_verdict_scope AS scope,
              sla_measurement_period AS kind, sla_penalty_per_day AS penalty_per_day
         FROM contracts WHERE id = ANY($1::uuid[])`,
      [contractIds],
    );
    const byContract = new Map<string, FigureRow[]>();
    for (const r of rows) {
      const list = byContract.get(r.contract_id);
      if (list) list.push(r);
      else byContract.set(r.contract_id, [r]);
    }
    return new Map(
      terms.map((t) => [
        t.id,
        judgeContract(
          periodsOf.get(t.kind)!,
          byContract.get(t.id) ?? [],
          { guaranteed: t.guaranteed, scope: t.scope, penaltyPerDay: t.penalty_per_day },
          today,
        ).summary,
      ]),
    );
  }
}
