import { describe, expect, it } from 'vitest';
import {
  allocationShares,
  costYearsDivisor,
  serviceCostKopecks,
  serviceCostRatio,
  yearlyCostKopecks,
  yearsInService,
} from './cost-rules.js';
import { formatKopecks, kopecks } from './money.js';

describe('allocationShares', () => {
  it('splits a contract shared by a cheap and an expensive device by their purchase prices', () => {
    const [xray, mri] = allocationShares([
      { serviceFee: null, purchasePrice: '9260000.00' },
      { serviceFee: null, purchasePrice: '167000000.00' },
    ]);
    expect(xray).toBeCloseTo(9.26 / 176.26, 12);
    expect(mri).toBeCloseTo(167 / 176.26, 12);
    // 11 M ₽ a year: the radiography unit carries 0.58 M ₽, not half.
    expect(Math.round(11_000_000 * xray!)).toBe(577_896);
  });

  it('uses the contract’s per-device fees when it names one for every device', () => {
    expect(
      allocationShares([
        { serviceFee: '300000.00', purchasePrice: '9260000.00' },
        { serviceFee: '900000.00', purchasePrice: '167000000.00' },
      ]),
    ).toEqual([0.25, 0.75]);
  });

  it('falls back to prices when a fee is missing, and to equal shares when a price is', () => {
    expect(
      allocationShares([
        { serviceFee: '300000.00', purchasePrice: '1000000.00' },
        { serviceFee: null, purchasePrice: '3000000.00' },
      ]),
    ).toEqual([0.25, 0.75]);
    expect(
      allocationShares([
        { serviceFee: null, purchasePrice: null },
        { serviceFee: null, purchasePrice: '3000000.00' },
      ]),
    ).toEqual([0.5, 0.5]);
    expect(allocationShares([])).toEqual([]);
  });
});

describe('years in service and yearly cost', () => {
  it('counts actual years pro rata, with at least one year as the divisor', () => {
    const years = yearsInService('2024-01-26', '2025-12-22');
    expect(years).toBeCloseTo(696 / 365.25, 12);
    // A 1.9-year-old CT with 86.45 M ₽ spent: 45.4 M ₽ a year, not 86.45 M ₽ over "1 whole year".
    expect(formatKopecks(yearlyCostKopecks(kopecks('86450000.00'), years))).toBe('45367618.53');
    expect(costYearsDivisor(yearsInService('2025-10-01', '2025-12-01'))).toBe(1);
    expect(costYearsDivisor(null)).toBe(1);
  });

  it('spans 29 February: four years from a leap day to a leap day', () => {
    expect(yearsInService('2024-02-29', '2028-02-29')).toBe(4);
    expect(yearsInService('2024-02-29', '2025-02-28')).toBeCloseTo(365 / 365.25, 12);
  });

  it('stops at the decommissioning date passed as `until`, and is never negative', () => {
    expect(yearsInService('2020-01-01', '2019-06-01')).toBe(0);
    expect(yearsInService(null, '2025-01-01')).toBeNull();
  });
});

describe('service cost and its ratio', () => {
  it('adds service contracts, lifecycle payments beyond the purchase, and uncovered events', () => {
    expect(
      serviceCostKopecks({
        serviceContracts: 100n,
        lifecycleContracts: 1_500n,
        purchasePrice: 1_000n,
        uncoveredEvents: 7n,
      }),
    ).toBe(607n);
    expect(
      serviceCostKopecks({
        serviceContracts: 0n,
        lifecycleContracts: 400n,
        purchasePrice: 1_000n,
        uncoveredEvents: 0n,
      }),
    ).toBe(0n);
  });

  it('divides the yearly service cost by the replacement price; unknown without a price', () => {
    expect(serviceCostRatio('3000000.00', '10000000.00')).toBeCloseTo(0.3, 12);
    expect(serviceCostRatio('3000000.00', null)).toBeNull();
    expect(serviceCostRatio('3000000.00', '0.00')).toBeNull();
  });
});
