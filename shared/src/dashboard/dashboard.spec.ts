import { describe, expect, it } from 'vitest';
import { KpiRag, medianOfHistogram, monthEndsTo, ragOf, twelveMonthsTo } from './dashboard.js';

describe('the dashboard definitions', () => {
  it('takes the median of whole-year ages from their histogram', () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([0, 0, 0])).toBeNull();
    expect(medianOfHistogram([1])).toBe(0);
    // ages 0, 1, 1, 4 → (1 + 1) / 2
    expect(medianOfHistogram([1, 2, 0, 0, 1])).toBe(1);
    // ages 0, 3 → 1.5
    expect(medianOfHistogram([1, 0, 0, 1])).toBe(1.5);
    // ages 2, 2, 2, 9, 9 → 2
    expect(medianOfHistogram([0, 0, 3, 0, 0, 0, 0, 0, 0, 2])).toBe(2);
  });

  it('colours a figure green, amber or red in the direction of its target', () => {
    const up = { green: 90, amber: 80, higherIsBetter: true };
    expect(ragOf(95, up)).toBe(KpiRag.GREEN);
    expect(ragOf(90, up)).toBe(KpiRag.GREEN);
    expect(ragOf(85, up)).toBe(KpiRag.AMBER);
    expect(ragOf(79.9, up)).toBe(KpiRag.RED);
    const down = { green: 5, amber: 10, higherIsBetter: false };
    expect(ragOf(5, down)).toBe(KpiRag.GREEN);
    expect(ragOf(7.5, down)).toBe(KpiRag.AMBER);
    expect(ragOf(11, down)).toBe(KpiRag.RED);
    expect(ragOf(null, down)).toBeNull();
    expect(ragOf(3, null)).toBeNull();
  });

  it('spans the utilisation window over the running month and the 11 before', () => {
    expect(twelveMonthsTo('2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(twelveMonthsTo('2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('gives the last day of each of 37 months, ending with the day itself', () => {
    const days = monthEndsTo('2026-03-15');
    expect(days).toHaveLength(37);
    expect(days.at(-1)).toBe('2026-03-15');
    expect(days.at(-2)).toBe('2026-02-28');
    expect(days.at(-13)).toBe('2025-03-31');
    expect(days[0]).toBe('2023-03-31');
  });
});
