import {
  Granularity,
  UtilisationGroupBy,
  type UtilisationGroupRow,
  type UtilisationPoint,
} from '@radfleet/shared';

/** The period presets of the picker; `custom` takes `from` and `to` from the URL. */
export type PeriodPreset = 'month' | 'quarter' | 'year' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['month', 'quarter', 'year', 'custom'];
export const DEFAULT_UNDER_PCT = 30;
export const DEFAULT_OVER_PCT = 100;

/** The page's state, as read from the URL. */
export interface UtilisationState {
  period: PeriodPreset;
  from: string;
  to: string;
  groupBy: UtilisationGroupBy;
  granularity: Granularity;
  underPct: number;
  overPct: number;
}

export type UtilisationQueryParams = Partial<
  Record<'period' | 'from' | 'to' | 'groupBy' | 'granularity' | 'under' | 'over', string>
>;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const iso = (d: Date) => d.toISOString().slice(0, 10);

function isIsoDay(v: string | undefined): v is string {
  if (!v || !ISO.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && iso(d) === v;
}

/**
 * The days a preset covers, both inclusive, for `today` (`YYYY-MM-DD`, the city's date): the last
 * full calendar month, the last full calendar quarter, or the twelve months up to today.
 */
export function presetRange(
  preset: Exclude<PeriodPreset, 'custom'>,
  today: string,
): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  if (preset === 'month') {
    return { from: iso(new Date(Date.UTC(y, m - 2, 1))), to: iso(new Date(Date.UTC(y, m - 1, 0))) };
  }
  if (preset === 'quarter') {
    const q = Math.floor((m - 1) / 3); // 0..3, the current quarter
    return {
      from: iso(new Date(Date.UTC(y, (q - 1) * 3, 1))),
      to: iso(new Date(Date.UTC(y, q * 3, 0))),
    };
  }
  return { from: iso(new Date(Date.UTC(y - 1, m - 1, d + 1))), to: today };
}

/** The series step that suits a period: days up to two months, weeks up to half a year, else months. */
export function granularityFor(from: string, to: string): Granularity {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return days <= 62 ? Granularity.DAY : days <= 186 ? Granularity.WEEK : Granularity.MONTH;
}

function pct(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 1000 ? n : fallback;
}

function enumOf<T extends string>(raw: string | undefined, values: readonly T[]): T | undefined {
  const v = raw?.toUpperCase();
  return values.find((x) => x === v);
}

/**
 * Reads the state from the URL. A custom period needs two valid dates in order; otherwise (and
 * for anything unknown) the page falls back to the last twelve months, grouped by modality.
 */
export function parseUtilisationState(p: UtilisationQueryParams, today: string): UtilisationState {
  let period = (PERIOD_PRESETS as readonly string[]).includes(p.period ?? '')
    ? (p.period as PeriodPreset)
    : 'year';
  let range: { from: string; to: string };
  if (period === 'custom') {
    if (isIsoDay(p.from) && isIsoDay(p.to) && p.from <= p.to) range = { from: p.from, to: p.to };
    else {
      period = 'year';
      range = presetRange('year', today);
    }
  } else {
    range = presetRange(period, today);
  }
  return {
    period,
    ...range,
    groupBy: enumOf(p.groupBy, Object.values(UtilisationGroupBy)) ?? UtilisationGroupBy.MODALITY,
    granularity:
      enumOf(p.granularity, Object.values(Granularity)) ?? granularityFor(range.from, range.to),
    underPct: pct(p.under, DEFAULT_UNDER_PCT),
    overPct: pct(p.over, DEFAULT_OVER_PCT),
  };
}

/** Router query parameters for a chosen preset; only a custom period keeps its dates in the URL. */
export function periodQuery(
  preset: PeriodPreset,
  range?: { from: string; to: string },
): Record<string, string | null> {
  if (preset === 'custom' && range) return { period: 'custom', from: range.from, to: range.to };
  return { period: preset === 'year' ? null : preset, from: null, to: null };
}

/** The API's query for the summary. */
export function summaryParams(s: UtilisationState): Record<string, string> {
  return {
    groupBy: s.groupBy.toLowerCase(),
    from: s.from,
    to: s.to,
    granularity: s.granularity.toLowerCase(),
  };
}

/** The API's query for the ranking. */
export function rankingParams(s: UtilisationState): Record<string, string | number> {
  return { from: s.from, to: s.to, underPct: s.underPct, overPct: s.overPct, limit: 20 };
}

export interface GroupBars {
  labels: string[];
  values: (number | null)[];
  /** Groups left out of the chart (they stay in the table). */
  hidden: number;
}

/** Bars the chart shows at most; with more groups (facilities) it shows the top and bottom halves. */
export const MAX_BARS = 20;

/**
 * Utilisation % by group for the bar chart, highest first; groups without capacity go last. With
 * more than `max` groups the chart keeps the highest and the lowest, which are the ones to act on.
 */
export function groupBars(
  groups: readonly UtilisationGroupRow[],
  label: (g: UtilisationGroupRow) => string,
  max = MAX_BARS,
): GroupBars {
  const sorted = [...groups].sort(
    (a, b) =>
      (b.utilisationPct ?? -1) - (a.utilisationPct ?? -1) || label(a).localeCompare(label(b)),
  );
  const withCapacity = sorted.filter((g) => g.utilisationPct !== null);
  const shown =
    sorted.length <= max
      ? sorted
      : [
          ...withCapacity.slice(0, Math.ceil(max / 2)),
          ...withCapacity.slice(Math.ceil(max / 2)).slice(-Math.floor(max / 2)),
        ];
  return {
    labels: shown.map(label),
    values: shown.map((g) => g.utilisationPct),
    hidden: sorted.length - shown.length,
  };
}

export interface SeriesLine {
  labels: string[];
  pct: (number | null)[];
  studies: number[];
}

/** The city-wide series as line-chart data: one label per step (`27.11.26`, `нед. 23.11.26`, `ноя 2026`). */
export function seriesLine(
  series: readonly UtilisationPoint[],
  granularity: Granularity,
  format: { date: (iso: string, pattern: string) => string; week: (date: string) => string },
): SeriesLine {
  const label = (period: string) =>
    granularity === Granularity.MONTH
      ? format.date(period, 'LLL yyyy')
      : granularity === Granularity.WEEK
        ? format.week(format.date(period, 'dd.MM.yy'))
        : format.date(period, 'dd.MM.yy');
  return {
    labels: series.map((p) => label(p.period)),
    pct: series.map((p) => p.utilisationPct),
    studies: series.map((p) => p.studies),
  };
}
