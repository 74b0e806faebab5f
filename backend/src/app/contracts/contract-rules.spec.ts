import { describe, expect, it } from 'vitest';
import {
  contractRuleErrors,
  terminationRuleErrors,
  type ContractTerms,
  type CoveredDevice,
  type Milestone,
} from './contract-rules.js';

const terms: ContractTerms = {
  startDate: '2025-01-01',
  endDate: '2027-12-31',
  value: '1000000.00',
  terminatedOn: null,
};
const device = (deviceId: string, serviceFrom = '2025-01-01', serviceTo = '2027-12-31') =>
  ({ deviceId, serviceFrom, serviceTo, serviceFee: null }) satisfies CoveredDevice;
const milestone = (amount: string): Milestone => ({
  description: null,
  dueDate: '2025-06-01',
  amount,
  paidOn: null,
});
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('contractRuleErrors', () => {
  it('accepts a consistent contract', () => {
    expect(
      contractRuleErrors(terms, [device('a'), device('b')], [milestone('1000000.00')]),
    ).toEqual([]);
  });

  it('refuses an end before the start, and an end before the termination', () => {
    expect(fields(contractRuleErrors({ ...terms, endDate: '2024-12-31' }, [], []))).toEqual([
      'endDate',
    ]);
    expect(contractRuleErrors({ ...terms, terminatedOn: '2028-01-01' }, [], [])[0]?.message).toBe(
      'endDate must not be before the termination',
    );
  });

  it('refuses milestones that add up to more than the value, to the kopeck', () => {
    expect(contractRuleErrors(terms, [], [milestone('600000.00'), milestone('400000.00')])).toEqual(
      [],
    );
    const errors = contractRuleErrors(terms, [], [milestone('600000.00'), milestone('400000.01')]);
    expect(errors).toEqual([
      {
        field: 'milestones',
        message: 'the milestones add up to 1000000.01, more than the value 1000000.00',
      },
    ]);
  });

  it('names the second listing of a device', () => {
    expect(fields(contractRuleErrors(terms, [device('a'), device('b'), device('a')], []))).toEqual([
      'devices.2.deviceId',
    ]);
  });

  it("keeps each device's service period within the contract's dates and in order", () => {
    expect(fields(contractRuleErrors(terms, [device('a', '2024-12-31')], []))).toEqual([
      'devices.0.serviceFrom',
    ]);
    expect(
      fields(contractRuleErrors(terms, [device('a', '2025-01-01', '2028-01-01')], [])),
    ).toEqual(['devices.0.serviceTo']);
    expect(
      contractRuleErrors(terms, [device('a', '2026-01-01', '2025-06-01')], []).map(
        (e) => e.message,
      ),
    ).toEqual(['serviceTo must not be before serviceFrom']);
  });
});

describe('terminationRuleErrors', () => {
  const signed = { signedOn: '2024-12-15', endDate: '2027-12-31' };

  it('lets a signed contract end between its signature and its end date', () => {
    expect(terminationRuleErrors(signed, '2024-12-15')).toEqual([]);
    expect(terminationRuleErrors(signed, '2027-12-31')).toEqual([]);
  });

  it('refuses a draft, a date before the signature and one after the end', () => {
    expect(terminationRuleErrors({ ...signed, signedOn: null }, '2026-01-01')[0]?.message).toBe(
      'a draft is not in force: edit it instead',
    );
    expect(terminationRuleErrors(signed, '2024-12-14')[0]?.message).toBe(
      'terminatedOn must not be before signedOn',
    );
    expect(terminationRuleErrors(signed, '2028-01-01')[0]?.message).toBe(
      'terminatedOn must not be after endDate',
    );
  });
});
