import {
  ArchiveAuthType,
  Technology,
  type ArchiveResponse,
  type CreateArchiveDto,
  type CreateDeviceDto,
  type DiscoveredDeviceResponse,
  type IdentityMappingDto,
  type Modality,
} from '@radfleet/shared';
import type { MessageKey } from '../core/i18n/messages';

/** The connection form, as typed (numbers as text, the date as `YYYY-MM-DD` or null). */
export interface ArchiveFormValue {
  name: string;
  baseUrl: string;
  authType: ArchiveAuthType;
  username: string;
  /** Empty keeps the stored password (when editing). */
  password: string;
  /** Empty keeps the stored token (when editing). */
  token: string;
  enabled: boolean;
  syncIntervalMinutes: string;
  lookBackDays: string;
  syncFrom: string | null;
}

export type ArchiveFormErrors = Partial<Record<keyof ArchiveFormValue, MessageKey>>;

/** The form for a new connection, or for editing `a` (secrets are never shown: they start empty). */
export function archiveFormValue(a?: ArchiveResponse): ArchiveFormValue {
  return {
    name: a?.name ?? '',
    baseUrl: a?.baseUrl ?? '',
    authType: a?.authType ?? ArchiveAuthType.NONE,
    username: a?.username ?? '',
    password: '',
    token: '',
    enabled: a?.enabled ?? true,
    syncIntervalMinutes: String(a?.syncIntervalMinutes ?? 60),
    lookBackDays: String(a?.lookBackDays ?? 3),
    syncFrom: a?.syncFrom ?? null,
  };
}

function int(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

const URL_RULE = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/**
 * Checks the form and builds the request body. For a new connection every secret the auth type
 * needs is required; when editing (`existing`), an empty password or token keeps the stored one,
 * so it is left out of the body. Only the secret the auth type uses is ever sent.
 */
export function archiveBody(
  v: ArchiveFormValue,
  existing?: Pick<ArchiveResponse, 'authType' | 'hasSecret'>,
): { body: CreateArchiveDto | null; errors: ArchiveFormErrors } {
  const errors: ArchiveFormErrors = {};
  const name = v.name.trim();
  const baseUrl = v.baseUrl.trim().replace(/\/+$/, '');
  if (!name) errors.name = 'common.required';
  if (!baseUrl) errors.baseUrl = 'common.required';
  else if (!URL_RULE.test(baseUrl)) errors.baseUrl = 'archiveForm.urlRule';
  const interval = int(v.syncIntervalMinutes, 5, 10_080);
  if (interval === null) errors.syncIntervalMinutes = 'archiveForm.intervalRule';
  const lookBack = int(v.lookBackDays, 0, 90);
  if (lookBack === null) errors.lookBackDays = 'archiveForm.lookBackRule';

  // A stored secret can be kept only when the auth type stays the same.
  const keeps = !!existing && existing.authType === v.authType && existing.hasSecret;
  const username = v.username.trim();
  if (v.authType === ArchiveAuthType.BASIC) {
    if (!username) errors.username = 'common.required';
    if (!v.password && !keeps) errors.password = 'common.required';
  }
  if (v.authType === ArchiveAuthType.BEARER && !v.token.trim() && !keeps)
    errors.token = 'common.required';
  if (Object.keys(errors).length || interval === null || lookBack === null)
    return { body: null, errors };

  const body: CreateArchiveDto = {
    name,
    baseUrl,
    authType: v.authType,
    enabled: v.enabled,
    syncIntervalMinutes: interval,
    lookBackDays: lookBack,
    syncFrom: v.syncFrom,
  };
  // Only the secret the auth type uses is sent, and only when typed: an omitted one is kept.
  body.username = v.authType === ArchiveAuthType.BASIC ? username : null;
  if (v.authType === ArchiveAuthType.BASIC && v.password) body.password = v.password;
  if (v.authType === ArchiveAuthType.BEARER && v.token.trim()) body.token = v.token.trim();
  return { body, errors };
}

type Identity = Pick<
  DiscoveredDeviceResponse,
  | 'modality'
  | 'manufacturer'
  | 'modelName'
  | 'institutionName'
  | 'stationName'
  | 'deviceSerialNumber'
>;

/** A DICOM identity in one line: the fields the archive reported, in a fixed order, missing ones skipped. */
export function identityText(d: Partial<Identity>): string {
  return [
    d.modality,
    [d.manufacturer, d.modelName].filter(Boolean).join(' '),
    d.stationName,
    d.institutionName,
    d.deviceSerialNumber ? `S/N ${d.deviceSerialNumber}` : null,
  ]
    .filter((v) => !!v)
    .join(' · ');
}

/** The new device's form, filled from what the archive reported about the identity. */
export interface DiscoveredDeviceFormValue {
  inventoryNumber: string;
  manufacturer: string;
  model: string;
  modality: Modality | '';
  serialNumber: string;
  facilityId: string;
}

export function discoveredDeviceFormValue(d: DiscoveredDeviceResponse): DiscoveredDeviceFormValue {
  return {
    inventoryNumber: '',
    manufacturer: d.manufacturer ?? '',
    model: d.modelName ?? '',
    modality: d.suggestedModality ?? '',
    serialNumber: d.deviceSerialNumber ?? '',
    facilityId: '',
  };
}

/** Checks the new-device form and builds the body (a digital device, connected to the archive). */
export function discoveredDeviceBody(v: DiscoveredDeviceFormValue): {
  body: CreateDeviceDto | null;
  errors: Partial<Record<keyof DiscoveredDeviceFormValue, MessageKey>>;
} {
  const errors: Partial<Record<keyof DiscoveredDeviceFormValue, MessageKey>> = {};
  const required = ['inventoryNumber', 'manufacturer', 'model', 'modality', 'facilityId'] as const;
  for (const k of required) if (!String(v[k]).trim()) errors[k] = 'common.required';
  if (Object.keys(errors).length || !v.modality) return { body: null, errors };
  return {
    body: {
      inventoryNumber: v.inventoryNumber.trim(),
      manufacturer: v.manufacturer.trim(),
      model: v.model.trim(),
      modality: v.modality,
      technology: Technology.DIGITAL,
      archiveConnected: true,
      serialNumber: v.serialNumber.trim() || null,
      facilityId: v.facilityId,
    },
    errors,
  };
}

/** The mapping form: identity fields (at least one) and the device they belong to. */
export interface MappingFormValue {
  deviceSerialNumber: string;
  stationName: string;
  institutionName: string;
  manufacturer: string;
  modelName: string;
  modality: string;
}

export function mappingBody(
  v: MappingFormValue,
  deviceId: string | null,
): { body: IdentityMappingDto | null; error: MessageKey | null } {
  const fields = Object.fromEntries(
    Object.entries(v)
      .map(([k, x]) => [k, x.trim()] as const)
      .filter(([, x]) => x !== ''),
  ) as Partial<MappingFormValue>;
  if (Object.keys(fields).length === 0) return { body: null, error: 'mappings.needField' };
  if (!deviceId) return { body: null, error: 'mappings.needDevice' };
  return { body: { deviceId, ...fields }, error: null };
}
