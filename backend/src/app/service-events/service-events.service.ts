import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  DeviceStatus,
  formatKopecks,
  kopecks,
  Permission,
  ServiceEventType,
  type CreateServiceEventDto,
  type FieldError,
  type Paged,
  type ServiceEventListQuery,
  type ServiceEventResponse,
  type UpdateServiceEventDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { assertVersion, orderBy } from '../common/persistence.js';
import { DevicesService } from '../devices/devices.service.js';
import { DeviceErrorCode, DeviceException } from '../devices/devices.exception.js';
import { DeviceEntity } from '../devices/entities/device.entity.js';
import { eventCoveredSql } from './cost-of-ownership.sql.js';
import { dayStart, EVENT_END } from './downtime.query.js';
import { CITY_TZ } from '../common/calendar.js';
import { ServiceEventEntity } from './entities/service-event.entity.js';
import { ServiceEventErrorCode, ServiceEventException } from './service-events.exception.js';

const EVENT_ROWS = `
  SELECT e.*, d.inventory_number, d.facility_id, f.name AS facility_name, c.number AS contract_number,
         extract(epoch FROM ${EVENT_END('e')} - e.reported_at) / 3600.0 AS duration_hours,
         ${eventCoveredSql('c')} AS covered_by_contract
    FROM service_events e
    JOIN devices d ON d.id = e.device_id
    JOIN facilities f ON f.id = d.facility_id
    LEFT JOIN contracts c ON c.id = e.contract_id`;

const SORT: Record<string, string> = {
  reportedAt: 'reported_at',
  resolvedAt: 'resolved_at',
  cost: 'cost',
  type: 'type',
};

interface EventRow {
  id: string;
  device_id: string;
  inventory_number: string;
  facility_id: string;
  facility_name: string;
  type: ServiceEventType;
  reported_at: Date;
  started_at: Date | null;
  resolved_at: Date | null;
  description: string;
  cost: string;
  contract_id: string | null;
  contract_number: string | null;
  interrupted_status: DeviceStatus | null;
  duration_hours: string | number;
  covered_by_contract: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function toResponse(r: EventRow): ServiceEventResponse {
  return {
    id: r.id,
    deviceId: r.device_id,
    inventoryNumber: r.inventory_number,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    type: r.type,
    reportedAt: r.reported_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    description: r.description,
    cost: r.cost,
    contractId: r.contract_id,
    contractNumber: r.contract_number,
    interruptedStatus: r.interrupted_status,
    durationHours: Math.round(Number(r.duration_hours) * 100) / 100,
    coveredByContract: r.covered_by_contract,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

function snapshot(e: ServiceEventEntity): Record<string, unknown> {
  return {
    deviceId: e.deviceId,
    type: e.type,
    reportedAt: e.reportedAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    description: e.description,
    cost: e.cost,
    contractId: e.contractId,
    interruptedStatus: e.interruptedStatus,
  };
}

/** Statuses a device can break down from. */
const CAN_BREAK_DOWN = [DeviceStatus.IN_SERVICE, DeviceStatus.IDLE, DeviceStatus.UNDER_REPAIR];
/** Allowed clock skew for "not in the future". */
const SKEW_MS = 5 * 60_000;

@Injectable()
export class ServiceEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly devices: DevicesService,
  ) {}

  async list(q: ServiceEventListQuery): Promise<Paged<ServiceEventResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (q.deviceId) where.push(`device_id = ${p(q.deviceId)}`);
    if (q.facilityId?.length) where.push(`facility_id = ANY(${p(q.facilityId)}::uuid[])`);
    if (q.contractId) where.push(`contract_id = ${p(q.contractId)}`);
    if (q.type?.length) where.push(`type = ANY(${p(q.type)}::varchar[])`);
    if (q.from)
      where.push(`coalesce(resolved_at, 'infinity') >= ${dayStart(`${p(q.from)}::date`)}`);
    if (q.to) where.push(`reported_at < ${dayStart(`${p(q.to)}::date + 1`)}`);
    if (q.open !== undefined)
      where.push(q.open ? 'resolved_at IS NULL' : 'resolved_at IS NOT NULL');
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = orderBy(q.sort, SORT, '-reportedAt', 'id')
      .map((o) => `${o.expression} ${o.direction} NULLS LAST`)
      .join(', ');
    const rows: (EventRow & { total: string })[] = await this.dataSource.query(
      `SELECT r.*, count(*) OVER () AS total FROM (${EVENT_ROWS}) r ${w} ORDER BY ${order}
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && page > 1) {
      const [c]: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM (${EVENT_ROWS}) r ${w}`,
        params,
      );
      total = Number(c!.n);
    }
    return { items: rows.map(toResponse), total, page, pageSize };
  }

  async get(
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ServiceEventResponse> {
    const rows: EventRow[] = await em.query(`SELECT * FROM (${EVENT_ROWS}) r WHERE id = $1`, [id]);
    if (rows.length === 0) throw notFound(id);
    return toResponse(rows[0]!);
  }

  async create(user: AuthUser, dto: CreateServiceEventDto): Promise<ServiceEventResponse> {
    return this.dataSource.transaction(async (em) => {
      const device = await em
        .getRepository(DeviceEntity)
        .findOne({ where: { id: dto.deviceId }, lock: { mode: 'pessimistic_write' } });
      if (!device) {
        throw new DeviceException(
          DeviceErrorCode.DEVICE_NOT_FOUND,
          `There is no device ${dto.deviceId}.`,
          {
            errors: [{ field: 'deviceId', message: `there is no device ${dto.deviceId}` }],
          },
        );
      }
      this.policy.assertCanWriteFacilities(user, Permission.SERVICE_EVENT_WRITE, [
        device.facilityId,
      ]);
      const repo = em.getRepository(ServiceEventEntity);
      const event = repo.create({
        deviceId: device.id,
        type: dto.type,
        reportedAt: new Date(dto.reportedAt),
        startedAt: dto.startedAt ? new Date(dto.startedAt) : null,
        resolvedAt: dto.resolvedAt ? new Date(dto.resolvedAt) : null,
        description: dto.description,
        cost: formatKopecks(kopecks(dto.cost ?? '0')),
        contractId: dto.contractId ?? null,
        interruptedStatus: null,
      });
      await this.assertValid(em, event);
      const opensBreakdown = event.type === ServiceEventType.BREAKDOWN && event.resolvedAt === null;
      if (opensBreakdown) {
        if (!CAN_BREAK_DOWN.includes(device.status)) {
          throw invalid([
            {
              field: 'type',
              message: `a ${device.status} device cannot be under repair; change its status first`,
            },
          ]);
        }
        event.interruptedStatus = await this.statusToRestore(em, device);
      }
      const saved = await repo.save(event);
      if (opensBreakdown) {
        await this.devices.apply(em, device, { status: DeviceStatus.UNDER_REPAIR });
      }
      await this.audit.record(em, {
        action: AuditAction.CREATE,
        entityType: 'service_event',
        entityId: saved.id,
        before: null,
        after: snapshot(saved),
      });
      return this.get(saved.id, em);
    });
  }

  async update(
    user: AuthUser,
    id: string,
    dto: UpdateServiceEventDto,
  ): Promise<ServiceEventResponse> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(ServiceEventEntity);
      const found = await repo.findOne({ where: { id } });
      if (!found) throw notFound(id);
      // The device first, then the event: the same order as a new event takes them.
      const device = await em
        .getRepository(DeviceEntity)
        .findOne({ where: { id: found.deviceId }, lock: { mode: 'pessimistic_write' } });
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!device || !current) throw notFound(id);
      this.policy.assertCanWriteFacilities(user, Permission.SERVICE_EVENT_WRITE, [
        device.facilityId,
      ]);
      assertVersion('service event', dto.version, current.version);
      const before = snapshot(current);
      const wasOpen = current.resolvedAt === null;
      // A resolved time may be corrected, but never taken back: the DTO has no null for it.
      if (dto.resolvedAt !== undefined) current.resolvedAt = new Date(dto.resolvedAt);
      if (dto.reportedAt !== undefined) current.reportedAt = new Date(dto.reportedAt);
      if (dto.startedAt !== undefined)
        current.startedAt = dto.startedAt ? new Date(dto.startedAt) : null;
      if (dto.description !== undefined) current.description = dto.description;
      if (dto.cost !== undefined) current.cost = formatKopecks(kopecks(dto.cost));
      if (dto.contractId !== undefined) current.contractId = dto.contractId;
      await this.assertValid(em, current);
      const resolvesBreakdown =
        wasOpen && current.resolvedAt !== null && current.type === ServiceEventType.BREAKDOWN;
      const restore = current.interruptedStatus;
      if (resolvesBreakdown) current.interruptedStatus = null;
      const after = snapshot(current);
      if (JSON.stringify(before) === JSON.stringify(after)) return this.get(id, em);
      await repo.save(current);
      if (resolvesBreakdown && restore !== null && device.status === DeviceStatus.UNDER_REPAIR) {
        const stillOpen: unknown[] = await em.query(
          `SELECT 1 FROM service_events WHERE device_id = $1 AND type = 'BREAKDOWN' AND resolved_at IS NULL AND id <> $2 LIMIT 1`,
          [device.id, id],
        );
        if (stillOpen.length === 0) await this.devices.apply(em, device, { status: restore });
      }
      await this.audit.record(em, {
        action: AuditAction.UPDATE,
        entityType: 'service_event',
        entityId: id,
        before,
        after,
      });
      return this.get(id, em);
    });
  }

  /**
   * The status a new breakdown interrupts: the device's own, or — when another open breakdown has
   * it under repair already — the one that breakdown will restore.
   */
  private async statusToRestore(em: EntityManager, device: DeviceEntity): Promise<DeviceStatus> {
    if (device.status !== DeviceStatus.UNDER_REPAIR) return device.status;
    const open: { interrupted_status: DeviceStatus | null }[] = await em.query(
      `SELECT interrupted_status FROM service_events
        WHERE device_id = $1 AND type = 'BREAKDOWN' AND resolved_at IS NULL AND interrupted_status IS NOT NULL
        ORDER BY reported_at LIMIT 1`,
      [device.id],
    );
    return open[0]?.interrupted_status ?? DeviceStatus.UNDER_REPAIR;
  }

  private async assertValid(em: EntityManager, e: ServiceEventEntity): Promise<void> {
    const errors: FieldError[] = [];
    const limit = Date.now() + SKEW_MS;
    if (e.reportedAt.getTime() > limit)
      errors.push({ field: 'reportedAt', message: 'reportedAt must not be in the future' });
    if (e.startedAt && e.startedAt < e.reportedAt)
      errors.push({ field: 'startedAt', message: 'startedAt must not be before reportedAt' });
    if (e.startedAt && e.startedAt.getTime() > limit)
      errors.push({ field: 'startedAt', message: 'startedAt must not be in the future' });
    if (e.resolvedAt && e.resolvedAt < (e.startedAt ?? e.reportedAt))
      errors.push({
        field: 'resolvedAt',
        message: 'resolvedAt must not be before startedAt or reportedAt',
      });
    if (e.resolvedAt && e.resolvedAt.getTime() > limit)
      errors.push({ field: 'resolvedAt', message: 'resolvedAt must not be in the future' });
    if (errors.length) throw invalid(errors);
    if (e.contractId) {
      const rows: { type: string; covered: boolean }[] = await em.query(
        `SELECT c.type, (cd.service_from <= ($3::timestamptz AT TIME ZONE '${CITY_TZ}')::date
                         AND cd.service_to >= ($3::timestamptz AT TIME ZONE '${CITY_TZ}')::date) AS covered
           FROM contracts c LEFT JOIN contract_devices cd ON cd.contract_id = c.id AND cd.device_id = $2
          WHERE c.id = $1`,
        [e.contractId, e.deviceId, e.reportedAt.toISOString()],
      );
      const row = rows[0];
      const message = !row
        ? `there is no contract ${e.contractId}`
        : row.covered === null
          ? 'the contract does not cover this device'
          : !row.covered
            ? "the event is outside the device's service period under this contract"
            : row.type === 'SUPPLY'
              ? 'a supply contract covers no service work'
              : null;
      if (message) throw invalid([{ field: 'contractId', message }]);
    }
  }
}

function invalid(errors: FieldError[]): ServiceEventException {
  return new ServiceEventException(
    ServiceEventErrorCode.INVALID_SERVICE_EVENT,
    errors.map((e) => e.message).join('; '),
    { errors },
  );
}

function notFound(id: string): ServiceEventException {
  return new ServiceEventException(
    ServiceEventErrorCode.SERVICE_EVENT_NOT_FOUND,
    `There is no service event ${id}.`,
  );
}
