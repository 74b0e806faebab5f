import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  DiscoveredStatus,
  Permission,
  type CreateDeviceDto,
  type DiscoveredDeviceResponse,
  type DiscoveredListQuery,
  type IdentityMappingDto,
  type IdentityMappingResponse,
  type PageQuery,
  type Paged,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { isUniqueViolation } from '../common/persistence.js';
import { DeviceErrorCode, DeviceException } from '../devices/devices.exception.js';
import { DevicesService } from '../devices/devices.service.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { UtilisationService } from '../utilisation/utilisation.service.js';
import { identityKey, suggestedModality } from './archive-identity.js';
import { ArchiveErrorCode, ArchiveException } from './archives.exception.js';
import { DeviceIdentityMappingEntity } from './entities/device-identity-mapping.entity.js';
import { DiscoveredDeviceEntity } from './entities/discovered-device.entity.js';

interface DiscoveredRow {
  id: string;
  archive_id: string | null;
  status: DiscoveredStatus;
  device_id: string | null;
  modality: string | null;
  manufacturer: string | null;
  model_name: string | null;
  institution_name: string | null;
  station_name: string | null;
  device_serial_number: string | null;
  first_day: string | null;
  last_day: string | null;
  days: string;
  studies: string;
  images: string;
  total?: string;
}

const DISCOVERED_ROWS = `
  SELECT dd.id, dd.archive_id, dd.status, dd.device_id, dd.modality, dd.manufacturer, dd.model_name,
         dd.institution_name, dd.station_name, dd.device_serial_number, dd.created_at,
         min(du.day) AS first_day, max(du.day) AS last_day, count(du.day) AS days,
         coalesce(sum(du.studies), 0) AS studies, coalesce(sum(du.images), 0) AS images
    FROM discovered_devices dd
    LEFT JOIN discovered_utilisation du ON du.discovered_device_id = dd.id`;

function toResponse(r: DiscoveredRow): DiscoveredDeviceResponse {
  return {
    id: r.id,
    archiveId: r.archive_id,
    status: r.status,
    deviceId: r.device_id,
    modality: r.modality,
    manufacturer: r.manufacturer,
    modelName: r.model_name,
    institutionName: r.institution_name,
    stationName: r.station_name,
    deviceSerialNumber: r.device_serial_number,
    firstDay: r.first_day,
    lastDay: r.last_day,
    days: Number(r.days),
    studies: Number(r.studies),
    images: Number(r.images),
    suggestedModality: suggestedModality(r.modality),
  };
}

function toMapping(m: DeviceIdentityMappingEntity): IdentityMappingResponse {
  return {
    id: m.id,
    deviceId: m.deviceId,
    deviceSerialNumber: m.deviceSerialNumber,
    stationName: m.stationName,
    institutionName: m.institutionName,
    manufacturer: m.manufacturer,
    modelName: m.modelName,
    modality: m.modality,
    createdAt: m.createdAt.toISOString(),
  };
}

/**
 * The discovered-devices inbox: identities the archive reported that match no device, with their
 * daily counts. Linking one to a device (or creating a device from it) writes an identity mapping
 * and moves its counts into the device's history, in one transaction; later syncs count the
 * identity for the device directly.
 */
@Injectable()
export class DiscoveredDevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: PolicyService,
    private readonly devices: DevicesService,
    private readonly facilities: FacilitiesService,
    private readonly utilisation: UtilisationService,
  ) {}

  async list(q: DiscoveredListQuery): Promise<Paged<DiscoveredDeviceResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.status) where.push(`dd.status = $${params.push(q.status)}`);
    if (q.archiveId) where.push(`dd.archive_id = $${params.push(q.archiveId)}`);
    const rows: DiscoveredRow[] = await this.dataSource.query(
      `SELECT r.*, count(*) OVER () AS total FROM (
         ${DISCOVERED_ROWS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY dd.id) r
       ORDER BY r.status, r.studies DESC, r.created_at, r.id
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map(toResponse),
      total: rows.length > 0 ? Number(rows[0]!.total) : 0,
      page,
      pageSize,
    };
  }

  async get(
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<DiscoveredDeviceResponse> {
    const rows: DiscoveredRow[] = await em.query(
      `${DISCOVERED_ROWS} WHERE dd.id = $1 GROUP BY dd.id`,
      [id],
    );
    if (!rows[0]) throw this.notFound(id);
    return toResponse(rows[0]);
  }

  async link(id: string, deviceId: string): Promise<DiscoveredDeviceResponse> {
    return this.dataSource.transaction(async (em) => {
      const found: { id: string }[] = await em.query('SELECT id FROM devices WHERE id = $1', [
        deviceId,
      ]);
      if (!found[0]) {
        throw new ArchiveException(
          ArchiveErrorCode.DEVICE_NOT_FOUND,
          `There is no device ${deviceId}.`,
          {
            errors: [{ field: 'deviceId', message: 'no such device' }],
          },
        );
      }
      await this.linkIn(em, id, deviceId);
      return this.get(id, em);
    });
  }

  /** Registers a device from the identity (DICOM fields filled from it unless given) and links it. */
  async createDevice(
    user: AuthUser,
    id: string,
    dto: CreateDeviceDto,
  ): Promise<DiscoveredDeviceResponse> {
    this.policy.assertCanWriteFacilities(user, Permission.DEVICE_WRITE, [dto.facilityId]);
    await this.facilities.assertExist([dto.facilityId], 'facilityId');
    try {
      return await this.dataSource.transaction(async (em) => {
        const d = await this.lockOpen(em, id);
        const device = await this.devices.insert(em, {
          ...dto,
          archiveConnected: dto.archiveConnected ?? true,
          dicomSerialNumber: dto.dicomSerialNumber ?? d.deviceSerialNumber,
          dicomStationName:
            dto.dicomStationName ??
            (d.stationName && d.stationName.length <= 16 ? d.stationName : null),
          dicomInstitutionName: dto.dicomInstitutionName ?? d.institutionName,
        });
        await this.linkIn(em, id, device.id);
        return this.get(id, em);
      });
    } catch (e) {
      if (isUniqueViolation(e, 'UQ_devices_inventory_number')) {
        throw new DeviceException(
          DeviceErrorCode.INVENTORY_NUMBER_TAKEN,
          `A device with inventory number ${dto.inventoryNumber} exists already.`,
          {
            errors: [
              {
                field: 'inventoryNumber',
                message: `inventory number ${dto.inventoryNumber} is taken`,
              },
            ],
          },
        );
      }
      throw e;
    }
  }

  private async lockOpen(em: EntityManager, id: string): Promise<DiscoveredDeviceEntity> {
    const d = await em
      .getRepository(DiscoveredDeviceEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!d) throw this.notFound(id);
    if (d.status === DiscoveredStatus.LINKED) {
      throw new ArchiveException(
        ArchiveErrorCode.ALREADY_LINKED,
        `This identity is linked to device ${d.deviceId} already.`,
      );
    }
    return d;
  }

  private async linkIn(em: EntityManager, id: string, deviceId: string): Promise<void> {
    const d = await this.lockOpen(em, id);
    await em.query(
      `INSERT INTO device_identity_mappings (identity_key, device_id, device_serial_number, station_name,
                                             institution_name, manufacturer, model_name, modality)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (identity_key) DO UPDATE SET device_id = EXCLUDED.device_id`,
      [
        d.identityKey,
        deviceId,
        d.deviceSerialNumber,
        d.stationName,
        d.institutionName,
        d.manufacturer,
        d.modelName,
        d.modality,
      ],
    );
    // The inbox's days join the device's archive counts (other identities of the device may have
    // counted on the same days); the next sync of a day recomputes it from all its identities.
    await em.query(
      `SELECT ensure_daily_utilisation_partitions(min(day), max(day))
         FROM discovered_utilisation WHERE discovered_device_id = $1 HAVING count(*) > 0`,
      [id],
    );
    const moved: { day: string; studies: number; images: number }[] = await em.query(
      `WITH gone AS (
         DELETE FROM discovered_utilisation WHERE discovered_device_id = $1 RETURNING day, studies, images)
       INSERT INTO daily_utilisation (device_id, day, source, studies, images, monthly, updated_at)
       SELECT $2, day, 'ARCHIVE', studies, images, false, now() FROM gone
       ON CONFLICT (device_id, day, source) DO UPDATE
         SET studies = daily_utilisation.studies + EXCLUDED.studies,
             images = daily_utilisation.images + EXCLUDED.images, updated_at = now()
       RETURNING day::text AS day, studies, images`,
      [id, deviceId],
    );
    await this.utilisation.refreshMonths(
      em,
      moved.map(() => deviceId),
      moved.map((m) => m.day),
    );
    await em.query(
      `UPDATE discovered_devices SET status = 'LINKED', device_id = $2 WHERE id = $1`,
      [id, deviceId],
    );
    await this.audit.record(em, {
      action: AuditAction.UPDATE,
      entityType: 'discovered_device',
      entityId: id,
      before: { status: DiscoveredStatus.NEW, deviceId: null },
      after: { status: DiscoveredStatus.LINKED, deviceId, daysMoved: moved.length },
    });
  }

  async mappings(q: PageQuery): Promise<Paged<IdentityMappingResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.dataSource
      .getRepository(DeviceIdentityMappingEntity)
      .findAndCount({
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
    return { items: rows.map(toMapping), total, page, pageSize };
  }

  /** An explicit rule; it applies from the next sync on (earlier days within the look-back are re-read). */
  async addMapping(dto: IdentityMappingDto): Promise<IdentityMappingResponse> {
    const fields = {
      deviceSerialNumber: dto.deviceSerialNumber?.trim() || null,
      stationName: dto.stationName?.trim() || null,
      institutionName: dto.institutionName?.trim() || null,
      manufacturer: dto.manufacturer?.trim() || null,
      modelName: dto.modelName?.trim() || null,
      modality: dto.modality?.trim() || null,
    };
    if (Object.values(fields).every((v) => v === null)) {
      throw new ArchiveException(
        ArchiveErrorCode.INVALID_MAPPING,
        'A mapping needs at least one identity field.',
        { errors: [{ field: 'deviceSerialNumber', message: 'give at least one identity field' }] },
      );
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const found: { id: string }[] = await em.query('SELECT id FROM devices WHERE id = $1', [
          dto.deviceId,
        ]);
        if (!found[0]) {
          throw new ArchiveException(
            ArchiveErrorCode.DEVICE_NOT_FOUND,
            `There is no device ${dto.deviceId}.`,
            {
              errors: [{ field: 'deviceId', message: 'no such device' }],
            },
          );
        }
        const repo = em.getRepository(DeviceIdentityMappingEntity);
        const saved = await repo.save(
          repo.create({ ...fields, deviceId: dto.deviceId, identityKey: identityKey(fields) }),
        );
        await this.audit.record(em, {
          action: AuditAction.CREATE,
          entityType: 'identity_mapping',
          entityId: saved.id,
          before: null,
          after: { ...fields, deviceId: dto.deviceId },
        });
        return toMapping(saved);
      });
    } catch (e) {
      if (isUniqueViolation(e, 'UQ_device_identity_mappings_identity')) {
        throw new ArchiveException(
          ArchiveErrorCode.MAPPING_EXISTS,
          'A mapping with these fields exists already.',
        );
      }
      throw e;
    }
  }

  async removeMapping(id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(DeviceIdentityMappingEntity);
      const m = await repo.findOneBy({ id });
      if (!m)
        throw new ArchiveException(
          ArchiveErrorCode.MAPPING_NOT_FOUND,
          `There is no mapping ${id}.`,
        );
      await repo.delete({ id });
      await this.audit.record(em, {
        action: AuditAction.DELETE,
        entityType: 'identity_mapping',
        entityId: id,
        before: { ...toMapping(m), createdAt: undefined },
        after: null,
      });
    });
  }

  private notFound(id: string): ArchiveException {
    return new ArchiveException(
      ArchiveErrorCode.DISCOVERED_NOT_FOUND,
      `There is no discovered device ${id}.`,
    );
  }
}
