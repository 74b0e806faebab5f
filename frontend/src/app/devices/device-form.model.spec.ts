import { Modality, Technology } from '@radfleet/shared';
import {
  changedFields,
  CREATE_FIELDS,
  formValueOf,
  moneyOf,
  serverFieldErrors,
  toDeviceBody,
  validateDeviceBody,
  type DeviceBody,
} from './device-form.model';
import { sampleDevice } from './device.fixtures';

describe('device form ↔ DTO', () => {
  it('turns typed text into the DTO types: null for empty, numbers, ISO dates, exact money', () => {
    const v = formValueOf(sampleDevice());
    const body = toDeviceBody({
      ...v,
      serialNumber: '  ',
      yearOfManufacture: ' 2006 ',
      scheduledHoursPerWeek: '37,5',
      serviceLifeYears: '',
      purchasePrice: '45 000 000,50 ₽',
      commissioningDate: new Date(2007, 4, 12),
      fundingSource: '',
    });
    expect(body).toMatchObject({
      serialNumber: null,
      yearOfManufacture: 2006,
      scheduledHoursPerWeek: 37.5,
      serviceLifeYears: null,
      purchasePrice: '45000000.50',
      commissioningDate: '2007-05-12',
      fundingSource: null,
    });
    expect(moneyOf('')).toBeNull();
  });

  it('keeps text that is not a number, so that the DTO rejects it', () => {
    expect(
      toDeviceBody({ ...formValueOf(sampleDevice()), yearOfManufacture: '19x' }).yearOfManufacture,
    ).toBe('19x');
  });

  it('sends only what changed; the same amount written differently is no change', () => {
    const base = toDeviceBody(formValueOf(sampleDevice()));
    const edited: DeviceBody = { ...base, room: '018', purchasePrice: '55767200', notes: null };
    expect(changedFields(base, edited)).toEqual({ room: '018' });
    expect(changedFields(base, { ...base, purchasePrice: '55767200.01' })).toEqual({
      purchasePrice: '55767200.01',
    });
  });

  it('accepts a valid edit with the shared UpdateDeviceDto', async () => {
    expect(
      await validateDeviceBody('update', { room: '018', purchasePrice: '1.50', version: 3 }),
    ).toEqual({});
  });

  it('rejects what the server rejects, field by field', async () => {
    const errors = await validateDeviceBody('update', {
      yearOfManufacture: '19x',
      dicomAeTitle: 'BAD\\AE',
      purchasePrice: '12.345',
      scheduledHoursPerWeek: 200,
      inventoryNumber: '#1',
      version: 3,
    });
    expect(Object.keys(errors).sort()).toEqual([
      'dicomAeTitle',
      'inventoryNumber',
      'purchasePrice',
      'scheduledHoursPerWeek',
      'yearOfManufacture',
    ]);
    expect(errors['dicomAeTitle']).toEqual({ key: 'deviceForm.invalid.dicomAeTitle' });
  });

  it('needs the version on an update, and the required fields on a create', async () => {
    expect(await validateDeviceBody('update', { room: '1' })).toHaveProperty('version');
    const blank = toDeviceBody(formValueOf(null));
    const create = Object.fromEntries(CREATE_FIELDS.map((f) => [f, blank[f]]));
    const errors = await validateDeviceBody('create', create);
    for (const f of [
      'inventoryNumber',
      'manufacturer',
      'model',
      'modality',
      'technology',
      'facilityId',
    ]) {
      expect(errors[f]).toEqual({ key: 'common.required' });
    }
    const filled = {
      ...create,
      inventoryNumber: 'NEW-1',
      manufacturer: 'Philips',
      model: 'Ingenia',
      modality: Modality.MRI,
      technology: Technology.DIGITAL,
      facilityId: '92dd20c6-08e3-4ee4-8452-79cfdeb58915',
    };
    expect(await validateDeviceBody('create', filled)).toEqual({});
  });

  it('translates the server rules it knows and passes the others through', () => {
    const errors = serverFieldErrors([
      { field: 'archiveConnected', message: 'an analogue device sends no images to the archive' },
      { field: 'inventoryNumber', message: 'inventory number INV-1 is taken' },
      { field: 'facilityId', message: 'facility 123 does not exist' },
    ]);
    expect(errors).toEqual({
      archiveConnected: { key: 'deviceForm.rule.analogueArchive' },
      inventoryNumber: { key: 'deviceForm.rule.inventoryTaken' },
      facilityId: { text: 'facility 123 does not exist' },
    });
  });
});
