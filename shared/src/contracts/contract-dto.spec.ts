import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { UpdateContractDto } from './contract.js';

const errors = (plain: object) =>
  validateSync(plainToInstance(UpdateContractDto, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) }));

/** UpdateContractDto is PartialDto(CreateContractDto): the create rules, each field optional. */
describe('UpdateContractDto', () => {
  it('needs only the version that was read', () => {
    expect(errors({ version: 2 })).toEqual([]);
    expect(errors({}).map((e) => e.field)).toEqual(['version']);
  });

  it("checks a sent field by the create DTO's rule, the contract-number pattern included", () => {
    expect(errors({ version: 2, number: '  ГК-2026/15  ', value: '1500000.50' })).toEqual([]);
    expect(errors({ version: 2, number: '-starts-with-a-dash' })).toEqual([
      {
        field: 'number',
        messages: ['number must be 1-64 letters, digits, spaces and . / _ № # -'],
      },
    ]);
    expect(errors({ version: 2, value: '12,5', type: 'LEASE' }).map((e) => e.field)).toEqual([
      'type',
      'value',
    ]);
  });

  it('allows null only where creating allows it', () => {
    expect(errors({ version: 2, signedOn: null, sla: null })).toEqual([]);
    expect(errors({ version: 2, endDate: null }).map((e) => e.field)).toEqual(['endDate']);
  });

  it('trims the number as creating does', () => {
    const dto = plainToInstance(UpdateContractDto, { version: 2, number: '  ГК-1  ' });
    expect(dto.number).toBe('ГК-1');
  });
});
