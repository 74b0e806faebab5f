import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  type AuditEntryResponse,
  type AuditQuery,
  type Paged,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { requestContext } from '../common/logging/request-context.js';
import { diffFields } from './audit-diff.js';
import { AuditEntryEntity } from './entities/audit-entry.entity.js';

export interface AuditRecord {
  action: AuditAction | `${AuditAction}`;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Fields that change on every write and say nothing to a reader of the trail. */
const NOISE = ['createdAt', 'updatedAt', 'version'];

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes one entry with the entity manager of the change's own transaction, so the entry exists
   * exactly when the change does. The actor and request id come from the request context.
   */
  async record(em: EntityManager, r: AuditRecord): Promise<void> {
    const changes = diffFields(r.before, r.after, NOISE);
    if (r.action === AuditAction.UPDATE && changes.length === 0) return;
    const ctx = requestContext.getStore();
    await em.getRepository(AuditEntryEntity).insert({
      action: r.action as AuditAction,
      entityType: r.entityType,
      entityId: r.entityId,
      changes,
      actorId: ctx?.userId ?? null,
      actorEmail: ctx?.userEmail ?? (ctx ? null : 'system'),
      requestId: ctx?.requestId ?? null,
    } as QueryDeepPartialEntity<AuditEntryEntity>);
  }

  /** Many entries at once (imports), in the caller's transaction. */
  async recordMany(em: EntityManager, records: AuditRecord[]): Promise<void> {
    const ctx = requestContext.getStore();
    const rows = records
      .map((r) => ({ r, changes: diffFields(r.before, r.after, NOISE) }))
      .filter(({ r, changes }) => r.action !== AuditAction.UPDATE || changes.length > 0)
      .map(({ r, changes }) => ({
        action: r.action as AuditAction,
        entityType: r.entityType,
        entityId: r.entityId,
        changes,
        actorId: ctx?.userId ?? null,
        actorEmail: ctx?.userEmail ?? (ctx ? null : 'system'),
        requestId: ctx?.requestId ?? null,
      }));
    for (let i = 0; i < rows.length; i += 1000) {
      await em
        .getRepository(AuditEntryEntity)
        .insert(rows.slice(i, i + 1000) as QueryDeepPartialEntity<AuditEntryEntity>[]);
    }
  }

  async list(q: AuditQuery): Promise<Paged<AuditEntryResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (q.entityType) qb.andWhere('a.entity_type = :et', { et: q.entityType });
    if (q.entityId) qb.andWhere('a.entity_id = :eid', { eid: q.entityId });
    if (q.actorId) qb.andWhere('a.actor_id = :aid', { aid: q.actorId });
    if (q.action) qb.andWhere('a.action = :act', { act: q.action });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.at < :to', { to: q.to });
    const ascending = q.sort === 'at';
    qb.orderBy('a.seq', ascending ? 'ASC' : 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toResponse), total, page, pageSize };
  }

  /** Every entry of one entity, oldest first. */
  async forEntity(entityType: string, entityId: string): Promise<AuditEntryResponse[]> {
    const rows = await this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.entity_type = :et AND a.entity_id = :eid', { et: entityType, eid: entityId })
      .orderBy('a.seq', 'ASC')
      .getMany();
    return rows.map(toResponse);
  }
}

function toResponse(a: AuditEntryEntity): AuditEntryResponse {
  return {
    id: a.id,
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorEmail: a.actorEmail,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    changes: a.changes,
    requestId: a.requestId,
  };
}
