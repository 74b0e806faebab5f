import {
  ArchiveAuthType,
  DiscoveredStatus,
  Modality,
  type ArchiveResponse,
  type DiscoveredDeviceResponse,
} from '@radfleet/shared';
import {
  archiveBody,
  archiveFormValue,
  discoveredDeviceBody,
  discoveredDeviceFormValue,
  identityText,
  mappingBody,
  type ArchiveFormValue,
} from './archive-form.model';

function form(patch: Partial<ArchiveFormValue> = {}): ArchiveFormValue {
  return {
    ...archiveFormValue(),
    name: ' Городской PACS ',
    baseUrl: 'https://pacs.city/dicom-web/',
    ...patch,
  };
}

const EXISTING: ArchiveResponse = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'PACS',
  baseUrl: 'https://pacs.city/dicom-web',
  authType: ArchiveAuthType.BASIC,
  username: 'radfleet',
  hasSecret: true,
  enabled: true,
  syncIntervalMinutes: 30,
  lookBackDays: 5,
  syncFrom: '2026-01-01',
  watermark: null,
  pendingDays: 0,
  lastRun: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  version: 4,
};

describe('archiveBody', () => {
  it('builds a new connection without credentials, trimmed, with numbers', () => {
    const { body, errors } = archiveBody(form({ syncIntervalMinutes: '15', lookBackDays: '0' }));
    expect(errors).toEqual({});
    expect(body).toEqual({
      name: 'Городской PACS',
      baseUrl: 'https://pacs.city/dicom-web',
      authType: 'NONE',
      username: null,
      enabled: true,
      syncIntervalMinutes: 15,
      lookBackDays: 0,
      syncFrom: null,
    });
  });

  it('requires a user name and password for BASIC, and a token for BEARER, on a new connection', () => {
    expect(archiveBody(form({ authType: ArchiveAuthType.BASIC })).errors).toEqual({
      username: 'common.required',
      password: 'common.required',
    });
    expect(archiveBody(form({ authType: ArchiveAuthType.BEARER })).errors).toEqual({
      token: 'common.required',
    });
  });

  it('sends only the secret the auth type uses', () => {
    const { body } = archiveBody(
      form({ authType: ArchiveAuthType.BEARER, token: ' abc ', password: 'stale', username: 'u' }),
    );
    expect(body).toMatchObject({ authType: 'BEARER', token: 'abc', username: null });
    expect(body).not.toHaveProperty('password');
  });

  it('keeps a stored password when editing leaves the field empty', () => {
    const v = archiveFormValue(EXISTING);
    expect(v.password).toBe('');
    expect(v.syncIntervalMinutes).toBe('30');
    const { body, errors } = archiveBody(v, EXISTING);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ authType: 'BASIC', username: 'radfleet', syncFrom: '2026-01-01' });
    expect(body).not.toHaveProperty('password');
  });

  it('needs a new secret when editing switches the auth type', () => {
    const { body, errors } = archiveBody(
      { ...archiveFormValue(EXISTING), authType: ArchiveAuthType.BEARER },
      EXISTING,
    );
    expect(body).toBeNull();
    expect(errors).toEqual({ token: 'common.required' });
  });

  it('rejects a URL without http(s) and numbers out of range', () => {
    const { body, errors } = archiveBody(
      form({ baseUrl: 'pacs.city', syncIntervalMinutes: '2', lookBackDays: '91' }),
    );
    expect(body).toBeNull();
    expect(errors).toEqual({
      baseUrl: 'archiveForm.urlRule',
      syncIntervalMinutes: 'archiveForm.intervalRule',
      lookBackDays: 'archiveForm.lookBackRule',
    });
  });
});

const DISCOVERED: DiscoveredDeviceResponse = {
  id: '22222222-2222-4222-8222-222222222222',
  archiveId: null,
  status: DiscoveredStatus.NEW,
  deviceId: null,
  modality: 'CT',
  manufacturer: 'Siemens',
  modelName: 'SOMATOM go.Up',
  institutionName: 'GKB 1',
  stationName: 'CT01',
  deviceSerialNumber: 'SN-9',
  firstDay: '2026-11-01',
  lastDay: '2026-11-20',
  days: 20,
  studies: 400,
  images: 90_000,
  suggestedModality: Modality.CT,
};

describe('identityText', () => {
  it('lists the reported fields in order and skips missing ones', () => {
    expect(identityText(DISCOVERED)).toBe('CT · Siemens SOMATOM go.Up · CT01 · GKB 1 · S/N SN-9');
    expect(identityText({ stationName: 'XR2' })).toBe('XR2');
  });
});

describe('discoveredDeviceBody', () => {
  it('fills a digital, archive-connected device from the identity', () => {
    const v = {
      ...discoveredDeviceFormValue(DISCOVERED),
      inventoryNumber: ' INV-1 ',
      facilityId: 'f1',
    };
    expect(discoveredDeviceBody(v).body).toEqual({
      inventoryNumber: 'INV-1',
      manufacturer: 'Siemens',
      model: 'SOMATOM go.Up',
      modality: 'CT',
      technology: 'DIGITAL',
      archiveConnected: true,
      serialNumber: 'SN-9',
      facilityId: 'f1',
    });
  });

  it('needs an inventory number and a facility', () => {
    expect(discoveredDeviceBody(discoveredDeviceFormValue(DISCOVERED)).errors).toEqual({
      inventoryNumber: 'common.required',
      facilityId: 'common.required',
    });
  });
});

describe('mappingBody', () => {
  const empty = {
    deviceSerialNumber: '',
    stationName: '',
    institutionName: '',
    manufacturer: '',
    modelName: '',
    modality: '',
  };

  it('sends only the filled identity fields', () => {
    expect(
      mappingBody({ ...empty, stationName: ' CT01 ', institutionName: 'GKB 1' }, 'd1'),
    ).toEqual({
      body: { deviceId: 'd1', stationName: 'CT01', institutionName: 'GKB 1' },
      error: null,
    });
  });

  it('needs a field and a device', () => {
    expect(mappingBody(empty, 'd1').error).toBe('mappings.needField');
    expect(mappingBody({ ...empty, modality: 'CT' }, null).error).toBe('mappings.needDevice');
  });
});
