import { Injectable } from '@nestjs/common';
import {
  AlertStatus,
  AuditAction,
  Permission,
  Role,
  type AlertAssigneeResponse,
  type AlertCountsResponse,
  type AlertListQuery,
  type AlertResponse,
  type AlertSeverity,
  type AlertType,
  type Paged,
  type UpdateAlertDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import type { AuthUser } from '../auth/index.js';
import { PolicyService } from '../auth/index.js';
import { assertVersion } from '../common/persistence.js';
import { AlertErrorCode, AlertException } from './alerts.exception.js';

/** A condition a scheduled check found true now. */
export interface ActiveCondition {
  /** Names the condition; one open alert per key. A grouped alert's key names its group. */
  key: string;
  severity: AlertSeverity;
  message: string;
  params?: Record<string, string | number | null>;
  deviceId?: string | null;
  facilityId?: string | null;
  contractId?: string | null;
  /** Every device of a grouped alert (defaults to `deviceId`). */
  deviceIds?: string[];
  /**
   * Every facility the alert concerns. Defaults to `facilityId`, else to the facilities of the
   * contract's covered devices.
   */
  facilityIds?: string[];
  /**
   * The check's fingerprint of the condition. While the alert stays open, a change of it (or of
   * the severity) makes an acknowledged alert open again; a countdown such as "in 12 days" must not
   * be part of it.
   */
  state?: string;
}

interface AlertRow {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  message: string;
  params: Record<string, string | number | null>;
  device_id: string | null;
  facility_id: string | null;
  contract_id: string | null;
  device_ids: string[];
  facility_ids: string[];
  raised_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by_id: string | null;
  acknowledged_by_name: string | null;
  comment: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  version: number;
}

const STATUS_SQL = `CASE WHEN a.resolved_at IS NOT NULL THEN 'RESOLVED'
  WHEN a.acknowledged_at IS NOT NULL THEN 'ACKNOWLEDGED' ELSE 'OPEN' END`;

const SELECT = `SELECT a.id, a.type, a.severity, a.message, a.params, a.device_id, a.facility_id,
         a.contract_id, a.device_ids, a.facility_ids, a.raised_at, a.last_seen_at, a.resolved_at,
         a.acknowledged_at, a.acknowledged_by_id, ack.name AS acknowledged_by_name, a.comment,
         a.assignee_id, asg.name AS assignee_name, a.version
    FROM alerts a
    LEFT JOIN users ack ON ack.id = a.acknowledged_by_id
    LEFT JOIN users asg ON asg.id = a.assignee_id`;

function toResponse(a: AlertRow): AlertResponse {
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    message: a.message,
    params: a.params,
    deviceId: a.device_id,
    facilityId: a.facility_id,
    contractId: a.contract_id,
    deviceIds: a.device_ids,
    facilityIds: a.facility_ids,
    status: a.resolved_at
      ? AlertStatus.RESOLVED
      : a.acknowledged_at
        ? AlertStatus.ACKNOWLEDGED
        : AlertStatus.OPEN,
    raisedAt: a.raised_at.toISOString(),
    lastSeenAt: a.last_seen_at.toISOString(),
    resolvedAt: a.resolved_at?.toISOString() ?? null,
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: a.acknowledged_by_id
      ? { id: a.acknowledged_by_id, name: a.acknowledged_by_name ?? '' }
      : null,
    comment: a.comment,
    assignee: a.assignee_id ? { id: a.assignee_id, name: a.assignee_name ?? '' } : null,
    version: a.version,
  };
}

/** What of an alert its audit entries record. */
function triageSnapshot(a: {
  acknowledged_at: Date | null;
  acknowledged_by_id: string | null;
  comment: string | null;
  assignee_id: string | null;
}): Record<string, unknown> {
  return {
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgedById: a.acknowledged_by_id,
    comment: a.comment,
    assigneeId: a.assignee_id,
  };
}

/** A Postgres array literal of uuids, for passing arrays of arrays through unnest. */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The one alerts list every check writes to, and its triage. A check reports the complete set of
 * conditions of its type that hold now: new ones are raised, open ones are refreshed, and open ones
 * no longer in the set resolve themselves. All in one statement per step, inside the caller's
 * transaction. A facility manager sees and triages the alerts of their own facilities only.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

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
      // A refresh that changes the severity or the state withdraws an acknowledgement (and bumps
      // the version, so that a triage read before it answers 409); one that changes neither keeps it.
      const rows: { inserted: boolean }[] = await em.query(
        `INSERT INTO alerts (type, key, severity, message, params, device_id, facility_id, contract_id,
                             device_ids, facility_ids, state)
         SELECT $1, k, s, m, p::jsonb, d, f, c,
                CASE WHEN di = '{}' AND d IS NOT NULL THEN ARRAY[d] ELSE di::uuid[] END,
                CASE WHEN fi <> '{}' THEN fi::uuid[]
                     WHEN f IS NOT NULL THEN ARRAY[f]
                     WHEN c IS NOT NULL THEN COALESCE(
                       (SELECT array_agg(DISTINCT dv.facility_id ORDER BY dv.facility_id)
                          FROM contract_devices cd JOIN devices dv ON dv.id = cd.device_id
                         WHERE cd.contract_id = c), '{}')
                     ELSE '{}' END,
                st
           FROM unnest($2::varchar[], $3::varchar[], $4::text[], $5::text[], $6::uuid[], $7::uuid[],
                       $8::uuid[], $9::text[], $10::text[], $11::text[])
                AS u(k, s, m, p, d, f, c, di, fi, st)
         ON CONFLICT (key) WHERE resolved_at IS NULL
         DO UPDATE SET last_seen_at = now(), severity = EXCLUDED.severity, message = EXCLUDED.message,
                       params = EXCLUDED.params, device_ids = EXCLUDED.device_ids,
                       facility_ids = EXCLUDED.facility_ids, state = EXCLUDED.state,
                       acknowledged_at = CASE WHEN alerts.severity = EXCLUDED.severity AND alerts.state = EXCLUDED.state
                                              THEN alerts.acknowledged_at END,
                       acknowledged_by_id = CASE WHEN alerts.severity = EXCLUDED.severity AND alerts.state = EXCLUDED.state
                                                 THEN alerts.acknowledged_by_id END,
                       version = alerts.version + CASE
                         WHEN alerts.acknowledged_at IS NOT NULL
                          AND (alerts.severity <> EXCLUDED.severity OR alerts.state <> EXCLUDED.state)
                         THEN 1 ELSE 0 END
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
          active.map((a) => uuidArray(a.deviceIds ?? [])),
          active.map((a) => uuidArray(a.facilityIds ?? [])),
          active.map((a) => a.state ?? ''),
        ],
      );
      raised = rows.filter((r) => r.inserted).length;
    }
    return { raised, resolved };
  }

  /** The facilities whose alerts the user sees; null: every alert. */
  private scope(user: AuthUser): string[] | null {
    return user.role === Role.FACILITY_MANAGER ? user.facilityIds : null;
  }

  /** WHERE clauses and parameters of the list's filters, scoped to the user. */
  private where(user: AuthUser, q: AlertListQuery): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const scope = this.scope(user);
    if (scope) clauses.push(`a.facility_ids && ${p(scope)}::uuid[]`);
    if (q.status?.length) clauses.push(`(${STATUS_SQL}) = ANY(${p(q.status)}::varchar[])`);
    else if (q.open ?? true) clauses.push('a.resolved_at IS NULL');
    else clauses.push('a.resolved_at IS NOT NULL');
    if (q.type?.length) clauses.push(`a.type = ANY(${p(q.type)}::varchar[])`);
    if (q.deviceId) {
      const d = p(q.deviceId);
      clauses.push(`(a.device_id = ${d}::uuid OR ${d}::uuid = ANY(a.device_ids))`);
    }
    if (q.facilityId) clauses.push(`${p(q.facilityId)}::uuid = ANY(a.facility_ids)`);
    if (q.district)
      clauses.push(
        `EXISTS (SELECT 1 FROM facilities f WHERE f.id = ANY(a.facility_ids) AND f.district = ${p(q.district)})`,
      );
    if (q.contractId) clauses.push(`a.contract_id = ${p(q.contractId)}::uuid`);
    if (q.assigneeId) clauses.push(`a.assignee_id = ${p(q.assigneeId)}::uuid`);
    return { sql: clauses.join(' AND '), params };
  }

  async list(user: AuthUser, q: AlertListQuery): Promise<Paged<AlertResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { sql, params } = this.where(user, q);
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM alerts a WHERE ${sql}`,
      params,
    );
    const rows: AlertRow[] = await this.dataSource.query(
      `${SELECT} WHERE ${sql}
        ORDER BY CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END,
                 a.raised_at DESC, a.id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: rows.map(toResponse), total, page, pageSize };
  }

  async get(user: AuthUser, id: string, em: EntityManager = this.dataSource.manager): Promise<AlertResponse> {
    const [row]: AlertRow[] = await em.query(`${SELECT} WHERE a.id = $1`, [id]);
    if (!row || !this.visible(user, row.facility_ids)) throw this.notFound(id);
    return toResponse(row);
  }

  /** Open alerts (unresolved, not acknowledged) in the user's scope: the badge. */
  async counts(user: AuthUser): Promise<AlertCountsResponse> {
    const scope = this.scope(user);
    const rows: { type: AlertType; n: number; mine: number }[] = await this.dataSource.query(
      `SELECT type, count(*)::int AS n, count(*) FILTER (WHERE assignee_id = $1)::int AS mine
         FROM alerts
        WHERE resolved_at IS NULL AND acknowledged_at IS NULL
          AND ($2::uuid[] IS NULL OR facility_ids && $2::uuid[])
        GROUP BY type`,
      [user.id, scope],
    );
    return {
      open: rows.reduce((s, r) => s + r.n, 0),
      byType: Object.fromEntries(rows.map((r) => [r.type, r.n])),
      assignedToMe: rows.reduce((s, r) => s + r.mine, 0),
    };
  }

  /** Active users who may triage the alert: administrators, procurement, and its facilities' managers. */
  async assignees(user: AuthUser, id: string): Promise<AlertAssigneeResponse[]> {
    const alert = await this.get(user, id);
    return this.dataSource.query(
      `SELECT u.id, u.name, u.role FROM users u
        WHERE u.active AND (u.role = ANY($1::varchar[])
           OR (u.role = $2 AND EXISTS (SELECT 1 FROM user_facilities uf
                                        WHERE uf.user_id = u.id AND uf.facility_id = ANY($3::uuid[]))))
        ORDER BY u.name, u.id`,
      [[Role.ADMIN, Role.PROCUREMENT], Role.FACILITY_MANAGER, alert.facilityIds],
    );
  }

  /** Acknowledges (with a comment), withdraws the acknowledgement, and/or assigns; audited. */
  async update(user: AuthUser, id: string, dto: UpdateAlertDto): Promise<AlertResponse> {
    if (dto.acknowledged === true && !dto.comment) {
      throw new AlertException(AlertErrorCode.INVALID_TRIAGE, 'Acknowledging needs a comment.', {
        errors: [{ field: 'comment', message: 'comment is required when acknowledging' }],
      });
    }
    if (dto.acknowledged === undefined && dto.assigneeId === undefined && dto.comment === undefined) {
      const message = 'Send acknowledged, comment or assigneeId.';
      throw new AlertException(AlertErrorCode.INVALID_TRIAGE, message, {
        errors: [{ field: 'acknowledged', message }],
      });
    }
    this.policy.assertHas(user, Permission.ALERT_TRIAGE);
    return this.dataSource.transaction(async (em) => {
      const [current]: (AlertRow & { resolved_at: Date | null })[] = await em.query(
        'SELECT * FROM alerts a WHERE a.id = $1 FOR UPDATE',
        [id],
      );
      if (!current || !this.visible(user, current.facility_ids)) throw this.notFound(id);
      assertVersion('alert', dto.version, current.version);
      if (current.resolved_at) {
        throw new AlertException(
          AlertErrorCode.ALERT_RESOLVED,
          'This alert is resolved: its condition no longer holds.',
        );
      }
      const next = {
        acknowledged_at: current.acknowledged_at,
        acknowledged_by_id: current.acknowledged_by_id,
        comment: dto.comment ?? current.comment,
        assignee_id: current.assignee_id,
      };
      if (dto.acknowledged === true) {
        next.acknowledged_at = new Date();
        next.acknowledged_by_id = user.id;
      } else if (dto.acknowledged === false) {
        next.acknowledged_at = null;
        next.acknowledged_by_id = null;
      }
      if (dto.assigneeId !== undefined) {
        if (dto.assigneeId !== null) {
          const allowed = await this.assignees(user, id);
          if (!allowed.some((u) => u.id === dto.assigneeId)) {
            const message =
              'assigneeId must be an active administrator, procurement officer, or a manager of the alert’s facilities';
            throw new AlertException(AlertErrorCode.INVALID_TRIAGE, message, {
              errors: [{ field: 'assigneeId', message }],
            });
          }
        }
        next.assignee_id = dto.assigneeId;
      }
      await em.query(
        `UPDATE alerts SET acknowledged_at = $2, acknowledged_by_id = $3, comment = $4, assignee_id = $5,
                           version = version + 1
          WHERE id = $1`,
        [id, next.acknowledged_at, next.acknowledged_by_id, next.comment, next.assignee_id],
      );
      await this.audit.record(em, {
        action: AuditAction.UPDATE,
        entityType: 'alert',
        entityId: id,
        before: triageSnapshot(current),
        after: triageSnapshot(next),
      });
      return this.get(user, id, em);
    });
  }

  private visible(user: AuthUser, facilityIds: string[]): boolean {
    const scope = this.scope(user);
    return scope === null || facilityIds.some((f) => scope.includes(f));
  }

  private notFound(id: string): AlertException {
    return new AlertException(AlertErrorCode.ALERT_NOT_FOUND, `No alert ${id}.`);
  }
}
