import { describe, expect, it } from 'vitest';
import { periodParts } from './utilisation.query.js';

describe('periodParts', () => {
  it('reads whole months from the rollup and the partial ends day by day', () => {
    expect(periodParts('2024-01-16', '2024-03-10')).toEqual({
      fm: '2024-02-01',
      lm: '2024-03-01',
      headEnd: '2024-02-01',
      tailStart: '2024-03-01',
    });
  });

  it('reads only months when the period is whole months', () => {
    const p = periodParts('2024-01-01', '2024-12-31');
    expect(p).toMatchObject({ fm: '2024-01-01', lm: '2025-01-01' });
    expect(p.headEnd).toBe('2024-01-01'); // empty head
    expect(p.tailStart > '2024-12-31').toBe(true); // empty tail
  });

  it('reads only days inside one month', () => {
    const p = periodParts('2024-01-16', '2024-01-20');
    expect(p.fm >= p.lm).toBe(true);
    expect([p.headEnd, p.tailStart > '2024-01-20']).toEqual(['2024-01-21', true]);
  });
});
