import { Modality, PRIORITY_FACTORS, type LifeBand, type ReplacementPrice } from '@radfleet/shared';
import { describe, expect, it } from 'vitest';
import { lifeBandDraftErrors, priceDraftErrors, weightDraftErrors } from './reference-drafts';

const band = (min: number, life: number, source = 'CAR 2013'): LifeBand => ({
  modality: Modality.RADIOGRAPHY,
  minStudiesPerYear: min,
  lifeYears: life,
  source,
});

describe('the reference drafts', () => {
  it('accept the CAR radiography bands and name each wrong field', () => {
    expect(lifeBandDraftErrors([band(0, 14), band(10_000, 12), band(20_001, 10)])).toEqual({});
    const e = lifeBandDraftErrors([band(10_000, 12), band(10_000, 0, ' '), band(Number.NaN, 10)]);
    expect(Object.keys(e).sort()).toEqual([
      'bands',
      'bands.1.lifeYears',
      'bands.1.minStudiesPerYear',
      'bands.1.source',
      'bands.2.minStudiesPerYear',
    ]);
    expect(e['bands']).toEqual({
      key: 'planning.edit.err.fromZero',
      params: { modality: 'RADIOGRAPHY' },
    });
  });

  it('want prices in roubles with a date and a source, never two from one day', () => {
    const p = (price: string, effectiveFrom = '2026-01-01'): ReplacementPrice => ({
      modality: Modality.CT,
      priceClass: null,
      price,
      effectiveFrom,
      source: 'Tender',
    });
    expect(priceDraftErrors([p('95000000.00')], '5')).toEqual({});
    const e = priceDraftErrors(
      [p('1.234', '2025-01-01'), p('10', '2026-13-01'), p('10'), p('11')],
      '101',
    );
    expect(Object.keys(e).sort()).toEqual([
      'escalationPct',
      'prices.0.price',
      'prices.1.effectiveFrom',
      'prices.3.effectiveFrom',
    ]);
  });

  it('want whole weights 0–1000, not all 0', () => {
    const all = (v: string) => Object.fromEntries(PRIORITY_FACTORS.map((f) => [f, v]));
    expect(weightDraftErrors(all('10'))).toEqual({});
    expect(Object.keys(weightDraftErrors(all('0')))).toEqual(['weights']);
    expect(
      Object.keys(weightDraftErrors({ ...all('10'), AGE: '2.5', NO_BACKUP: '' })).sort(),
    ).toEqual(['weights.AGE', 'weights.NO_BACKUP']);
  });
});
