import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/city-calendar.js';
import { DeviceStatus } from './device.enums.js';
import {
  ageYears,
  endOfLife,
  isInstalledOn,
  isPastLife,
  remainingLifeMonths,
  wholeMonthsBetween,
  type DeviceDates,
} from './fleet-figures.js';

const device = (over: Partial<DeviceDates> = {}): DeviceDates => ({
  status: DeviceStatus.IN_SERVICE,
  commissioningDate: '2015-12-12',
  yearOfManufacture: 2015,
  decommissionedOn: null,
  ...over,
});

describe('installed base on a date', () => {
  it('counts from the commissioning day on', () => {
    expect(isInstalledOn(device(), '2015-12-11')).toBe(false);
    expect(isInstalledOn(device(), '2015-12-12')).toBe(true);
  });
  it('never counts a PLANNED device', () => {
    expect(isInstalledOn(device({ status: DeviceStatus.PLANNED }), '2026-01-01')).toBe(false);
  });
  it('counts a decommissioned device only before its date', () => {
    const d = device({ status: DeviceStatus.DECOMMISSIONED, decommissionedOn: '2024-03-01' });
    expect(isInstalledOn(d, '2024-02-29')).toBe(true);
    expect(isInstalledOn(d, '2024-03-01')).toBe(false);
  });
  it('falls back to mid-year of manufacture, and to nothing', () => {
    const d = device({ commissioningDate: null, yearOfManufacture: 2010 });
    expect(isInstalledOn(d, '2010-06-30')).toBe(false);
    expect(isInstalledOn(d, '2010-07-01')).toBe(true);
    expect(
      isInstalledOn(device({ commissioningDate: null, yearOfManufacture: null }), '2026-01-01'),
    ).toBe(false);
  });
});

describe('installed base over a quarter', () => {
  it('counts a device commissioned on the 46th day of a quarter only from that day', () => {
    // Q1 2026 starts on 1 January; its 46th day is 15 February.
    const d = device({ commissioningDate: '2026-02-15', yearOfManufacture: 2025 });
    const q1 = Array.from({ length: 90 }, (_, i) => addDays('2026-01-01', i));
    const installedDays = q1.filter((day) => isInstalledOn(d, day));
    expect(installedDays[0]).toBe('2026-02-15');
    expect(installedDays).toHaveLength(90 - 45);
  });
  it('counts a device decommissioned mid-quarter up to the day before', () => {
    const d = device({
      status: DeviceStatus.DECOMMISSIONED,
      commissioningDate: '2020-01-01',
      decommissionedOn: '2026-02-15',
    });
    const q1 = Array.from({ length: 90 }, (_, i) => addDays('2026-01-01', i));
    expect(q1.filter((day) => isInstalledOn(d, day))).toHaveLength(45);
  });
});

describe('age and end of life', () => {
  it('is past life the day after the end-of-life date, not a year later', () => {
    const eol = endOfLife(device(), 10);
    expect(eol).toBe('2025-12-12');
    expect(isPastLife(eol, '2025-12-12')).toBe(false);
    expect(isPastLife(eol, '2025-12-13')).toBe(true);
    expect(remainingLifeMonths(eol, '2025-12-13')).toBe(0);
    expect(remainingLifeMonths(eol, '2026-01-12')).toBe(-1);
    expect(remainingLifeMonths(eol, '2024-10-01')).toBe(14);
  });
  it('handles 29 February', () => {
    const d = device({ commissioningDate: '2016-02-29' });
    expect(endOfLife(d, 10)).toBe('2026-02-28');
    expect(endOfLife(d, 8)).toBe('2024-02-29');
    expect(isPastLife(endOfLife(d, 10), '2026-02-28')).toBe(false);
    expect(isPastLife(endOfLife(d, 10), '2026-03-01')).toBe(true);
    expect(remainingLifeMonths(endOfLife(d, 10), '2025-02-28')).toBe(12);
    expect(ageYears(d, '2024-02-28')).toBe(7);
    expect(ageYears(d, '2024-02-29')).toBe(8);
    expect(ageYears(d, '2017-02-28')).toBe(1);
    expect(ageYears(d, '2017-02-27')).toBe(0);
  });
  it("stops a decommissioned device's age at its decommissioning date", () => {
    const d = device({ status: DeviceStatus.DECOMMISSIONED, decommissionedOn: '2020-12-11' });
    expect(ageYears(d, '2026-12-02')).toBe(4);
    expect(ageYears(d, '2020-12-10')).toBe(4);
    expect(ageYears(d, '2019-12-12')).toBe(4);
  });
  it('counts whole months as a calendar does', () => {
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-01-31', '2026-02-27')).toBe(0);
    expect(wholeMonthsBetween('2026-03-15', '2026-01-15')).toBe(-2);
  });
});
