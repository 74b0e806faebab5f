import { Injectable } from '@nestjs/common';
import {
  ArchiveAuthType,
  AuditAction,
  type ArchiveResponse,
  type PageQuery,
  type ArchiveSyncRunResponse,
  type ArchiveTestResponse,
  type CreateArchiveDto,
  type Paged,
  type UpdateArchiveDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertVersion, definedOnly, isUniqueViolation } from '../common/persistence.js';
import { qidoAuth } from './archive-sync.service.js';
import { ArchiveErrorCode, ArchiveException } from './archives.exception.js';
import { ArchiveConnectionEntity } from './entities/archive-connection.entity.js';
import { ArchiveSyncRunEntity } from './entities/archive-sync-run.entity.js';
import { QidoClient } from './qido/qido.client.js';
import type { QidoFailure } from './qido/qido.errors.js';

/** What the audit trail records of a connection: never the secret, only whether there is one. */
function snapshot(a: ArchiveConnectionEntity): Record<string, unknown> {
  return {
    name: a.name,
    baseUrl: a.baseUrl,
    authType: a.authType,
    username: a.username,
    hasSecret: a.secret !== null,
    enabled: a.enabled,
    syncIntervalMinutes: a.syncIntervalMinutes,
    lookBackDays: a.lookBackDays,
    syncFrom: a.syncFrom,
  };
}

export function toRunResponse(r: ArchiveSyncRunEntity): ArchiveSyncRunResponse {
  return {
    id: r.id,
    archiveId: r.archiveId,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    days: r.days,
    daysDone: r.daysDone,
    daysFailed: r.daysFailed,
    seriesRead: r.seriesRead,
    studies: r.studies,
    images: Number(r.images),
    errors: r.errors,
  };
}

/** Archive connections (administrators): CRUD, a connection test, and the record of sync runs. */
@Injectable()
export class ArchivesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(q: PageQuery): Promise<Paged<ArchiveResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.dataSource
      .getRepository(ArchiveConnectionEntity)
      .findAndCount({
        order: { name: 'ASC', id: 'ASC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
    return { items: await this.responses(rows), total, page, pageSize };
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<ArchiveResponse> {
    const [r] = await this.responses([await this.find(id, em)], em);
    return r!;
  }

  async create(dto: CreateArchiveDto): Promise<ArchiveResponse> {
    const authType = dto.authType ?? ArchiveAuthType.NONE;
    const entity = this.dataSource.getRepository(ArchiveConnectionEntity).create({
      name: dto.name,
      baseUrl: dto.baseUrl,
      authType,
      username: authType === ArchiveAuthType.BASIC ? (dto.username ?? null) : null,
      secret: this.secretOf(authType, dto.password, dto.token, null),
      enabled: dto.enabled ?? true,
      syncIntervalMinutes: dto.syncIntervalMinutes ?? 60,
      lookBackDays: dto.lookBackDays ?? 3,
      syncFrom: dto.syncFrom ?? null,
    });
    this.assertConsistent(entity);
    try {
      return await this.dataSource.transaction(async (em) => {
        const saved = await em.getRepository(ArchiveConnectionEntity).save(entity);
        await this.audit.record(em, {
          action: AuditAction.CREATE,
          entityType: 'archive',
          entityId: saved.id,
          before: null,
          after: snapshot(saved),
        });
        return this.get(saved.id, em);
      });
    } catch (e) {
      throw this.translate(e, dto.name);
    }
  }

  async update(id: string, dto: UpdateArchiveDto): Promise<ArchiveResponse> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const current = await this.find(id, em, true);
        assertVersion('archive', dto.version, current.version);
        const before = snapshot(current);
        const { version: _v, password, token, ...changes } = definedOnly(dto);
        const next = { ...current, ...changes } as ArchiveConnectionEntity;
        if (next.authType !== ArchiveAuthType.BASIC) next.username = null;
        next.secret = this.secretOf(
          next.authType,
          password,
          token,
          next.authType === current.authType ? current.secret : null,
        );
        this.assertConsistent(next);
        Object.assign(current, next);
        await em.getRepository(ArchiveConnectionEntity).save(current);
        await this.audit.record(em, {
          action: AuditAction.UPDATE,
          entityType: 'archive',
          entityId: id,
          before,
          after: snapshot(current),
        });
        return this.get(id, em);
      });
    } catch (e) {
      throw this.translate(e, dto.name);
    }
  }

  /** Removes the connection with its runs and day statuses; counts already synced stay. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.find(id, em, true);
      await em.getRepository(ArchiveConnectionEntity).delete({ id });
      await this.audit.record(em, {
        action: AuditAction.DELETE,
        entityType: 'archive',
        entityId: id,
        before: snapshot(current),
        after: null,
      });
    });
  }

  /** One QIDO-RS query to the archive with the stored credentials; never throws for the archive's faults. */
  async test(id: string): Promise<ArchiveTestResponse> {
    const a = await this.find(id);
    const result = await new QidoClient({
      baseUrl: a.baseUrl,
      auth: qidoAuth(a),
      timeoutMs: 10_000,
    }).ping();
    if (result.ok) {
      return {
        ok: true,
        latencyMs: result.latencyMs,
        status: result.status,
        dicomWeb: true,
        errorKind: null,
        message: null,
      };
    }
    const e = result.error;
    const status = 'status' in e ? e.status : null;
    return {
      ok: false,
      latencyMs: result.latencyMs,
      status,
      dicomWeb: false,
      errorKind: e.kind,
      message: testMessage(e, status),
    };
  }

  async runs(id: string, q: PageQuery): Promise<Paged<ArchiveSyncRunResponse>> {
    await this.find(id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.dataSource.getRepository(ArchiveSyncRunEntity).findAndCount({
      where: { archiveId: id },
      order: { startedAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toRunResponse), total, page, pageSize };
  }

  async run(runId: string): Promise<ArchiveSyncRunResponse> {
    return toRunResponse(
      await this.dataSource.getRepository(ArchiveSyncRunEntity).findOneByOrFail({ id: runId }),
    );
  }

  /** Enabled archives whose last run started at least their interval ago (or never ran). */
  async due(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM archive_connections a
        WHERE a.enabled AND NOT EXISTS (
          SELECT 1 FROM archive_sync_runs r WHERE r.archive_id = a.id
             AND r.started_at > now() - make_interval(mins => a.sync_interval_minutes))
        ORDER BY a.name`,
    );
    return rows.map((r) => r.id);
  }

  async find(
    id: string,
    em = this.dataSource.manager,
    lock = false,
  ): Promise<ArchiveConnectionEntity> {
    const a = await em.getRepository(ArchiveConnectionEntity).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!a)
      throw new ArchiveException(ArchiveErrorCode.ARCHIVE_NOT_FOUND, `There is no archive ${id}.`);
    return a;
  }

  private async responses(
    rows: ArchiveConnectionEntity[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<ArchiveResponse[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const pending: { archive_id: string; n: string }[] = await em.query(
      `SELECT archive_id, count(*) AS n FROM archive_sync_days
        WHERE archive_id = ANY($1::uuid[]) AND status <> 'DONE' GROUP BY archive_id`,
      [ids],
    );
    const last: ArchiveSyncRunEntity[] = await em
      .getRepository(ArchiveSyncRunEntity)
      .createQueryBuilder('r')
      .distinctOn(['r.archive_id'])
      .where('r.archive_id IN (:...ids)', { ids })
      .orderBy('r.archive_id')
      .addOrderBy('r.started_at', 'DESC')
      .getMany();
    const pendingOf = new Map(pending.map((p) => [p.archive_id, Number(p.n)]));
    const lastOf = new Map(last.map((r) => [r.archiveId, r]));
    return rows.map((a) => ({
      id: a.id,
      name: a.name,
      baseUrl: a.baseUrl,
      authType: a.authType,
      username: a.username,
      hasSecret: a.secret !== null,
      enabled: a.enabled,
      syncIntervalMinutes: a.syncIntervalMinutes,
      lookBackDays: a.lookBackDays,
      syncFrom: a.syncFrom,
      watermark: a.watermark,
      pendingDays: pendingOf.get(a.id) ?? 0,
      lastRun: lastOf.has(a.id) ? toRunResponse(lastOf.get(a.id)!) : null,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      version: a.version,
    }));
  }

  /** The secret to store: a new password/token when sent, else the current one (same auth type). */
  private secretOf(
    authType: ArchiveAuthType,
    password: string | null | undefined,
    token: string | null | undefined,
    current: string | null,
  ): string | null {
    if (authType === ArchiveAuthType.BASIC) return password !== undefined ? password : current;
    if (authType === ArchiveAuthType.BEARER) return token !== undefined ? token : current;
    return null;
  }

  private assertConsistent(a: ArchiveConnectionEntity): void {
    const errors: { field: string; message: string }[] = [];
    if (a.authType === ArchiveAuthType.BASIC) {
      if (!a.username) errors.push({ field: 'username', message: 'BASIC needs a username' });
      if (!a.secret) errors.push({ field: 'password', message: 'BASIC needs a password' });
    }
    if (a.authType === ArchiveAuthType.BEARER && !a.secret)
      errors.push({ field: 'token', message: 'BEARER needs a token' });
    if (errors.length > 0)
      throw new ArchiveException(
        ArchiveErrorCode.INVALID_ARCHIVE,
        errors.map((e) => e.message).join('; '),
        { errors },
      );
  }

  private translate(e: unknown, name?: string): unknown {
    if (isUniqueViolation(e, 'UQ_archive_connections_name')) {
      return new ArchiveException(
        ArchiveErrorCode.ARCHIVE_NAME_TAKEN,
        `An archive named "${name}" exists already.`,
        { errors: [{ field: 'name', message: 'the name is taken' }] },
      );
    }
    return e;
  }
}

/**
 * The connection test's account of a failure, in our own words: the remote body (and any parser
 * message quoting it) stays out, since an admin may point the test at any URL of the network.
 */
function testMessage(e: QidoFailure, status: number | null): string {
  switch (e.kind) {
    case 'NETWORK':
    case 'TIMEOUT':
      return e.message; // the URL the admin typed and a local reason (ECONNREFUSED, the timeout)
    case 'AUTH':
      return status === 401
        ? 'The archive refused the credentials (HTTP 401).'
        : 'The archive denied access (HTTP 403).';
    case 'HTTP':
      return `The archive answered HTTP ${status}${status === 404 ? '; is the base URL the DICOMweb root?' : ''}; not a DICOMweb answer.`;
    case 'INVALID_RESPONSE':
      return `The archive answered${status ? ` HTTP ${status}` : ''}, but not with DICOM JSON; is the base URL the DICOMweb (QIDO-RS) root?`;
  }
}
