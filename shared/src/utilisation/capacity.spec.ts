import { describe, expect, it } from 'vitest';
import {
  capacityStudies,
  comparableGrowth,
  coversSameMonths,
  GrowthUnavailable,
  installedSpan,
  scheduledHours,
  scheduledHoursOnDay,
  utilisationPct,
  type CapacityDevice,
} from './capacity.js';

const device = (over: Partial<CapacityDevice> = {}): CapacityDevice => ({
  installedFrom: '2020-01-01',
  decommissionedOn: null,
  hoursPerWeek: 40,
  ...over,
});

describe('scheduled hours and capacity', () => {
  it('counts only working days at hours/5: January 2026 has 15 (New Year holidays, 9 January by decree)', () => {
    // 31 days − 9 weekend days − 1–8 January on weekdays (6) − 9 January (transferred) = 15.
    expect(scheduledHours(device(), '2026-01-01', '2026-01-31')).toBe(15 * 8);
    expect(scheduledHoursOnDay(40, '2026-01-09')).toBe(0);
    expect(scheduledHoursOnDay(40, '2026-01-12')).toBe(8);
    expect(scheduledHoursOnDay(40, '2026-01-10')).toBe(0); // a Saturday
  });

  it('counts every day at hours/7 for a device scheduled round the clock', () => {
    expect(scheduledHoursOnDay(168, '2026-01-01')).toBe(24);
    expect(scheduledHours(device({ hoursPerWeek: 168 }), '2026-01-01', '2026-01-31')).toBe(31 * 24);
  });

  it('knows 29 February: February 2024 has 20 working days (23 February a Friday holiday)', () => {
    expect(scheduledHours(device(), '2024-02-01', '2024-02-29')).toBe(20 * 8);
    expect(scheduledHoursOnDay(40, '2024-02-29')).toBe(8);
    expect(scheduledHours(device({ hoursPerWeek: 168 }), '2024-02-01', '2024-02-29')).toBe(29 * 24);
  });

  it('counts a device commissioned mid-month from its commissioning day', () => {
    const d = device({ installedFrom: '2026-03-16' });
    // 16–31 March 2026: 12 working days (9 March, the transferred day off, is before).
    expect(installedSpan(d, '2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-16',
      to: '2026-03-31',
    });
    expect(scheduledHours(d, '2026-03-01', '2026-03-31')).toBe(12 * 8);
    expect(capacityStudies(d, 2.3, '2026-03-01', '2026-03-31')).toBeCloseTo(2.3 * 96);
  });

  it('stops the day a device is decommissioned, and counts nothing for one never installed', () => {
    const d = device({ decommissionedOn: '2026-03-11' });
    // 2, 3, 4, 5, 6 and 10 March are working days before 11 March (9 March is off).
    expect(installedSpan(d, '2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01',
      to: '2026-03-10',
    });
    expect(scheduledHours(d, '2026-03-01', '2026-03-31')).toBe(6 * 8);
    expect(
      scheduledHours(device({ decommissionedOn: '2026-02-01' }), '2026-03-01', '2026-03-31'),
    ).toBe(0);
    expect(scheduledHours(device({ installedFrom: null }), '2026-03-01', '2026-03-31')).toBe(0);
    expect(
      scheduledHours(device({ installedFrom: '2026-04-01' }), '2026-03-01', '2026-03-31'),
    ).toBe(0);
  });
});

describe('utilisation % and growth', () => {
  it('is "no data" (null) without counts, never 0 %', () => {
    expect(utilisationPct(0, 100, false)).toBeNull();
    expect(utilisationPct(0, 100, true)).toBe(0);
    expect(utilisationPct(50, 0, true)).toBeNull();
    expect(utilisationPct(30, 714, true)).toBe(4.2);
  });

  it('shows growth only against a year earlier with counts over the same months', () => {
    const now = { studies: 1_790, hasData: true };
    expect(comparableGrowth(now, { studies: 100, hasData: true, covered: false })).toEqual({
      growthPct: null,
      reason: GrowthUnavailable.PREVIOUS_INCOMPLETE,
    });
    expect(comparableGrowth(now, { studies: 0, hasData: false, covered: false }).reason).toBe(
      GrowthUnavailable.NO_PREVIOUS_DATA,
    );
    expect(
      comparableGrowth({ studies: 0, hasData: false }, { studies: 5, hasData: true, covered: true })
        .reason,
    ).toBe(GrowthUnavailable.NO_DATA);
    expect(comparableGrowth(now, { studies: 1_000, hasData: true, covered: true })).toEqual({
      growthPct: 79,
      reason: null,
    });
  });

  it('compares months a year apart: one month of data does not cover a year', () => {
    const year = { first: '2025-01-01', last: '2025-12-01' };
    expect(coversSameMonths(year, { first: '2024-01-01', last: '2024-12-01' })).toBe(true);
    expect(coversSameMonths(year, { first: '2024-12-01', last: '2024-12-01' })).toBe(false);
    expect(coversSameMonths(year, { first: null, last: null })).toBe(false);
    expect(
      coversSameMonths(
        { first: '2024-02-01', last: '2024-02-01' },
        { first: '2023-02-01', last: '2023-02-01' },
      ),
    ).toBe(true);
  });
});
