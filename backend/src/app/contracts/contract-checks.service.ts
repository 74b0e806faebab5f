import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  AlertSeverity,
  AlertType,
  ContractType,
  DeviceStatus,
  measurementPeriods,
  SlaMeasurementPeriod,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertsService, type ActiveCondition } from '../alerts/alerts.service.js';
import { AppConfig } from '../config/app.config.js';
import { addDays, cityToday } from '../common/calendar.js';
import { ContractsSlaService } from './contracts-sla.service.js';
import { EFFECTIVE_END } from './contracts.query.js';

/** The same key as the demo loader's: a check waits for a demo city being loaded. */
const DEMO_LOCK_KEY = 7_362_001;
/** SLA breaches are judged over this many days up to today. */
export const SLA_CHECK_DAYS = 90;
const COVERING = [ContractType.SERVICE, ContractType.LIFECYCLE];

export interface ContractCheckResult {
  contractsEnding90: number;
  contractsEnding30: number;
  coverageEnding: number;
  noCoverage: number;
  slaBreaches: number;
}

/**
 * The daily contract checks, reconciled into the one alerts list: contracts ending within 90 and
 * within 30 days, devices whose service coverage ends within 90 days, in-service devices without
 * service coverage, and contracts whose SLA was breached over the last 90 days.
 */
@Injectable()
export class ContractChecksService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ContractChecks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly sla: ContractsSlaService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SCHEDULER) void this.runSafely();
  }

  @Cron(CronExpression.EVERY_DAY_AT_6AM, { name: 'contract-checks', timeZone: 'Europe/Moscow' })
  async daily(): Promise<void> {
    if (this.config.SCHEDULER) await this.runSafely();
  }

  private async runSafely(): Promise<void> {
    try {
      const r = await this.dataSource.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
        return this.check(em);
      });
      this.logger.log(`contract checks: ${JSON.stringify(r)}`);
    } catch (e) {
      this.logger.error(`contract checks failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Runs every check for `today` (city date) and reconciles the alerts, in the caller's transaction. */
  async check(em: EntityManager, today = cityToday()): Promise<ContractCheckResult> {
    const ending: {
      id: string;
      number: string;
      supplier_name: string;
      effective_end: string;
      days: number;
    }[] = await em.query(
      `SELECT c.id, c.number, s.name AS supplier_name, ${EFFECTIVE_END('c')}::text AS effective_end,
              ${EFFECTIVE_END('c')} - $1::date AS days
         FROM contracts c JOIN suppliers s ON s.id = c.supplier_id
        WHERE c.signed_on IS NOT NULL AND (c.terminated_on IS NULL OR c.terminated_on > $1::date)
          AND ${EFFECTIVE_END('c')} BETWEEN $1::date AND $1::date + 90
        ORDER BY c.number`,
      [today],
    );
    const endingCondition = (c: (typeof ending)[number], type: AlertType): ActiveCondition => ({
      key: `${type}:${c.id}`,
      severity:
        type === AlertType.CONTRACT_ENDING_30 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
      message: `Contract ${c.number} with ${c.supplier_name} ends on ${c.effective_end} (in ${c.days} days).`,
      params: {
        number: c.number,
        supplier: c.supplier_name,
        endDate: c.effective_end,
        days: c.days,
      },
      contractId: c.id,
      state: c.effective_end,
    });
    const within30 = ending.filter((c) => c.days <= 30);
    const within90 = ending.filter((c) => c.days > 30);
    await this.alerts.reconcile(
      AlertType.CONTRACT_ENDING_90,
      within90.map((c) => endingCondition(c, AlertType.CONTRACT_ENDING_90)),
      em,
    );
    await this.alerts.reconcile(
      AlertType.CONTRACT_ENDING_30,
      within30.map((c) => endingCondition(c, AlertType.CONTRACT_ENDING_30)),
      em,
    );

    // Service coverage per in-service device: covered today, until when (chained contracts), and
    // by which contract that coverage ends.
    const coverage: {
      id: string;
      inventory_number: string;
      facility_id: string;
      covered_until: string | null;
      days: number | null;
      ending_contract_id: string | null;
      ending_contract_number: string | null;
    }[] = await em.query(
      `WITH RECURSIVE periods AS (
         SELECT cd.device_id, cd.contract_id, cd.service_from, least(cd.service_to, c.terminated_on - 1) AS service_to
           FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id
          WHERE c.type = ANY($2::varchar[]) AND c.signed_on IS NOT NULL
       ),
       chain AS (
         SELECT device_id, contract_id, service_to FROM periods WHERE service_from <= $1::date AND service_to >= $1::date
         UNION
         SELECT p.device_id, p.contract_id, p.service_to FROM chain ch
           JOIN periods p ON p.device_id = ch.device_id AND p.service_from <= ch.service_to + 1 AND p.service_to > ch.service_to
       ),
       per_device AS (
         SELECT d.id, d.inventory_number, d.facility_id, max(ch.service_to) AS covered_until,
                (array_agg(ch.contract_id ORDER BY ch.service_to DESC, ch.contract_id))[1] AS ending_contract_id
           FROM devices d LEFT JOIN chain ch ON ch.device_id = d.id
          WHERE d.status = ANY($3::varchar[])
          GROUP BY d.id
       )
       SELECT pd.id, pd.inventory_number, pd.facility_id, pd.covered_until::text AS covered_until,
              pd.covered_until - $1::date AS days, pd.ending_contract_id, c.number AS ending_contract_number
         FROM per_device pd LEFT JOIN contracts c ON c.id = pd.ending_contract_id
        ORDER BY pd.inventory_number`,
      [today, COVERING, [DeviceStatus.IN_SERVICE, DeviceStatus.UNDER_REPAIR]],
    );
    const noCoverage = coverage.filter((d) => d.covered_until === null);
    const coverageEnding = coverage.filter((d) => d.days !== null && d.days <= 90);
    // Grouped: one alert per facility for its uncovered devices, one per contract (and end date)
    // for the devices whose coverage it ends; the devices are the condition's state.
    const groups = <T>(rows: T[], keyOf: (r: T) => string) => {
      const map = new Map<string, T[]>();
      for (const r of rows) map.set(keyOf(r), [...(map.get(keyOf(r)) ?? []), r]);
      return [...map.values()];
    };
    const names = (rows: { inventory_number: string }[]) =>
      rows
        .slice(0, 5)
        .map((d) => d.inventory_number)
        .join(', ') + (rows.length > 5 ? ` (+${rows.length - 5})` : '');
    const idsState = (rows: { id: string }[]) =>
      rows
        .map((d) => d.id)
        .sort()
        .join(',');
    await this.alerts.reconcile(
      AlertType.NO_COVERAGE,
      groups(noCoverage, (d) => d.facility_id).map((list) => ({
        key: `${AlertType.NO_COVERAGE}:${list[0]!.facility_id}`,
        severity: AlertSeverity.WARNING,
        message: `${list.length} in-service device(s) without a service or lifecycle contract: ${names(list)}.`,
        params: {
          devices: list.length,
          inventoryNumber: list[0]!.inventory_number,
          inventoryNumbers: names(list),
        },
        deviceId: list.length === 1 ? list[0]!.id : null,
        deviceIds: list.map((d) => d.id).sort(),
        facilityId: list[0]!.facility_id,
        state: idsState(list),
      })),
      em,
    );
    await this.alerts.reconcile(
      AlertType.COVERAGE_ENDING,
      groups(coverageEnding, (d) => `${d.ending_contract_id}:${d.covered_until}`).map((list) => {
        const first = list[0]!;
        return {
          key: `${AlertType.COVERAGE_ENDING}:${first.ending_contract_id}:${first.covered_until}`,
          severity: first.days! <= 30 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
          message: `Service coverage of ${list.length} device(s) under contract ${first.ending_contract_number} ends on ${first.covered_until} (in ${first.days} days): ${names(list)}.`,
          params: {
            number: first.ending_contract_number,
            devices: list.length,
            inventoryNumber: first.inventory_number,
            inventoryNumbers: names(list),
            coveredUntil: first.covered_until,
            days: first.days,
          },
          deviceId: list.length === 1 ? first.id : null,
          deviceIds: list.map((d) => d.id).sort(),
          facilityIds: [...new Set(list.map((d) => d.facility_id))].sort(),
          contractId: first.ending_contract_id,
          state: idsState(list),
        };
      }),
      em,
    );

    // SLA: one alert per contract per breached measurement period (its month or quarter) that the
    // last SLA_CHECK_DAYS days touch; the breached devices are the condition's state.
    const from = addDays(today, -(SLA_CHECK_DAYS - 1));
    const kinds: { id: string; number: string; kind: SlaMeasurementPeriod }[] = await em.query(
      `SELECT id, number, sla_measurement_period AS kind FROM contracts
        WHERE sla_uptime_percent IS NOT NULL AND sla_measurement_period IS NOT NULL`,
    );
    const breached: ActiveCondition[] = [];
    for (const kind of Object.values(SlaMeasurementPeriod)) {
      const ids = kinds.filter((k) => k.kind === kind).map((k) => k.id);
      if (ids.length === 0) continue;
      for (const period of measurementPeriods(from, today, kind)) {
        const summaries = await this.sla.summaries(period.from, period.to, ids, em, today);
        for (const [id, s] of summaries) {
          if (s.met) continue;
          const number = kinds.find((k) => k.id === id)?.number ?? null;
          breached.push({
            key: `${AlertType.SLA_BREACH}:${id}:${period.from}`,
            severity: AlertSeverity.CRITICAL,
            message: `Contract ${number}: SLA breached for ${s.breachedDevices} device(s) in the period ${period.from} – ${period.to} (uptime ${s.uptimePercent ?? '—'} %, ${s.penaltyDays} day(s) of penalty, ${s.penaltyAmount} RUB).`,
            params: {
              number,
              from: period.from,
              to: period.to,
              uptimePercent: s.uptimePercent,
              breachedDevices: s.breachedDevices,
              penaltyDays: s.penaltyDays,
              penaltyAmount: s.penaltyAmount,
            },
            contractId: id,
            state: String(s.breachedDevices),
          });
        }
      }
    }
    await this.alerts.reconcile(AlertType.SLA_BREACH, breached, em);
    return {
      contractsEnding90: within90.length,
      contractsEnding30: within30.length,
      coverageEnding: coverageEnding.length,
      noCoverage: noCoverage.length,
      slaBreaches: breached.length,
    };
  }
}
