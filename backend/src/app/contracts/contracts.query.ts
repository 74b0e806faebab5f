import {
  ContractStatus,
  EXPIRING_WITHIN_DAYS,
  type ContractListQuery,
  type ContractResponse,
  SlaMeasurementPeriod,
  SlaVerdictScope,
  type ContractType,
  type UptimeBasis,
} from '@radfleet/shared';
import { likePattern, orderByClause } from '../common/persistence.js';

/** The last day a contract is in force: its end date, or the day before its termination. */
export const EFFECTIVE_END = (c: string) => `least(${c}.end_date, ${c}.terminated_on - 1)`;

/** The derived status, from the dates and `today` (an SQL date: the city's, passed as a parameter). */
export const STATUS_SQL = (c: string, today: string) => `CASE
  WHEN ${c}.signed_on IS NULL THEN '${ContractStatus.DRAFT}'
  WHEN ${c}.terminated_on IS NOT NULL AND ${c}.terminated_on <= ${today} THEN '${ContractStatus.TERMINATED}'
  WHEN ${EFFECTIVE_END(c)} < ${today} THEN '${ContractStatus.EXPIRED}'
  WHEN ${EFFECTIVE_END(c)} <= ${today} + ${EXPIRING_WITHIN_DAYS} THEN '${ContractStatus.EXPIRING}'
  ELSE '${ContractStatus.ACTIVE}' END`;

/**
 * Contracts with supplier, paid and remaining amounts, the number of devices and the status as of
 * `today` (an SQL date expression, e.g. a parameter holding `cityToday()`).
 */
export const contractRows = (today: string) => `
  SELECT c.*, s.name AS supplier_name, s.inn AS supplier_inn,
         ${EFFECTIVE_END('c')} AS effective_end,
         ${STATUS_SQL('c', today)} AS status,
         coalesce(p.paid, 0)::numeric(16, 2) AS paid,
         (c.value - coalesce(p.paid, 0))::numeric(16, 2) AS remaining,
         coalesce(n.devices, 0) AS device_count
    FROM contracts c
    JOIN suppliers s ON s.id = c.supplier_id
    LEFT JOIN LATERAL (SELECT sum(m.amount) FILTER (WHERE m.paid_on IS NOT NULL) AS paid
                         FROM payment_milestones m WHERE m.contract_id = c.id) p ON true
    LEFT JOIN LATERAL (SELECT count(*)::int AS devices
                         FROM contract_devices cd WHERE cd.contract_id = c.id) n ON true`;

const SORT: Record<string, string> = {
  number: 'number',
  type: 'type',
  supplier: 'supplier_name',
  signedOn: 'signed_on',
  startDate: 'start_date',
  endDate: 'end_date',
  value: 'value',
  status: 'status',
};

/** The filters of a list query; `$1` holds today (the city's date), for `contractRows('$1::date')`. */
export function contractFilterSql(
  q: ContractListQuery,
  today: string,
): {
  where: string;
  params: unknown[];
  orderBy: string;
} {
  const params: unknown[] = [today];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (q.status?.length) where.push(`status = ANY(${p(q.status)}::varchar[])`);
  if (q.type?.length) where.push(`type = ANY(${p(q.type)}::varchar[])`);
  if (q.supplierId) where.push(`supplier_id = ${p(q.supplierId)}`);
  if (q.deviceId)
    where.push(
      `EXISTS (SELECT 1 FROM contract_devices x WHERE x.contract_id = r.id AND x.device_id = ${p(q.deviceId)})`,
    );
  if (q.expiringWithinDays !== undefined)
    where.push(
      `status IN ('ACTIVE', 'EXPIRING') AND effective_end <= $1::date + ${p(q.expiringWithinDays)}::int`,
    );
  if (q.q?.trim()) {
    const like = p(likePattern(q.q));
    where.push(`(number ILIKE ${like} OR subject ILIKE ${like} OR supplier_name ILIKE ${like})`);
  }
  return {
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
    orderBy: orderByClause(q.sort, SORT, 'number', 'id'),
  };
}

export interface ContractRow {
  id: string;
  number: string;
  type: ContractType;
  supplier_id: string;
  supplier_name: string;
  supplier_inn: string;
  subject: string;
  signed_on: string | Date | null;
  start_date: string | Date;
  end_date: string | Date;
  effective_end: string | Date;
  terminated_on: string | Date | null;
  termination_reason: string | null;
  status: ContractStatus;
  value: string;
  paid: string;
  remaining: string;
  device_count: number;
  sla_uptime_percent: string | null;
  sla_basis: UptimeBasis | null;
  sla_response_hours: number | null;
  sla_repair_days: number | null;
  sla_penalty_per_day: string | null;
  sla_measurement_period: SlaMeasurementPeriod | null;
  sla_verdict_scope: SlaVerdictScope | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export function isoDate(v: string | Date): string;
export function isoDate(v: string | Date | null): string | null;
export function isoDate(v: string | Date | null): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v.slice(0, 10);
  // database.options.ts makes pg return `date` as its text; a Date is read back in local time.
  const y = v.getFullYear();
  const m = String(v.getMonth() + 1).padStart(2, '0');
  const d = String(v.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** numeric(…, 2) arrives as an exact string with two decimals. */
const money = (v: string) => v;

export function toContractResponse(r: ContractRow): ContractResponse {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    subject: r.subject,
    signedOn: isoDate(r.signed_on),
    startDate: isoDate(r.start_date),
    endDate: isoDate(r.end_date),
    terminatedOn: isoDate(r.terminated_on),
    terminationReason: r.termination_reason,
    status: r.status,
    value: money(r.value),
    paid: money(r.paid),
    remaining: money(r.remaining),
    sla:
      r.sla_basis === null
        ? null
        : {
            guaranteedUptimePercent: Number(r.sla_uptime_percent),
            basis: r.sla_basis,
            responseHours: r.sla_response_hours!,
            repairDays: r.sla_repair_days!,
            penaltyPerDay: money(r.sla_penalty_per_day!),
            measurementPeriod: r.sla_measurement_period ?? SlaMeasurementPeriod.QUARTER,
            verdictScope: r.sla_verdict_scope ?? SlaVerdictScope.PER_DEVICE,
          },
    deviceCount: r.device_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}
