import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsSaneDate } from './dates.js';

class Probe {
  @IsSaneDate() day?: unknown;
}

const errorsOf = (day: unknown) => {
  const p = new Probe();
  p.day = day;
  return validateSync(p).flatMap((e) => Object.values(e.constraints ?? {}));
};

describe('IsSaneDate', () => {
  it('accepts days, months and timestamps from 1900 to 2100', () => {
    for (const ok of ['1900-01-01', '2100-12-31', '2024-03', '2025-03-03T09:00:00+03:00'])
      expect(errorsOf(ok), ok).toEqual([]);
    expect(errorsOf(new Date('2024-01-01T00:00:00Z'))).toEqual([]);
  });

  it('refuses the year 0 and days outside the range, naming the field', () => {
    for (const bad of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31T00:00:00Z'])
      expect(errorsOf(bad), bad).toEqual(['day must be between 1900-01-01 and 2100-12-31']);
    expect(errorsOf(new Date(Date.UTC(-5, 0, 1)))).toHaveLength(1);
  });

  it('leaves values of another shape to the format validators', () => {
    for (const other of ['soon', 42, null, undefined, {}]) expect(errorsOf(other)).toEqual([]);
  });
});
