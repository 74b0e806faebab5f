import { formatDate, registerLocaleData } from '@angular/common';
import localeRu from '@angular/common/locales/ru';
import { Granularity, type UtilisationPoint } from '@radfleet/shared';
import {
  countDate,
  defaultUtilisationPeriod,
  noUtilisation,
  utilisationChartSeries,
} from './device-utilisation.data';

registerLocaleData(localeRu, 'ru-RU');

function point(period: string, studies: number, pct: number | null): UtilisationPoint {
  return {
    period,
    hasData: pct !== null,
    studies,
    images: studies * 3,
    imagesPerStudy: studies ? 3 : null,
    activeDays: studies ? 1 : 0,
    capacityStudies: 100,
    utilisationPct: pct,
  };
}

const ru = {
  date: (iso: string, pattern: string) => formatDate(iso, pattern, 'ru-RU'),
  week: (date: string) => `нед. ${date}`,
};

describe('utilisationChartSeries', () => {
  it('maps a monthly series to month labels, study bars and the utilisation line', () => {
    const c = utilisationChartSeries(
      [point('2026-10-01', 120, 48.5), point('2026-11-01', 0, null)],
      Granularity.MONTH,
      ru,
    );
    expect(c.labels).toEqual([
      formatDate('2026-10-01', 'LLL yyyy', 'ru-RU'),
      formatDate('2026-11-01', 'LLL yyyy', 'ru-RU'),
    ]);
    expect(c.labels[0]).toMatch(/^окт/);
    expect(c.studies).toEqual([120, 0]);
    expect(c.pct).toEqual([48.5, null]);
    expect(c.rows[0]).toEqual({
      period: '2026-10-01',
      label: c.labels[0],
      studies: 120,
      images: 360,
      utilisationPct: 48.5,
    });
  });

  it('labels days by date and weeks by their Monday', () => {
    expect(
      utilisationChartSeries([point('2026-11-23', 5, 10)], Granularity.DAY, ru).labels,
    ).toEqual(['23.11.26']);
    expect(
      utilisationChartSeries([point('2026-11-23', 5, 10)], Granularity.WEEK, ru).labels,
    ).toEqual(['нед. 23.11.26']);
  });
});

describe('utilisation helpers', () => {
  it('knows a period without any counts', () => {
    expect(noUtilisation([])).toBe(true);
    expect(noUtilisation([point('2026-11-01', 0, 0)])).toBe(true);
    expect(noUtilisation([point('2026-11-01', 0, 0), point('2026-12-01', 1, 0.4)])).toBe(false);
  });

  it('defaults to twelve calendar months up to today', () => {
    expect(defaultUtilisationPeriod('2026-11-27')).toEqual({
      from: '2025-12-01',
      to: '2026-11-27',
    });
    expect(defaultUtilisationPeriod('2026-01-15')).toEqual({
      from: '2025-02-01',
      to: '2026-01-15',
    });
  });

  it('sends a hand count for a month as YYYY-MM', () => {
    expect(countDate('MONTH', '2026-11-27')).toBe('2026-11');
    expect(countDate('DAY', '2026-11-27')).toBe('2026-11-27');
  });
});
