import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CreateDeviceDto, UpdateDeviceDto } from '../devices/device.js';

const fields = (dto: object) =>
  validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })
    .map((e) => e.property)
    .sort();

describe('PartialDto', () => {
  it('leaves the create DTO strict', () => {
    expect(fields(plainToInstance(CreateDeviceDto, {}))).toEqual([
      'facilityId',
      'inventoryNumber',
      'manufacturer',
      'modality',
      'model',
      'technology',
    ]);
  });

  it('makes every field optional but keeps its rules and transforms', () => {
    expect(fields(plainToInstance(UpdateDeviceDto, { version: 3 }))).toEqual([]);
    expect(
      fields(
        plainToInstance(UpdateDeviceDto, { version: 3, modality: 'XRAY', purchasePrice: '12,5' }),
      ),
    ).toEqual(['modality', 'purchasePrice']);
    const trimmed = plainToInstance(UpdateDeviceDto, {
      version: '4',
      manufacturer: '  Philips  ',
      room: '  ',
    });
    expect(trimmed).toMatchObject({ version: 4, manufacturer: 'Philips', room: null });
  });

  it('allows null only where creating allows it', () => {
    expect(
      fields(
        plainToInstance(UpdateDeviceDto, {
          version: 1,
          serialNumber: null,
          commissioningDate: null,
        }),
      ),
    ).toEqual([]);
    expect(
      fields(
        plainToInstance(UpdateDeviceDto, { version: 1, manufacturer: null, facilityId: null }),
      ),
    ).toEqual(['facilityId', 'manufacturer']);
  });

  it('still refuses unknown fields and needs the version', () => {
    expect(fields(plainToInstance(UpdateDeviceDto, { hacked: true }))).toEqual([
      'hacked',
      'version',
    ]);
  });
});
