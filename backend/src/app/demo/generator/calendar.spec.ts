import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  formatIsoDate,
  formatTimestamp,
  MINUTES_PER_DAY,
  parseIsoDate,
  parseTimestamp,
  weekday,
} from './calendar.js';

describe('calendar', () => {
  it('converts ISO dates to day numbers and back', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(formatIsoDate(parseIsoDate('2024-02-29'))).toBe('2024-02-29');
  });

  it.each(['2025-02-30', '2025-13-01', '15.06.2025', '2025-6-1', ''])('rejects %j', (text) => {
    expect(() => parseIsoDate(text)).toThrow(RangeError);
  });

  it('knows the weekday (0 Monday … 6 Sunday)', () => {
    expect(weekday(parseIsoDate('2025-06-15'))).toBe(6);
    expect(weekday(parseIsoDate('2025-06-16'))).toBe(0);
    expect(weekday(parseIsoDate('1969-12-31'))).toBe(2);
  });

  it('adds years and months, clamping to the end of the month', () => {
    expect(formatIsoDate(addYears(parseIsoDate('2024-02-29'), 1))).toBe('2025-02-28');
    expect(formatIsoDate(addYears(parseIsoDate('2025-06-15'), -3))).toBe('2022-06-15');
    expect(formatIsoDate(addMonths(parseIsoDate('2025-01-31'), 1))).toBe('2025-02-28');
    expect(formatIsoDate(addMonths(parseIsoDate('2025-11-15'), 3))).toBe('2026-02-15');
  });

  it('writes Moscow-time timestamps that parse back to the same minute', () => {
    const minute = parseIsoDate('2024-03-05') * MINUTES_PER_DAY + 9 * 60 + 30;
    expect(formatTimestamp(minute)).toBe('2024-03-05T09:30:00+03:00');
    expect(parseTimestamp('2024-03-05T09:30:00+03:00')).toBe(minute);
    expect(parseTimestamp('2024-03-05T06:30:00Z')).toBe(minute);
  });
});
