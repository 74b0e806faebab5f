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

/** An alert as the list's SQL reads it. */
interface AlertRow {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  message: string;
  params: Record<string, string | number | null>;
  device_id: string | null;
  facility_id: string | null;
  contract_id: string | null;
  raised_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

function rowToResponse(a: AlertRow): AlertResponse {
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    message: a.message,
    params: a.params,
    deviceId: a.device_id,
    facilityId: a.facility_id,
    contractId: a.contract_id,
    raisedAt: a.raised_at.toISOString(),
    lastSeenAt: a.last_seen_at.toISOString(),
    resolvedAt: a.resolved_at?.toISOString() ?? null,
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

  /**
   * One statement: the page and, beside each row, the total (`count(*) OVER ()`), as the devices
   * list does; a second count only for a page past the end. Rows map straight to the response.
   */
  async list(q: AlertListQuery): Promise<Paged<AlertResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const params: unknown[] = [];
    const where = [(q.open ?? true) ? 'resolved_at IS NULL' : 'resolved_at IS NOT NULL'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.type?.length) add('type = ANY(?::varchar[])', q.type);
    if (q.deviceId) add('device_id = ?', q.deviceId);
    if (q.facilityId) add('facility_id = ?', q.facilityId);
    if (q.contractId) add('contract_id = ?', q.contractId);
    const filter = `WHERE ${where.join(' AND ')}`;
    const rows: (AlertRow & { total: string })[] = await this.dataSource.query(
      `SELECT id, type, severity, message, params, device_id, facility_id, contract_id,
              raised_at, last_seen_at, resolved_at, count(*) OVER () AS total
         FROM alerts ${filter}
        ORDER BY CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END,
                 raised_at DESC, id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && page > 1) {
      const counted: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM alerts ${filter}`,
        params,
      );
      total = Number(counted[0]!.n);
    }
    return { items: rows.map(rowToResponse), total, page, pageSize };
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
