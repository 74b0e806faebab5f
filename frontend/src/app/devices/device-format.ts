import type { I18nService } from '../core/i18n/i18n.service';
import { money } from '../core/i18n/format';
import type { MessageKey } from '../core/i18n/messages';

/** The fields a device record holds, as the API, the history and the import name them. */
export const DEVICE_FIELDS = [
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
  'status',
  'decommissionedOn',
  'decommissionReason',
  'notes',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

const ENUM_PREFIX: Partial<Record<string, string>> = {
  modality: 'modality',
  technology: 'technology',
  status: 'deviceStatus',
  fundingSource: 'fundingSource',
};
const DATE_FIELDS = new Set(['commissioningDate', 'decommissionedOn']);

/** The label of a device field in the current language; an unknown field shows as it is named. */
export function fieldLabel(i18n: I18nService, field: string): string {
  const key = `device.${field}` as MessageKey;
  const text = i18n.t(key);
  return text === key ? field : text;
}

/**
 * One value of a device field, readable: enums by their label, dates and money in the locale,
 * facilities by name. Used by the details, the history and the conflict dialog alike.
 */
export function formatDeviceValue(
  i18n: I18nService,
  field: string,
  value: unknown,
  facilityName: (id: string) => string | undefined = () => undefined,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  const prefix = ENUM_PREFIX[field];
  if (prefix && typeof value === 'string') return i18n.label(prefix, value);
  if (field === 'facilityId' && typeof value === 'string') return facilityName(value) ?? value;
  if (field === 'district' && typeof value === 'string') return i18n.district(value);
  if (field === 'purchasePrice') return money(i18n, String(value));
  if (DATE_FIELDS.has(field) && typeof value === 'string') return i18n.date(value);
  if (field === 'yearOfManufacture' && typeof value === 'number') return String(value);
  if (typeof value === 'number') return i18n.number(value);
  return String(value);
}

/** `3 года`, `5 лет`, `1 year`: a number of years with the plural the language needs. */
export function yearsText(i18n: I18nService, n: number | null | undefined): string {
  if (n == null) return i18n.t('device.noData');
  const form = new Intl.PluralRules(i18n.locale()).select(n) as 'one' | 'few' | 'many' | 'other';
  const key =
    `device.years.${['one', 'few', 'many'].includes(form) ? form : 'other'}` as MessageKey;
  return i18n.t(key, { n });
}

/**
 * Remaining life from its whole months (README "Glossary"), in years and months: `8 г. 3 мес.`,
 * `−0 г. 2 мес.` once past the end of life; "no data" when unknown.
 */
export function remainingLifeText(i18n: I18nService, months: number | null | undefined): string {
  if (months == null) return i18n.t('device.noData');
  const abs = Math.abs(months);
  const text = i18n.t('device.yearsMonths', { y: Math.floor(abs / 12), m: abs % 12 });
  return months < 0 ? `−${text}` : text;
}
