import { describe, expect, it } from 'vitest';
import { quartersBetween } from './sla-quarters';

describe('quartersBetween', () => {
  it('lists the quarters a contract overlaps, oldest first, the current one up to today', () => {
    expect(quartersBetween('2025-05-20', '2027-12-31', '2025-11-27')).toEqual([
      { year: 2025, quarter: 2, from: '2025-04-01', to: '2025-06-30' },
      { year: 2025, quarter: 3, from: '2025-07-01', to: '2025-09-30' },
      { year: 2025, quarter: 4, from: '2025-10-01', to: '2025-11-27' },
    ]);
  });

  it('keeps at most `count` quarters and skips those after the contract ended', () => {
    const q = quartersBetween('2020-01-01', '2024-08-15', '2025-02-10', 4);
    expect(q.map((x) => `${x.year}Q${x.quarter}`)).toEqual([
      '2023Q4',
      '2024Q1',
      '2024Q2',
      '2024Q3',
    ]);
    const all = quartersBetween('2020-01-01', '2030-01-01', '2025-02-10', 3);
    expect(all.map((x) => `${x.year}Q${x.quarter}`)).toEqual(['2024Q3', '2024Q4', '2025Q1']);
    expect(all[0]!.to).toBe('2024-09-30');
  });

  it('knows February in leap years', () => {
    expect(quartersBetween('2024-01-01', '2024-12-31', '2024-12-31', 4)[0]).toEqual({
      year: 2024,
      quarter: 1,
      from: '2024-01-01',
      to: '2024-03-31',
    });
  });
});
