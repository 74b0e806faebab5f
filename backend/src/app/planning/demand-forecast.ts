import { readFileSync } from 'node:fs';
import { initSync, MSTL } from '@bsull/augurs/mstl';
import { linearRegression, linearRegressionLine, mean, standardDeviation } from 'simple-statistics';

/**
 * Monthly forecasting by libraries: seasonal MSTL with an ETS trend (`@bsull/augurs`, WebAssembly,
 * loaded synchronously once) when there are at least two years of history, else a
 * `simple-statistics` linear trend with a normal interval from its residuals.
 */
let loaded = false;
function load(): void {
  if (loaded) return;
  const wasm = new URL('./mstl_bg.wasm', import.meta.resolve('@bsull/augurs/mstl'));
  initSync({ module: readFileSync(wasm) });
  loaded = true;
}

export interface Forecast {
  point: number[];
  lower: number[];
  upper: number[];
  method: string;
}

/** z of a two-sided normal interval at `level`, for the linear fallback (0.8, 0.9, 0.95, 0.99). */
const Z: Record<string, number> = { '0.8': 1.2816, '0.9': 1.6449, '0.95': 1.96, '0.99': 2.5758 };

export function forecastMonthly(y: number[], horizon: number, level = 0.95): Forecast {
  if (y.length >= 24) {
    load();
    const model = MSTL.ets([12]);
    model.fit(y);
    const f = model.predict(horizon, level);
    const clip = (xs: number[]) => xs.map((x) => Math.max(0, x));
    return {
      point: clip(f.point),
      lower: clip(f.intervals?.lower ?? f.point),
      upper: clip(f.intervals?.upper ?? f.point),
      method: 'MSTL (period 12) with an ETS trend, @bsull/augurs',
    };
  }
  const pts = y.map((v, i) => [i, v] as [number, number]);
  const line = linearRegressionLine(
    pts.length >= 2 ? linearRegression(pts) : { m: 0, b: y[0] ?? 0 },
  );
  const residuals = pts.map(([x, v]) => v - line(x));
  const sd = residuals.length >= 2 ? standardDeviation(residuals) : 0;
  const z = Z[String(level)] ?? 1.96;
  const point = Array.from({ length: horizon }, (_, h) => Math.max(0, line(y.length + h)));
  return {
    point,
    lower: point.map((p) => Math.max(0, p - z * sd)),
    upper: point.map((p) => p + z * sd),
    method: 'linear trend, simple-statistics (fewer than 24 months of history)',
  };
}

/**
 * Backtest: the same method fitted without the last 12 months, and its mean absolute percentage
 * error on them (months with no studies are left out); null with fewer than 24 months.
 */
export function backtestMape(y: number[], level = 0.95): number | null {
  if (y.length < 24) return null;
  const train = y.slice(0, -12);
  const actual = y.slice(-12);
  const f = forecastMonthly(train, 12, level).point;
  const errors = actual.flatMap((a, i) => (a > 0 ? [Math.abs(a - f[i]!) / a] : []));
  return errors.length ? Math.round(mean(errors) * 1000) / 10 : null;
}
