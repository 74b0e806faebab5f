import { describe, expect, it } from 'vitest';
import { backtestMape, forecastMonthly } from './demand-forecast.js';

/** 48 months of a growing, seasonal series (winter peaks), deterministic. */
const seasonal = Array.from(
  { length: 48 },
  (_, i) => 10_000 + 80 * i + 1_500 * Math.cos((2 * Math.PI * i) / 12),
);

describe('the demand forecast', () => {
  it('forecasts a seasonal series with MSTL, its interval around the point', () => {
    const f = forecastMonthly(seasonal, 24);
    expect(f.method).toMatch(/MSTL/);
    expect(f.point).toHaveLength(24);
    f.point.forEach((p, i) => {
      expect(f.lower[i]!).toBeLessThanOrEqual(p);
      expect(f.upper[i]!).toBeGreaterThanOrEqual(p);
    });
    // The next January is a peak, July a trough.
    expect(f.point[0]!).toBeGreaterThan(f.point[6]!);
  });

  it('backtests on the held-out last 12 months with a small error on a regular series', () => {
    const mape = backtestMape(seasonal);
    expect(mape).not.toBeNull();
    expect(mape!).toBeLessThan(5);
  });

  it('falls back to a linear trend under 24 months, and has no backtest then', () => {
    const short = Array.from({ length: 12 }, (_, i) => 100 + 10 * i);
    const f = forecastMonthly(short, 3);
    expect(f.method).toMatch(/linear/);
    expect(f.point.map(Math.round)).toEqual([220, 230, 240]);
    expect(backtestMape(short)).toBeNull();
  });
});
