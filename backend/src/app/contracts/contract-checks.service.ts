import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AlertSeverity, AlertType, ContractType, DeviceStatus } from '@radfleet/shared';
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

    // Service coverage per in-service device: covered today, and until when (chained contracts).
    const coverage: {
      id: string;
      inventory_number: string;
      facility_id: string;
      covered_until: string | null;
      days: number | null;
    }[] = await em.query(
      `WITH RECURSIVE periods AS (
         SELECT cd.device_id, cd.service_from, least(cd.service_to, c.terminated_on - 1) AS service_to
           FROM contract_devices cd JOIN contracts c ON c.id = cd.contract_id
          WHERE c.type = ANY($2::varchar[]) AND c.signed_on IS NOT NULL
       ),
       chain AS (
         SELECT device_id, service_to FROM periods WHERE service_from <= $1::date AND service_to >= $1::date
         UNION
         SELECT p.device_id, p.service_to FROM chain ch
           JOIN periods p ON p.device_id = ch.device_id AND p.service_from <= ch.service_to + 1 AND p.service_to > ch.service_to
       )
       SELECT d.id, d.inventory_number, d.facility_id, max(ch.service_to)::text AS covered_until,
              max(ch.service_to) - $1::date AS days
         FROM devices d LEFT JOIN chain ch ON ch.device_id = d.id
        WHERE d.status = ANY($3::varchar[])
        GROUP BY d.id`,
      [today, COVERING, [DeviceStatus.IN_SERVICE, DeviceStatus.UNDER_REPAIR]],
    );
    const noCoverage = coverage.filter((d) => d.covered_until === null);
    const coverageEnding = coverage.filter((d) => d.days !== null && d.days <= 90);
    await this.alerts.reconcile(
      AlertType.NO_COVERAGE,
      noCoverage.map((d) => ({
        key: `${AlertType.NO_COVERAGE}:${d.id}`,
        severity: AlertSeverity.WARNING,
        message: `Device ${d.inventory_number} is in service without a service or lifecycle contract.`,
        params: { inventoryNumber: d.inventory_number },
        deviceId: d.id,
        facilityId: d.facility_id,
      })),
      em,
    );
    await this.alerts.reconcile(
      AlertType.COVERAGE_ENDING,
      coverageEnding.map((d) => ({
        key: `${AlertType.COVERAGE_ENDING}:${d.id}`,
        severity: d.days! <= 30 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
        message: `Service coverage of device ${d.inventory_number} ends on ${d.covered_until} (in ${d.days} days).`,
        params: {
          inventoryNumber: d.inventory_number,
          coveredUntil: d.covered_until,
          days: d.days,
        },
        deviceId: d.id,
        facilityId: d.facility_id,
      })),
      em,
    );

    const from = addDays(today, -(SLA_CHECK_DAYS - 1));
    const summaries = await this.sla.summaries(from, today, null, em, today);
    const breached = [...summaries].filter(([, s]) => !s.met);
    const numbers: { id: string; number: string }[] = breached.length
      ? await em.query('SELECT id, number FROM contracts WHERE id = ANY($1::uuid[])', [
          breached.map(([id]) => id),
        ])
      : [];
    const numberOf = new Map(numbers.map((n) => [n.id, n.number]));
    await this.alerts.reconcile(
      AlertType.SLA_BREACH,
      breached.map(([id, s]) => ({
        key: `${AlertType.SLA_BREACH}:${id}`,
        severity: AlertSeverity.CRITICAL,
        message: `Contract ${numberOf.get(id)}: SLA breached for ${s.breachedDevices} device(s) over ${from} – ${today} (uptime ${s.uptimePercent ?? '—'} %, ${s.penaltyDays} day(s) of penalty, ${s.penaltyAmount} RUB).`,
        params: {
          number: numberOf.get(id) ?? null,
          from,
          to: today,
          uptimePercent: s.uptimePercent,
          breachedDevices: s.breachedDevices,
          penaltyDays: s.penaltyDays,
          penaltyAmount: s.penaltyAmount,
        },
        contractId: id,
      })),
      em,
    );
    return {
      contractsEnding90: within90.length,
      contractsEnding30: within30.length,
      coverageEnding: coverageEnding.length,
      noCoverage: noCoverage.length,
      slaBreaches: breached.length,
    };
  }
}
