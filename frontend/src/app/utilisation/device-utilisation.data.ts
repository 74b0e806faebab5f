import { Granularity, type UtilisationPoint } from '@radfleet/shared';

export interface UtilisationRow {
  period: string;
  label: string;
  studies: number;
  images: number;
  utilisationPct: number | null;
}

export interface UtilisationChartSeries {
  labels: string[];
  studies: number[];
  pct: (number | null)[];
  rows: UtilisationRow[];
}

/**
 * The API's series as chart data and table rows: one label per step (a day `27.11`, a week by its
 * Monday, a month as `ноя 2026`), studies for the bars and utilisation % for the line.
 */
export function utilisationChartSeries(
  series: readonly UtilisationPoint[],
  granularity: Granularity,
  format: { date: (iso: string, pattern: string) => string; week: (date: string) => string },
): UtilisationChartSeries {
  const label = (period: string) =>
    granularity === Granularity.MONTH
      ? format.date(period, 'LLL yyyy')
      : granularity === Granularity.WEEK
        ? format.week(format.date(period, 'dd.MM.yy'))
        : format.date(period, 'dd.MM.yy');
  const rows = series.map((p) => ({
    period: p.period,
    label: label(p.period),
    studies: p.studies,
    images: p.images,
    utilisationPct: p.utilisationPct,
  }));
  return {
    labels: rows.map((r) => r.label),
    studies: rows.map((r) => r.studies),
    pct: rows.map((r) => r.utilisationPct),
    rows,
  };
}

/** True when the period holds no counts at all. */
export function noUtilisation(series: readonly UtilisationPoint[]): boolean {
  return series.every((p) => p.studies === 0 && p.images === 0);
}

/** The default period: the 1st of the month eleven months back to today (twelve calendar months). */
export function defaultUtilisationPeriod(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 12, 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

/** The `date` of a hand count: the day, or its month as `YYYY-MM`. */
export function countDate(period: 'DAY' | 'MONTH', isoDay: string): string {
  return period === 'MONTH' ? isoDay.slice(0, 7) : isoDay;
}
