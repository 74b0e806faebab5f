import { formatDate, registerLocaleData } from '@angular/common';
import localeRu from '@angular/common/locales/ru';
import {
  Granularity,
  UtilisationGroupBy,
  type UtilisationGroupRow,
  type UtilisationPoint,
} from '@radfleet/shared';
import {
  granularityFor,
  groupBars,
  parseUtilisationState,
  periodQuery,
  presetRange,
  rankingParams,
  seriesLine,
  summaryParams,
} from './utilisation.page.model';

registerLocaleData(localeRu, 'ru-RU');
const TODAY = '2026-11-27';

describe('presetRange', () => {
  it('gives the last full calendar month', () => {
    expect(presetRange('month', TODAY)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetRange('month', '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('gives the last full calendar quarter, across a year boundary too', () => {
    expect(presetRange('quarter', TODAY)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetRange('quarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('gives twelve months up to today', () => {
    expect(presetRange('year', TODAY)).toEqual({ from: '2025-11-28', to: TODAY });
  });
});

describe('parseUtilisationState', () => {
  it('defaults to twelve months by modality, monthly, with the standard thresholds', () => {
    expect(parseUtilisationState({}, TODAY)).toEqual({
      period: 'year',
      from: '2025-11-28',
      to: TODAY,
      groupBy: UtilisationGroupBy.MODALITY,
      granularity: Granularity.MONTH,
      underPct: 30,
      overPct: 100,
    });
  });

  it('reads a preset, the grouping (any case) and thresholds from the URL', () => {
    const s = parseUtilisationState(
      { period: 'month', groupBy: 'district', under: '20', over: '90.5' },
      TODAY,
    );
    expect(s).toMatchObject({
      period: 'month',
      from: '2026-10-01',
      to: '2026-10-31',
      groupBy: UtilisationGroupBy.DISTRICT,
      granularity: Granularity.DAY,
      underPct: 20,
      overPct: 90.5,
    });
  });

  it('keeps a valid custom range and picks a step for its length', () => {
    const s = parseUtilisationState(
      { period: 'custom', from: '2026-01-01', to: '2026-04-30' },
      TODAY,
    );
    expect(s).toMatchObject({ period: 'custom', from: '2026-01-01', to: '2026-04-30' });
    expect(s.granularity).toBe(Granularity.WEEK);
  });

  it('falls back to twelve months for a reversed, impossible or unknown period', () => {
    for (const p of [
      { period: 'custom', from: '2026-05-01', to: '2026-04-01' },
      { period: 'custom', from: '2026-02-30', to: '2026-04-01' },
      { period: 'custom' },
      { period: 'decade' },
    ]) {
      expect(parseUtilisationState(p, TODAY)).toMatchObject({ period: 'year', to: TODAY });
    }
  });

  it('ignores thresholds and groupings the API would refuse', () => {
    const s = parseUtilisationState({ under: '-5', over: 'lots', groupBy: 'planet' }, TODAY);
    expect(s).toMatchObject({ underPct: 30, overPct: 100, groupBy: UtilisationGroupBy.MODALITY });
  });

  it('round-trips a custom range through the URL parameters', () => {
    const q = periodQuery('custom', { from: '2026-03-01', to: '2026-03-31' });
    const s = parseUtilisationState(
      { period: q['period']!, from: q['from']!, to: q['to']! },
      TODAY,
    );
    expect(s).toMatchObject({ period: 'custom', from: '2026-03-01', to: '2026-03-31' });
  });
});

describe('periodQuery', () => {
  it('drops the dates for a preset and the default preset itself', () => {
    expect(periodQuery('quarter')).toEqual({ period: 'quarter', from: null, to: null });
    expect(periodQuery('year')).toEqual({ period: null, from: null, to: null });
  });
});

describe('granularityFor', () => {
  it('uses days up to two months, weeks up to half a year, then months', () => {
    expect(granularityFor('2026-10-01', '2026-10-31')).toBe(Granularity.DAY);
    expect(granularityFor('2026-07-01', '2026-09-30')).toBe(Granularity.WEEK);
    expect(granularityFor('2025-11-28', '2026-11-27')).toBe(Granularity.MONTH);
  });
});

describe('API parameters', () => {
  it('sends the grouping and step in lower case, and the thresholds', () => {
    const s = parseUtilisationState({ groupBy: 'facility', under: '10' }, TODAY);
    expect(summaryParams(s)).toEqual({
      groupBy: 'facility',
      from: '2025-11-28',
      to: TODAY,
      granularity: 'month',
    });
    expect(rankingParams(s)).toEqual({
      from: '2025-11-28',
      to: TODAY,
      underPct: 10,
      overPct: 100,
      limit: 20,
    });
  });
});

function group(key: string, pct: number | null): UtilisationGroupRow {
  return {
    key,
    label: key,
    devices: 3,
    studies: 100,
    images: 300,
    imagesPerStudy: 3,
    activeDays: 20,
    capacityStudies: 200,
    utilisationPct: pct,
    previousYearStudies: 80,
    growthPct: 25,
    growthUnavailable: null,
    hasData: pct !== null,
  };
}

describe('groupBars', () => {
  it('orders groups by utilisation, highest first, groups without capacity last', () => {
    const bars = groupBars(
      [group('CT', 40), group('MRI', null), group('MAMMOGRAPHY', 75.5)],
      (g) => (g.key === 'CT' ? 'КТ' : g.key),
    );
    expect(bars).toEqual({
      labels: ['MAMMOGRAPHY', 'КТ', 'MRI'],
      values: [75.5, 40, null],
      hidden: 0,
    });
  });

  it('keeps the highest and the lowest groups when there are too many', () => {
    const many = Array.from({ length: 9 }, (_, i) => group(`F${i}`, i * 10));
    const bars = groupBars([...many, group('NONE', null)], (g) => g.key, 4);
    expect(bars.labels).toEqual(['F8', 'F7', 'F1', 'F0']);
    expect(bars.values).toEqual([80, 70, 10, 0]);
    expect(bars.hidden).toBe(6);
  });
});

describe('seriesLine', () => {
  const point = (period: string, studies: number, pct: number | null): UtilisationPoint => ({
    period,
    hasData: pct !== null,
    studies,
    images: studies * 2,
    imagesPerStudy: 2,
    activeDays: 1,
    capacityStudies: 100,
    utilisationPct: pct,
  });
  const ru = {
    date: (iso: string, pattern: string) => formatDate(iso, pattern, 'ru-RU'),
    week: (date: string) => `нед. ${date}`,
  };

  it('labels months and keeps gaps as null', () => {
    const line = seriesLine(
      [point('2026-09-01', 50, 50), point('2026-10-01', 0, null)],
      Granularity.MONTH,
      ru,
    );
    expect(line.labels).toEqual(['сент. 2026', 'окт. 2026']);
    expect(line.pct).toEqual([50, null]);
    expect(line.studies).toEqual([50, 0]);
  });

  it('labels weeks by their Monday', () => {
    expect(seriesLine([point('2026-11-23', 5, 5)], Granularity.WEEK, ru).labels).toEqual([
      'нед. 23.11.26',
    ]);
  });
});
