import { describe, expect, it } from 'vitest';
import { UtilisationException } from './utilisation.exception.js';
import { minusYear, resolvePeriod } from './utilisation.period.js';
import { addDays } from '../common/calendar.js';

describe('utilisation periods', () => {
  it('defaults to the 365 days up to today', () => {
    expect(resolvePeriod({}, '2026-11-27')).toEqual({ from: '2025-11-28', to: '2026-11-27' });
    expect(resolvePeriod({ to: '2024-03-01' }, '2026-11-27')).toEqual({
      from: '2023-03-03',
      to: '2024-03-01',
    });
  });

  it('refuses a period that ends before it starts or spans more than ten years', () => {
    expect(() => resolvePeriod({ from: '2024-02-02', to: '2024-02-01' })).toThrow(
      UtilisationException,
    );
    expect(() => resolvePeriod({ from: '2010-01-01', to: '2024-02-01' })).toThrow(/at most/);
  });

  it('moves a day a year back, 29 February to 28 February', () => {
    expect(minusYear('2024-02-29')).toBe('2023-02-28');
    expect(minusYear('2025-12-31')).toBe('2024-12-31');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});
