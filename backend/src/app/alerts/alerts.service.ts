import { Injectable } from '@nestjs/common';
import type {
  AlertCountsResponse,
  AlertListQuery,
  AlertResponse,
  AlertSeverity,
  AlertType,
  Paged,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertEntity } from './entities/alert.entity.js';

/** A condition a scheduled check found true now. */
export interface ActiveCondition {
  key: string;
  severity: AlertSeverity;
  message: string;
  params?: Record<string, string | number | null>;
  deviceId?: string | null;
  facilityId?: string | null;
  contractId?: string | null;
}

function toResponse(a: AlertEntity): AlertResponse {
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    message: a.message,
    params: a.params,
    deviceId: a.deviceId,
    facilityId: a.facilityId,
    contractId: a.contractId,
    raisedAt: a.raisedAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * The one alerts list every check writes to. A check reports the complete set of conditions of its
 * type that hold now: new ones are raised, open ones are refreshed, and open ones no longer in the
 * set resolve themselves. All in one statement per step, inside the caller's transaction.
 */
@Injectable()
export class AlertsService {
  constructor(private readonly dataSource: DataSource) {}

  async reconcile(
    type: AlertType,
    active: ActiveCondition[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ raised: number; resolved: number }> {
    const keys = active.map((a) => a.key);
    const [{ n: resolved }]: { n: number }[] = await em.query(
      `WITH gone AS (
         UPDATE alerts SET resolved_at = now()
          WHERE type = $1 AND resolved_at IS NULL AND NOT (key = ANY($2::varchar[])) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [type, keys],
    );
    let raised = 0;
    if (active.length > 0) {
      const rows: { inserted: boolean }[] = await em.query(
        `INSERT INTO alerts (type, key, severity, message, params, device_id, facility_id, contract_id)
         SELECT $1, k, s, m, p::jsonb, d, f, c
           FROM unnest($2::varchar[], $3::varchar[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[]) AS u(k, s, m, p, d, f, c)
         ON CONFLICT (key) WHERE resolved_at IS NULL
         DO UPDATE SET last_seen_at = now(), severity = EXCLUDED.severity, message = EXCLUDED.message, params = EXCLUDED.params
         RETURNING (xmax = 0) AS inserted`,
        [
          type,
          keys,
          active.map((a) => a.severity),
          active.map((a) => a.message),
          active.map((a) => JSON.stringify(a.params ?? {})),
          active.map((a) => a.deviceId ?? null),
          active.map((a) => a.facilityId ?? null),
          active.map((a) => a.contractId ?? null),
        ],
      );
      raised = rows.filter((r) => r.inserted).length;
    }
    return { raised, resolved };
  }

  async list(q: AlertListQuery): Promise<Paged<AlertResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a');
    if (q.open ?? true) qb.andWhere('a.resolved_at IS NULL');
    else qb.andWhere('a.resolved_at IS NOT NULL');
    if (q.type?.length) qb.andWhere('a.type IN (:...types)', { types: q.type });
    if (q.deviceId) qb.andWhere('a.device_id = :d', { d: q.deviceId });
    if (q.facilityId) qb.andWhere('a.facility_id = :f', { f: q.facilityId });
    if (q.contractId) qb.andWhere('a.contract_id = :c', { c: q.contractId });
    qb.orderBy(`CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END`, 'ASC')
      .addOrderBy('a.raised_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toResponse), total, page, pageSize };
  }

  async counts(): Promise<AlertCountsResponse> {
    const rows: { type: AlertType; n: string }[] = await this.dataSource.query(
      'SELECT type, count(*) AS n FROM alerts WHERE resolved_at IS NULL GROUP BY type',
    );
    return {
      open: rows.reduce((s, r) => s + Number(r.n), 0),
      byType: Object.fromEntries(rows.map((r) => [r.type, Number(r.n)])),
    };
  }
}
