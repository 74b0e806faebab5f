import { describe, expect, it } from 'vitest';
import { installedPeriodError, type InstalledPeriod } from './utilisation.service.js';

describe('installedPeriodError', () => {
  const device: InstalledPeriod = {
    commissioning_date: '2007-05-10',
    decommissioned_on: '2023-06-30',
  };
  const today = '2026-12-02';
  const code = (day: string, monthly = false, d: InstalledPeriod = device) =>
    installedPeriodError(day, monthly, d, today)?.code ?? null;

  it('accepts days from commissioning to decommissioning, both included', () => {
    expect(code('2007-05-10')).toBeNull();
    expect(code('2015-01-01')).toBeNull();
    expect(code('2023-06-30')).toBeNull();
  });

  it('refuses days before commissioning, after decommissioning and in the future', () => {
    expect(code('1900-01-01')).toBe('BEFORE_COMMISSIONING');
    expect(code('2007-05-09')).toBe('BEFORE_COMMISSIONING');
    expect(code('2023-07-01')).toBe('AFTER_DECOMMISSIONING');
    const inService = { commissioning_date: '2007-05-10', decommissioned_on: null };
    expect(code('2026-12-02', false, inService)).toBeNull();
    expect(code('2026-12-03', false, inService)).toBe('FUTURE_DATE');
  });

  it('accepts a month that overlaps the period, by its first and last day', () => {
    expect(code('2007-05-01', true)).toBeNull();
    expect(code('2007-04-01', true)).toBe('BEFORE_COMMISSIONING');
    expect(code('2023-06-01', true)).toBeNull();
    expect(code('2023-07-01', true)).toBe('AFTER_DECOMMISSIONING');
    // February of a leap year ends on the 29th.
    const leap = { commissioning_date: '2024-02-29', decommissioned_on: null };
    expect(code('2024-02-01', true, leap)).toBeNull();
  });

  it('without known dates, refuses only the future', () => {
    const unknown = { commissioning_date: null, decommissioned_on: null };
    expect(code('1990-01-01', false, unknown)).toBeNull();
    expect(code('2027-01-01', false, unknown)).toBe('FUTURE_DATE');
  });
});
