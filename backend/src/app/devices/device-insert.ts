import { AuditAction } from '@radfleet/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { bulkInsert } from '../common/bulk-insert.js';
import { deviceSnapshot } from './devices.service.js';
import type { DeviceEntity } from './entities/device.entity.js';

/** A device's own fields, as a bulk insert writes them. */
export type NewDevice = Omit<
  DeviceEntity,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'facility' | 'modalityRef'
>;

/**
 * Inserts many devices with one statement per few thousand rows, in the caller's transaction;
 * with `audit`, one CREATE entry each. Returns the new ids by inventory number.
 */
export async function insertDevices(
  em: EntityManager,
  devices: readonly NewDevice[],
  audit?: AuditService,
): Promise<Map<string, string>> {
  const rows = await bulkInsert(
    em,
    'devices',
    [
      { name: 'inventory_number', type: 'varchar[]', value: (d) => d.inventoryNumber },
      { name: 'serial_number', type: 'varchar[]', value: (d) => d.serialNumber },
      { name: 'manufacturer', type: 'varchar[]', value: (d) => d.manufacturer },
      { name: 'model', type: 'varchar[]', value: (d) => d.model },
      { name: 'modality', type: 'varchar[]', value: (d) => d.modality },
      { name: 'technology', type: 'varchar[]', value: (d) => d.technology },
      { name: 'archive_connected', type: 'boolean[]', value: (d) => d.archiveConnected },
      { name: 'dicom_station_name', type: 'varchar[]', value: (d) => d.dicomStationName },
      { name: 'dicom_ae_title', type: 'varchar[]', value: (d) => d.dicomAeTitle },
      { name: 'dicom_serial_number', type: 'varchar[]', value: (d) => d.dicomSerialNumber },
      { name: 'dicom_institution_name', type: 'varchar[]', value: (d) => d.dicomInstitutionName },
      { name: 'facility_id', type: 'uuid[]', value: (d) => d.facilityId },
      { name: 'department', type: 'varchar[]', value: (d) => d.department },
      { name: 'room', type: 'varchar[]', value: (d) => d.room },
      { name: 'year_of_manufacture', type: 'int[]', value: (d) => d.yearOfManufacture },
      { name: 'commissioning_date', type: 'date[]', value: (d) => d.commissioningDate },
      { name: 'purchase_price', type: 'numeric[]', value: (d) => d.purchasePrice },
      { name: 'funding_source', type: 'varchar[]', value: (d) => d.fundingSource },
      { name: 'service_life_years', type: 'int[]', value: (d) => d.serviceLifeYears },
      {
        name: 'scheduled_hours_per_week',
        type: 'numeric[]',
        value: (d) => d.scheduledHoursPerWeek,
      },
      { name: 'status', type: 'varchar[]', value: (d) => d.status },
      { name: 'decommissioned_on', type: 'date[]', value: (d) => d.decommissionedOn },
      { name: 'decommission_reason', type: 'text[]', value: (d) => d.decommissionReason },
      { name: 'notes', type: 'text[]', value: (d) => d.notes },
      { name: 'version', type: 'int[]', value: () => 1 },
    ],
    devices,
    { returning: 'id, inventory_number' },
  );
  const ids = new Map(rows.map((r) => [String(r.inventory_number), String(r.id)]));
  if (audit) {
    await audit.recordMany(
      em,
      devices.map((d) => ({
        action: AuditAction.CREATE,
        entityType: 'device',
        entityId: ids.get(d.inventoryNumber)!,
        before: null,
        after: deviceSnapshot(d as DeviceEntity),
      })),
    );
  }
  return ids;
}
