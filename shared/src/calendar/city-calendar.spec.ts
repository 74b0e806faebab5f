import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_CALENDAR,
  addMonths,
  addYears,
  calendarYear,
  cityDateOf,
  daysBetween,
  isWorkingDay,
  isoWeekday,
  workingDaysBetween,
} from './city-calendar.js';

/** Working days per year of the five-day week, as the published production calendars total them. */
const PUBLISHED_WORKING_DAYS: Record<number, number> = {
  2015: 247,
  2016: 247,
  2017: 247,
  2018: 247,
  2019: 247,
  2020: 248,
  2021: 247,
  2022: 247,
  2023: 247,
  2024: 248,
  2025: 247,
  2026: 247,
};

describe('production calendar', () => {
  for (const [year, total] of Object.entries(PUBLISHED_WORKING_DAYS)) {
    it(`${year} has ${total} working days, as published`, () => {
      expect(calendarYear(Number(year)).filter((d) => d.working)).toHaveLength(total);
    });
  }

  it('covers every year with a decree and lists transfers onto the right weekdays', () => {
    for (const [year, t] of Object.entries(PRODUCTION_CALENDAR)) {
      for (const day of t.daysOff) {
        expect(day.startsWith(year)).toBe(true);
        expect(isoWeekday(day), day).toBeLessThan(6);
      }
      for (const day of t.workingWeekends) {
        expect(day.startsWith(year)).toBe(true);
        expect(isoWeekday(day), day).toBeGreaterThanOrEqual(6);
      }
    }
  });

  it('knows 2026: 9 January, 9 March, 11 May and 31 December are days off', () => {
    for (const day of ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31']) {
      expect(isWorkingDay(day), day).toBe(false);
    }
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(workingDaysBetween('2026-01-01', '2026-01-31')).toBe(15);
  });

  it('knows working Saturdays (1 November 2025, 28 December 2024)', () => {
    expect(isWorkingDay('2025-11-01')).toBe(true);
    expect(isWorkingDay('2024-12-28')).toBe(true);
    expect(isWorkingDay('2025-11-03')).toBe(false);
  });

  it('follows art. 112 alone for a year without a decree: weekend holidays move forward', () => {
    // 2028: 23 February is a Wednesday, 8 March a Wednesday, 1 May a Monday, 9 May a Tuesday,
    // 12 June a Monday, 4 November a Saturday → Monday 6 November off.
    expect(isWorkingDay('2028-11-04')).toBe(false);
    expect(isWorkingDay('2028-11-06')).toBe(false);
    expect(isWorkingDay('2028-11-07')).toBe(true);
    // The New Year holidays' weekend days are not moved without a decree.
    expect(isWorkingDay('2028-01-10')).toBe(true);
  });

  it('counts working days of a range, both ends included', () => {
    expect(workingDaysBetween('2026-12-01', '2026-12-01')).toBe(1);
    expect(workingDaysBetween('2026-12-05', '2026-12-06')).toBe(0);
    expect(workingDaysBetween('2026-12-02', '2026-12-01')).toBe(0);
  });
});

describe('city date', () => {
  it('is the date in Moscow, whatever the process zone', () => {
    // 22:30 UTC on 31 December is already 1 January in Moscow.
    expect(cityDateOf(new Date('2025-12-31T22:30:00Z'))).toBe('2026-01-01');
    expect(cityDateOf(new Date('2025-12-31T20:59:59Z'))).toBe('2025-12-31');
    expect(cityDateOf(new Date('2025-12-31T20:59:59Z'), 'Asia/Vladivostok')).toBe('2026-01-01');
  });

  it('adds months and years, clamping 29 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });
});
