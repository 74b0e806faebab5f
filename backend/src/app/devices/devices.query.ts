import type { DeviceListQuery, DeviceResponse } from '@radfleet/shared';
import { likePattern, orderByClause } from '../common/persistence.js';
import {
  ageYearsSql,
  endOfLifeSql,
  installedOnSql,
  lifeByUseJoinSql,
  lifeInForceSql,
  pastLifeSql,
  remainingLifeMonthsSql,
} from './fleet-figures.sql.js';

/**
 * Devices with their facility, their modality's defaults, and the figures computed when read, each
 * from its one definition (fleet-figures.sql.ts, README "Glossary"): age, the service life in
 * force (override, else life by use, else the modality's default), the end-of-life date, remaining life in months and the past-life flag. `today` is an SQL
 * date expression, always the city's today passed as a parameter (never `current_date`). One SQL
 * the list, the export and the device page share.
 */
export function deviceRowsSql(today: string): string {
  return `
  SELECT x.*,
         ${remainingLifeMonthsSql('x.end_of_life', today)} AS remaining_life_months,
         ${pastLifeSql('x.end_of_life', today)} AS past_life,
         coalesce(${installedOnSql('x', today)}, false) AS installed
    FROM (
      SELECT d.*, f.code AS facility_code, f.name AS facility_name, f.district AS district,
             ${lifeInForceSql('d', 'm', today, 'lbu.years')} AS effective_life,
             ${ageYearsSql('d', today)} AS age,
             ${endOfLifeSql('d', lifeInForceSql('d', 'm', today, 'lbu.years'))} AS end_of_life
        FROM devices d
        JOIN facilities f ON f.id = d.facility_id
        JOIN modalities m ON m.code = d.modality
        ${lifeByUseJoinSql('d', today, 'lbu')}
    ) x`;
}

const SORT_COLUMNS: Record<string, string> = {
  inventoryNumber: 'inventory_number',
  serialNumber: 'serial_number',
  manufacturer: 'manufacturer',
  model: 'model',
  modality: 'modality',
  technology: 'technology',
  facility: 'facility_name',
  district: 'district',
  status: 'status',
  commissioningDate: 'commissioning_date',
  yearOfManufacture: 'year_of_manufacture',
  age: 'age',
  endOfLifeDate: 'end_of_life',
  remainingLifeMonths: 'remaining_life_months',
  purchasePrice: 'purchase_price',
  updatedAt: 'updated_at',
};

export interface SqlQuery {
  /** The device rows as of today (`$1`), aliased `r`. */
  from: string;
  where: string;
  params: unknown[];
  orderBy: string;
}

/**
 * The device rows as of `today` (the city's, `YYYY-MM-DD`) with WHERE and ORDER BY for the list
 * filters, with numbered parameters; `$1` is today.
 */
export function deviceFilterSql(q: DeviceListQuery, today: string): SqlQuery {
  const params: unknown[] = [today];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (q.modality?.length) where.push(`modality = ANY(${p(q.modality)}::varchar[])`);
  if (q.facilityId?.length) where.push(`facility_id = ANY(${p(q.facilityId)}::uuid[])`);
  if (q.district?.length) where.push(`district = ANY(${p(q.district)}::varchar[])`);
  if (q.technology) where.push(`technology = ${p(q.technology)}`);
  if (q.status?.length) where.push(`status = ANY(${p(q.status)}::varchar[])`);
  if (q.ageMin !== undefined) where.push(`age >= ${p(q.ageMin)}`);
  if (q.ageMax !== undefined) where.push(`age <= ${p(q.ageMax)}`);
  // Overdue: installed today and past life; decommissioned devices are never overdue.
  if (q.overdue !== undefined)
    where.push(q.overdue ? '(installed AND past_life)' : 'NOT (installed AND past_life)');
  if (q.installed !== undefined) where.push(q.installed ? 'installed' : 'NOT installed');
  if (q.archiveConnected !== undefined) where.push(`archive_connected = ${p(q.archiveConnected)}`);
  if (q.q?.trim()) {
    const like = p(likePattern(q.q));
    where.push(
      `(inventory_number ILIKE ${like} OR serial_number ILIKE ${like} OR manufacturer ILIKE ${like} OR model ILIKE ${like} OR facility_name ILIKE ${like})`,
    );
  }
  return {
    from: `(${deviceRowsSql('$1::date')}) r`,
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
    orderBy: orderByClause(q.sort, SORT_COLUMNS, 'inventoryNumber', 'id'),
  };
}

export interface DeviceRow {
  id: string;
  inventory_number: string;
  serial_number: string | null;
  manufacturer: string;
  model: string;
  modality: DeviceResponse['modality'];
  technology: DeviceResponse['technology'];
  archive_connected: boolean;
  dicom_station_name: string | null;
  dicom_ae_title: string | null;
  dicom_serial_number: string | null;
  dicom_institution_name: string | null;
  facility_id: string;
  facility_code: string;
  facility_name: string;
  district: DeviceResponse['district'];
  department: string | null;
  room: string | null;
  year_of_manufacture: number | null;
  commissioning_date: string | Date | null;
  purchase_price: string | null;
  funding_source: DeviceResponse['fundingSource'];
  service_life_years: number | null;
  scheduled_hours_per_week: string | null;
  status: DeviceResponse['status'];
  decommissioned_on: string | Date | null;
  decommission_reason: string | null;
  notes: string | null;
  vendor_support_ends_on: string | Date | null;
  age: number | null;
  effective_life: number;
  end_of_life: string | null;
  remaining_life_months: number | null;
  past_life: boolean;
  installed: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function isoDate(v: string | Date | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
}

export function toDeviceResponse(r: DeviceRow): DeviceResponse {
  return {
    id: r.id,
    inventoryNumber: r.inventory_number,
    serialNumber: r.serial_number,
    manufacturer: r.manufacturer,
    model: r.model,
    modality: r.modality,
    technology: r.technology,
    archiveConnected: r.archive_connected,
    dicomStationName: r.dicom_station_name,
    dicomAeTitle: r.dicom_ae_title,
    dicomSerialNumber: r.dicom_serial_number,
    dicomInstitutionName: r.dicom_institution_name,
    facilityId: r.facility_id,
    facilityCode: r.facility_code,
    facilityName: r.facility_name,
    district: r.district,
    department: r.department,
    room: r.room,
    yearOfManufacture: r.year_of_manufacture,
    commissioningDate: isoDate(r.commissioning_date),
    purchasePrice: r.purchase_price,
    fundingSource: r.funding_source,
    serviceLifeYears: r.service_life_years,
    scheduledHoursPerWeek:
      r.scheduled_hours_per_week === null ? null : Number(r.scheduled_hours_per_week),
    status: r.status,
    decommissionedOn: isoDate(r.decommissioned_on),
    decommissionReason: r.decommission_reason,
    notes: r.notes,
    vendorSupportEndsOn: isoDate(r.vendor_support_ends_on),
    age: r.age,
    effectiveServiceLifeYears: r.effective_life,
    endOfLifeDate: r.end_of_life,
    remainingLifeMonths: r.remaining_life_months,
    pastServiceLife: r.past_life,
    installed: r.installed,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}
