import {
  CreateDeviceDto,
  DeviceStatus,
  MONEY_PATTERN,
  UpdateDeviceDto,
  type DeviceResponse,
  type FieldError,
  type FundingSource,
  type Modality,
  type Technology,
} from '@radfleet/shared';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { MessageKey } from '../core/i18n/messages';
import { dateOfIso, isoOfDate } from '../core/ui/date-adapter';

/** What the device form's controls hold: text as typed, numbers included. */
export interface DeviceFormValue {
  inventoryNumber: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  modality: Modality | '';
  technology: Technology | '';
  archiveConnected: boolean;
  dicomStationName: string;
  dicomAeTitle: string;
  dicomSerialNumber: string;
  dicomInstitutionName: string;
  facilityId: string;
  department: string;
  room: string;
  yearOfManufacture: string;
  /** Null when empty, or when the typed text is not a date (the picker then flags the control). */
  commissioningDate: Date | null;
  purchasePrice: string;
  fundingSource: FundingSource | '';
  serviceLifeYears: string;
  scheduledHoursPerWeek: string;
  status: DeviceStatus;
  notes: string;
}
export type DeviceFormField = keyof DeviceFormValue;

/** The request body the form stands for: the DTO's field names and types. */
export type DeviceBody = Record<DeviceFormField, unknown>;

/** Fields the form edits; status belongs to a new device only (an existing one changes status through its own dialog). */
export const EDIT_FIELDS: readonly DeviceFormField[] = [
  'inventoryNumber',
  'serialNumber',
  'manufacturer',
  'model',
  'modality',
  'technology',
  'archiveConnected',
  'dicomStationName',
  'dicomAeTitle',
  'dicomSerialNumber',
  'dicomInstitutionName',
  'facilityId',
  'department',
  'room',
  'yearOfManufacture',
  'commissioningDate',
  'purchasePrice',
  'fundingSource',
  'serviceLifeYears',
  'scheduledHoursPerWeek',
  'notes',
];
export const CREATE_FIELDS: readonly DeviceFormField[] = [...EDIT_FIELDS, 'status'];
const REQUIRED = new Set<string>([
  'inventoryNumber',
  'manufacturer',
  'model',
  'modality',
  'technology',
  'facilityId',
]);

const text = (v: string | null | undefined) => v ?? '';
const num = (v: number | null | undefined) => (v == null ? '' : String(v));

/** The form's starting value: the device as stored, or a blank new device. */
export function formValueOf(d: DeviceResponse | null, facilityId = ''): DeviceFormValue {
  return {
    inventoryNumber: text(d?.inventoryNumber),
    serialNumber: text(d?.serialNumber),
    manufacturer: text(d?.manufacturer),
    model: text(d?.model),
    modality: d?.modality ?? '',
    technology: d?.technology ?? '',
    archiveConnected: d?.archiveConnected ?? false,
    dicomStationName: text(d?.dicomStationName),
    dicomAeTitle: text(d?.dicomAeTitle),
    dicomSerialNumber: text(d?.dicomSerialNumber),
    dicomInstitutionName: text(d?.dicomInstitutionName),
    facilityId: d?.facilityId ?? facilityId,
    department: text(d?.department),
    room: text(d?.room),
    yearOfManufacture: num(d?.yearOfManufacture),
    commissioningDate: dateOfIso(d?.commissioningDate),
    purchasePrice: text(d?.purchasePrice),
    fundingSource: d?.fundingSource ?? '',
    serviceLifeYears: num(d?.serviceLifeYears),
    scheduledHoursPerWeek: num(d?.scheduledHoursPerWeek),
    status: d?.status ?? DeviceStatus.IN_SERVICE,
    notes: text(d?.notes),
  };
}

/** Empty text means "no value"; anything else is trimmed. */
function nullable(v: string): string | null {
  const t = v.trim();
  return t === '' ? null : t;
}

/** A number as typed (a decimal comma is fine); text that is not a number is passed on for the DTO to reject. */
function numberOrText(v: string): number | string | null {
  const t = v.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : v.trim();
}

/** Roubles as typed (`45 000 000,50`) as the API's decimal string (`45000000.50`). */
export function moneyOf(v: string): string | null {
  const t = v.replace(/[\s\u00a0\u202f₽]/g, '').replace(',', '.');
  return t === '' ? null : t;
}

/** The request body for a form value, with the DTO's types: null for cleared fields, numbers for numbers. */
export function toDeviceBody(v: DeviceFormValue): DeviceBody {
  return {
    inventoryNumber: v.inventoryNumber.trim(),
    serialNumber: nullable(v.serialNumber),
    manufacturer: v.manufacturer.trim(),
    model: v.model.trim(),
    modality: v.modality || undefined,
    technology: v.technology || undefined,
    archiveConnected: v.archiveConnected,
    dicomStationName: nullable(v.dicomStationName),
    dicomAeTitle: nullable(v.dicomAeTitle),
    dicomSerialNumber: nullable(v.dicomSerialNumber),
    dicomInstitutionName: nullable(v.dicomInstitutionName),
    facilityId: v.facilityId || undefined,
    department: nullable(v.department),
    room: nullable(v.room),
    yearOfManufacture: numberOrText(v.yearOfManufacture),
    commissioningDate: isoOfDate(v.commissioningDate),
    purchasePrice: moneyOf(v.purchasePrice),
    fundingSource: v.fundingSource || null,
    serviceLifeYears: numberOrText(v.serviceLifeYears),
    scheduledHoursPerWeek: numberOrText(v.scheduledHoursPerWeek),
    status: v.status,
    notes: nullable(v.notes),
  };
}

function same(field: DeviceFormField, a: unknown, b: unknown): boolean {
  if (
    field === 'purchasePrice' &&
    typeof a === 'string' &&
    typeof b === 'string' &&
    MONEY_PATTERN.test(a) &&
    MONEY_PATTERN.test(b)
  ) {
    return Number(a) === Number(b);
  }
  return a === b;
}

/** The fields of `edited` that differ from `base`, as a PATCH body carries them. */
export function changedFields(
  base: DeviceBody,
  edited: DeviceBody,
  fields: readonly DeviceFormField[] = EDIT_FIELDS,
): Partial<DeviceBody> {
  const out: Partial<DeviceBody> = {};
  for (const f of fields) if (!same(f, base[f], edited[f])) out[f] = edited[f];
  return out;
}

/** A field's error: a message of ours (translated when shown), or the server's text. */
export type FieldProblem = { key: MessageKey } | { text: string };
export type DeviceFormErrors = Partial<Record<string, FieldProblem>>;

/**
 * Checks a body with the very DTO class the server validates with (class-validator over
 * class-transformer, as the server's ValidationPipe does), and names the problem per field.
 */
export async function validateDeviceBody(
  kind: 'create' | 'update',
  body: Partial<DeviceBody> & { version?: number },
): Promise<DeviceFormErrors> {
  const instance =
    kind === 'create'
      ? plainToInstance(CreateDeviceDto, body)
      : plainToInstance(UpdateDeviceDto, body);
  const errors = await validate(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  const out: DeviceFormErrors = {};
  for (const e of errors) {
    if (out[e.property]) continue;
    const value = (body as Record<string, unknown>)[e.property];
    const missing = value === undefined || value === null || value === '';
    out[e.property] = {
      key:
        missing && REQUIRED.has(e.property)
          ? 'common.required'
          : (`deviceForm.invalid.${e.property}` as MessageKey),
    };
  }
  return out;
}

/** The server's consistency rules, by their message, so that they can be shown in the user's language. */
const SERVER_RULES: [RegExp, MessageKey][] = [
  [/^an analogue device sends no images to the archive$/, 'deviceForm.rule.analogueArchive'],
  [/^a decommissioned device needs the date/, 'deviceForm.rule.decommissionDate'],
  [/^a decommissioned device needs a reason$/, 'deviceForm.rule.decommissionReason'],
  [
    /^decommissionedOn must not be before commissioningDate$/,
    'deviceForm.rule.decommissionBeforeCommissioning',
  ],
  [/^decommissionedOn must not be in the future$/, 'deviceForm.rule.decommissionFuture'],
  [
    /^only a PLANNED device may have a commissioning date in the future$/,
    'deviceForm.rule.commissioningFuture',
  ],
  [
    /^commissioningDate must not be before the year of manufacture$/,
    'deviceForm.rule.commissioningBeforeManufacture',
  ],
  [/^yearOfManufacture must not be in the future$/, 'deviceForm.rule.manufactureFuture'],
  [/^inventory number .* is taken$/, 'deviceForm.rule.inventoryTaken'],
];

/** The server's field errors (400 `errors`), translated where we know the rule. */
export function serverFieldErrors(errors: readonly FieldError[] | undefined): DeviceFormErrors {
  const out: DeviceFormErrors = {};
  for (const e of errors ?? []) {
    const field = e.field.replace(/^body\./, '');
    if (out[field]) continue;
    const rule = SERVER_RULES.find(([re]) => re.test(e.message));
    out[field] = rule ? { key: rule[1] } : { text: e.message };
  }
  return out;
}
