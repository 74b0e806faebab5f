import { SlaMeasurementPeriod } from '@radfleet/shared';
import { describe, expect, it } from 'vitest';
import { periodOf, slaRange } from './sla-range';

describe('slaRange', () => {
  it('asks for the last 24 months, from the start of a whole period, within the contract', () => {
    expect(
      slaRange('2020-01-01', '2030-12-31', '2025-11-27', SlaMeasurementPeriod.QUARTER),
    ).toEqual({ from: '2023-10-01', to: '2025-11-27' });
    expect(slaRange('2020-01-01', '2030-12-31', '2025-11-27', SlaMeasurementPeriod.MONTH)).toEqual({
      from: '2023-12-01',
      to: '2025-11-27',
    });
    expect(
      slaRange('2025-05-20', '2025-08-15', '2025-11-27', SlaMeasurementPeriod.QUARTER),
    ).toEqual({ from: '2025-05-20', to: '2025-08-15' });
  });

  it('has nothing to ask before the contract starts', () => {
    expect(
      slaRange('2026-01-01', '2027-12-31', '2025-11-27', SlaMeasurementPeriod.MONTH),
    ).toBeNull();
  });

  it('names a period by its month and quarter', () => {
    expect(periodOf('2025-07-01')).toEqual({
      year: 2025,
      month: 7,
      quarter: 3,
    });
  });
});
