import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  DeviceStatus,
  Permission,
  type CreateDeviceDto,
  type DeviceHistoryEntry,
  type DeviceListQuery,
  type DeviceResponse,
  type Paged,
  type UpdateDeviceDto,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { assertVersion, definedOnly, isUniqueViolation } from '../common/persistence.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { cityToday } from '../common/calendar.js';
import { deviceRuleErrors } from './device-rules.js';
import { DeviceErrorCode, DeviceException } from './devices.exception.js';
import {
  deviceFilterSql,
  deviceRowsSql,
  toDeviceResponse,
  type DeviceRow,
} from './devices.query.js';
import { DeviceEntity } from './entities/device.entity.js';

/** The device's own fields as the audit trail records them. */
export function deviceSnapshot(d: DeviceEntity): Record<string, unknown> {
  return {
    inventoryNumber: d.inventoryNumber,
    serialNumber: d.serialNumber,
    manufacturer: d.manufacturer,
    model: d.model,
    modality: d.modality,
    technology: d.technology,
    archiveConnected: d.archiveConnected,
    dicomStationName: d.dicomStationName,
    dicomAeTitle: d.dicomAeTitle,
    dicomSerialNumber: d.dicomSerialNumber,
    dicomInstitutionName: d.dicomInstitutionName,
    facilityId: d.facilityId,
    department: d.department,
    room: d.room,
    yearOfManufacture: d.yearOfManufacture,
    commissioningDate: d.commissioningDate,
    purchasePrice: d.purchasePrice === null ? null : Number(d.purchasePrice).toFixed(2),
    fundingSource: d.fundingSource,
    serviceLifeYears: d.serviceLifeYears,
    scheduledHoursPerWeek:
      d.scheduledHoursPerWeek === null ? null : Number(d.scheduledHoursPerWeek),
    status: d.status,
    decommissionedOn: d.decommissionedOn,
    decommissionReason: d.decommissionReason,
    notes: d.notes,
    vendorSupportEndsOn: d.vendorSupportEndsOn ?? null,
  };
}

type DeviceFields = Omit<CreateDeviceDto, never>;

@Injectable()
export class DevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly facilities: FacilitiesService,
  ) {}

  async list(q: DeviceListQuery): Promise<Paged<DeviceResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { from, where, params, orderBy } = deviceFilterSql(q, cityToday());
    const rows: (DeviceRow & { total: string })[] = await this.dataSource.query(
      `SELECT r.*, count(*) OVER () AS total FROM ${from} ${where} ${orderBy}
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && page > 1) {
      const counted: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM ${from} ${where}`,
        params,
      );
      total = Number(counted[0]!.n);
    }
    return { items: rows.map(toDeviceResponse), total, page, pageSize };
  }

  /** Every device matching the filters, in order, a batch at a time (for exports). */
  async *stream(
    q: DeviceListQuery,
    today = cityToday(),
    batch = 2_000,
  ): AsyncGenerator<DeviceResponse[]> {
    const { from, where, params, orderBy } = deviceFilterSql(q, today);
    for (let offset = 0; ; offset += batch) {
      const rows: DeviceRow[] = await this.dataSource.query(
        `SELECT * FROM ${from} ${where} ${orderBy} LIMIT ${batch} OFFSET ${offset}`,
        params,
      );
      if (rows.length > 0) yield rows.map(toDeviceResponse);
      if (rows.length < batch) return;
    }
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<DeviceResponse> {
    const rows: DeviceRow[] = await em.query(
      `SELECT * FROM (${deviceRowsSql('$2::date')}) r WHERE id = $1`,
      [id, cityToday()],
    );
    if (rows.length === 0) throw this.notFound(id);
    return toDeviceResponse(rows[0]!);
  }

  async create(user: AuthUser, dto: CreateDeviceDto): Promise<DeviceResponse> {
    this.policy.assertCanWriteFacilities(user, Permission.DEVICE_WRITE, [dto.facilityId]);
    await this.facilities.assertExist([dto.facilityId], 'facilityId');
    try {
      return await this.dataSource.transaction(async (em) => {
        const saved = await this.insert(em, dto);
        return this.get(saved.id, em);
      });
    } catch (e) {
      throw this.translate(e, dto.inventoryNumber);
    }
  }

  async update(user: AuthUser, id: string, dto: UpdateDeviceDto): Promise<DeviceResponse> {
    if (dto.facilityId) await this.facilities.assertExist([dto.facilityId], 'facilityId');
    try {
      return await this.dataSource.transaction(async (em) => {
        const current = await em
          .getRepository(DeviceEntity)
          .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!current) throw this.notFound(id);
        // Both the facility it is in and the one it moves to must be the user's to change.
        this.policy.assertCanWriteFacilities(user, Permission.DEVICE_WRITE, [
          current.facilityId,
          dto.facilityId ?? current.facilityId,
        ]);
        assertVersion('device', dto.version, current.version);
        const { version: _v, statusReason, ...changes } = definedOnly(dto);
        const note =
          statusReason && changes.status && changes.status !== current.status
            ? { statusReason }
            : undefined;
        await this.apply(em, current, changes, note);
        return this.get(id, em);
      });
    } catch (e) {
      throw this.translate(e, dto.inventoryNumber);
    }
  }

  /** Inserts one device in the caller's transaction, after the cross-field rules, and audits it. */
  async insert(em: EntityManager, dto: DeviceFields): Promise<DeviceEntity> {
    const repo = em.getRepository(DeviceEntity);
    const entity = repo.create({
      inventoryNumber: dto.inventoryNumber,
      serialNumber: dto.serialNumber ?? null,
      manufacturer: dto.manufacturer,
      model: dto.model,
      modality: dto.modality,
      technology: dto.technology,
      archiveConnected: dto.archiveConnected ?? false,
      dicomStationName: dto.dicomStationName ?? null,
      dicomAeTitle: dto.dicomAeTitle ?? null,
      dicomSerialNumber: dto.dicomSerialNumber ?? null,
      dicomInstitutionName: dto.dicomInstitutionName ?? null,
      facilityId: dto.facilityId,
      department: dto.department ?? null,
      room: dto.room ?? null,
      yearOfManufacture: dto.yearOfManufacture ?? null,
      commissioningDate: dto.commissioningDate ?? null,
      purchasePrice: dto.purchasePrice ?? null,
      fundingSource: dto.fundingSource ?? null,
      serviceLifeYears: dto.serviceLifeYears ?? null,
      scheduledHoursPerWeek:
        dto.scheduledHoursPerWeek == null ? null : String(dto.scheduledHoursPerWeek),
      status: dto.status ?? DeviceStatus.IN_SERVICE,
      decommissionedOn: dto.decommissionedOn ?? null,
      decommissionReason: dto.decommissionReason ?? null,
      notes: dto.notes ?? null,
      vendorSupportEndsOn: dto.vendorSupportEndsOn ?? null,
    });
    this.assertConsistent(entity);
    const saved = await repo.save(entity);
    await this.audit.record(em, {
      action: AuditAction.CREATE,
      entityType: 'device',
      entityId: saved.id,
      before: null,
      after: deviceSnapshot(saved),
    });
    return saved;
  }

  /**
   * Applies changes to a locked device in the caller's transaction; audits what changed, with an
   * optional note (such as the reason for a status change) beside the fields. True when anything did.
   */
  async apply(
    em: EntityManager,
    current: DeviceEntity,
    changes: Partial<DeviceFields>,
    note?: Record<string, string>,
  ): Promise<boolean> {
    const before = deviceSnapshot(current);
    const next = { ...current } as DeviceEntity;
    for (const [k, v] of Object.entries(changes)) {
      (next as unknown as Record<string, unknown>)[k] =
        k === 'scheduledHoursPerWeek' && v != null ? String(v) : (v ?? null);
    }
    // Leaving DECOMMISSIONED clears its date and reason; entering it needs both.
    if (
      changes.status &&
      changes.status !== DeviceStatus.DECOMMISSIONED &&
      current.status === DeviceStatus.DECOMMISSIONED
    ) {
      if (changes.decommissionedOn === undefined) next.decommissionedOn = null;
      if (changes.decommissionReason === undefined) next.decommissionReason = null;
    }
    this.assertConsistent(next);
    const after = deviceSnapshot(next);
    if (JSON.stringify(before) === JSON.stringify(after)) return false;
    Object.assign(current, next);
    await em.getRepository(DeviceEntity).save(current);
    const noteBefore = Object.fromEntries(Object.keys(note ?? {}).map((k) => [k, null]));
    await this.audit.record(em, {
      action: AuditAction.UPDATE,
      entityType: 'device',
      entityId: current.id,
      before: { ...before, ...noteBefore },
      after: { ...after, ...note },
    });
    return true;
  }

  async history(id: string): Promise<DeviceHistoryEntry[]> {
    await this.get(id);
    const entries = await this.audit.forEntity('device', id);
    return entries.map((e) => ({
      at: e.at,
      action: e.action,
      actorEmail: e.actorEmail,
      changes: e.changes,
      requestId: e.requestId,
    }));
  }

  assertConsistent(d: DeviceEntity): void {
    const errors = deviceRuleErrors(d, cityToday());
    if (errors.length > 0) {
      throw new DeviceException(
        DeviceErrorCode.INVALID_DEVICE,
        errors.map((e) => e.message).join('; '),
        { errors },
      );
    }
  }

  private translate(e: unknown, inventoryNumber?: string): unknown {
    if (isUniqueViolation(e, 'UQ_devices_inventory_number')) {
      return new DeviceException(
        DeviceErrorCode.INVENTORY_NUMBER_TAKEN,
        `A device with inventory number ${inventoryNumber} exists already.`,
        {
          errors: [
            { field: 'inventoryNumber', message: `inventory number ${inventoryNumber} is taken` },
          ],
        },
      );
    }
    return e;
  }

  private notFound(id: string): DeviceException {
    return new DeviceException(DeviceErrorCode.DEVICE_NOT_FOUND, `There is no device ${id}.`);
  }
}
