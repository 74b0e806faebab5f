import {
  LifeBasis,
  Modality,
  PRIORITY_FACTORS,
  PriorityBand,
  PriorityFactor,
  Recommendation,
  type LifeBand,
  type PriorityWeights,
} from '@radfleet/shared';
import { describe, expect, it } from 'vitest';
import {
  adjustedLife,
  cocirRow,
  escalate,
  FACTOR_RULES,
  lifeBandErrors,
  lifeBandFor,
  priorityBand,
  priorityScore,
  recommendation,
  studiesPerYear,
  type FactorInputs,
} from './planning-rules.js';

const CAR = 'CAR 2013';
const RADIOGRAPHY: LifeBand[] = [
  { modality: Modality.RADIOGRAPHY, minStudiesPerYear: 0, lifeYears: 14, source: CAR },
  { modality: Modality.RADIOGRAPHY, minStudiesPerYear: 10_000, lifeYears: 12, source: CAR },
  { modality: Modality.RADIOGRAPHY, minStudiesPerYear: 20_001, lifeYears: 10, source: CAR },
];
const ANGIOGRAPHY: LifeBand[] = [
  { modality: Modality.ANGIOGRAPHY, minStudiesPerYear: 0, lifeYears: 12, source: CAR },
  { modality: Modality.ANGIOGRAPHY, minStudiesPerYear: 2_000, lifeYears: 10, source: CAR },
  { modality: Modality.ANGIOGRAPHY, minStudiesPerYear: 4_001, lifeYears: 8, source: CAR },
];

const life = (perYear: number | null, bands = RADIOGRAPHY, overrideYears: number | null = null) =>
  adjustedLife({ overrideYears, modalityDefaultYears: 12, bands, studiesPerYear: perYear });

describe('life by use', () => {
  it('gives radiography 10 years at 25,000 studies and 14 at 9,999 (the acceptance figures)', () => {
    expect(life(25_000)).toMatchObject({ lifeYears: 10, basis: LifeBasis.USE });
    expect(life(9_999)).toMatchObject({ lifeYears: 14, basis: LifeBasis.USE });
  });

  it('puts the CAR boundaries exactly: 10,000 and 20,000 are in the middle band', () => {
    expect(life(10_000).lifeYears).toBe(12);
    expect(life(20_000).lifeYears).toBe(12);
    expect(life(20_001).lifeYears).toBe(10);
    expect(life(0).lifeYears).toBe(14);
  });

  it('uses the fluoroscopy bands for angiography: 2,000–4,000 is 10 years', () => {
    expect(life(1_999, ANGIOGRAPHY).lifeYears).toBe(12);
    expect(life(2_000, ANGIOGRAPHY).lifeYears).toBe(10);
    expect(life(4_000, ANGIOGRAPHY).lifeYears).toBe(10);
    expect(life(4_001, ANGIOGRAPHY).lifeYears).toBe(8);
  });

  it('prefers the override, and falls back to the modality default without counts', () => {
    expect(life(25_000, RADIOGRAPHY, 7)).toMatchObject({
      lifeYears: 7,
      basis: LifeBasis.OVERRIDE,
    });
    expect(life(null)).toMatchObject({ lifeYears: 12, basis: LifeBasis.MODALITY_DEFAULT });
    expect(life(5_000, [])).toMatchObject({ lifeYears: 12, basis: LifeBasis.MODALITY_DEFAULT });
  });

  it('annualises the counts of a device installed for less than the window', () => {
    expect(studiesPerYear(12_000, true, 365)).toBe(12_000);
    expect(studiesPerYear(12_000, true, 500)).toBe(12_000);
    // Half a year with 12,500 studies is 25,000 a year: the busiest band.
    expect(studiesPerYear(12_500, true, 182.5)).toBe(25_000);
    expect(life(studiesPerYear(12_500, true, 182.5)).lifeYears).toBe(10);
    expect(studiesPerYear(500, true, 29)).toBeNull();
    expect(studiesPerYear(0, false, 365)).toBeNull();
  });

  it('finds the band with the greatest minimum not above the figure, in any order', () => {
    expect(lifeBandFor([...RADIOGRAPHY].reverse(), 15_000)?.lifeYears).toBe(12);
  });

  it('refuses a table without a band from 0, or with one minimum twice', () => {
    expect(lifeBandErrors(RADIOGRAPHY)).toEqual([]);
    expect(lifeBandErrors(RADIOGRAPHY.slice(1)).map((e) => e.message)).toEqual([
      'RADIOGRAPHY needs a band from 0 studies a year',
    ]);
    expect(lifeBandErrors([...RADIOGRAPHY, RADIOGRAPHY[1]!])[0]!.field).toBe(
      'bands.3.minStudiesPerYear',
    );
  });
});

const quiet: FactorInputs = {
  ageMonths: 0,
  adjustedLifeYears: 10,
  analogue: false,
  downtimeHours: 0,
  breakdowns: 0,
  yearlyServiceCost: 0,
  replacementPrice: 1_000_000,
  utilisationPct: 50,
  vendorSupportMonthsLeft: null,
  sameModalityInFacility: 2,
};
const rule = (f: PriorityFactor, over: Partial<FactorInputs>) =>
  FACTOR_RULES[f]({ ...quiet, ...over });

describe('the factors’ normalisation to 0–1', () => {
  it('AGE: age over adjusted life, full at 1.5 times it', () => {
    expect(rule(PriorityFactor.AGE, { ageMonths: 60 })).toEqual({
      value: 0.5,
      normalised: 0.5 / 1.5,
    });
    expect(rule(PriorityFactor.AGE, { ageMonths: 180 }).normalised).toBe(1);
    expect(rule(PriorityFactor.AGE, { ageMonths: 300 })).toEqual({ value: 2.5, normalised: 1 });
    expect(rule(PriorityFactor.AGE, { ageMonths: null })).toEqual({ value: null, normalised: 0 });
  });

  it('ANALOGUE: 1 for film/screen, 0 for digital', () => {
    expect(rule(PriorityFactor.ANALOGUE, { analogue: true }).normalised).toBe(1);
    expect(rule(PriorityFactor.ANALOGUE, {}).normalised).toBe(0);
  });

  it('DOWNTIME: hours over 720, capped', () => {
    expect(rule(PriorityFactor.DOWNTIME, { downtimeHours: 360 }).normalised).toBe(0.5);
    expect(rule(PriorityFactor.DOWNTIME, { downtimeHours: 1000 }).normalised).toBe(1);
  });

  it('BREAKDOWNS: count over 6, capped', () => {
    expect(rule(PriorityFactor.BREAKDOWNS, { breakdowns: 3 }).normalised).toBe(0.5);
    expect(rule(PriorityFactor.BREAKDOWNS, { breakdowns: 9 }).normalised).toBe(1);
  });

  it('SERVICE_COST: yearly cost over price, full at 50 % (30 % is 0.6)', () => {
    expect(rule(PriorityFactor.SERVICE_COST, { yearlyServiceCost: 300_000 })).toEqual({
      value: 0.3,
      normalised: 0.6,
    });
    expect(rule(PriorityFactor.SERVICE_COST, { yearlyServiceCost: 700_000 }).normalised).toBe(1);
    expect(rule(PriorityFactor.SERVICE_COST, { replacementPrice: null })).toEqual({
      value: null,
      normalised: 0,
    });
  });

  it('UTILISATION_PRESSURE: utilisation times the age ratio, each capped at 1', () => {
    expect(
      rule(PriorityFactor.UTILISATION_PRESSURE, { utilisationPct: 80, ageMonths: 60 }).normalised,
    ).toBeCloseTo(0.4, 10);
    expect(
      rule(PriorityFactor.UTILISATION_PRESSURE, { utilisationPct: 150, ageMonths: 240 }).normalised,
    ).toBe(1);
    expect(rule(PriorityFactor.UTILISATION_PRESSURE, { utilisationPct: null }).normalised).toBe(0);
  });

  it('VENDOR_SUPPORT: ended is 1, ending within 24 months 0.5, later or unknown 0', () => {
    expect(rule(PriorityFactor.VENDOR_SUPPORT, { vendorSupportMonthsLeft: -3 }).normalised).toBe(1);
    expect(rule(PriorityFactor.VENDOR_SUPPORT, { vendorSupportMonthsLeft: 0 }).normalised).toBe(1);
    expect(rule(PriorityFactor.VENDOR_SUPPORT, { vendorSupportMonthsLeft: 24 }).normalised).toBe(
      0.5,
    );
    expect(rule(PriorityFactor.VENDOR_SUPPORT, { vendorSupportMonthsLeft: 25 }).normalised).toBe(0);
  });

  it('NO_BACKUP: 1 for the only device of its modality in the facility', () => {
    expect(rule(PriorityFactor.NO_BACKUP, { sameModalityInFacility: 1 }).normalised).toBe(1);
    expect(rule(PriorityFactor.NO_BACKUP, { sameModalityInFacility: 2 }).normalised).toBe(0);
  });
});

const WEIGHTS: PriorityWeights = {
  AGE: 20,
  ANALOGUE: 10,
  DOWNTIME: 10,
  BREAKDOWNS: 15,
  SERVICE_COST: 15,
  UTILISATION_PRESSURE: 5,
  VENDOR_SUPPORT: 15,
  NO_BACKUP: 10,
};

describe('the score', () => {
  const sum = (fs: { contribution: number }[]) =>
    Math.round(fs.reduce((s, f) => s + f.contribution * 100, 0)) / 100;

  it('is the exact sum of the contributions, and 100 when every factor is full', () => {
    const full: FactorInputs = {
      ageMonths: 400,
      adjustedLifeYears: 10,
      analogue: true,
      downtimeHours: 2000,
      breakdowns: 10,
      yearlyServiceCost: 900_000,
      replacementPrice: 1_000_000,
      utilisationPct: 120,
      vendorSupportMonthsLeft: -1,
      sameModalityInFacility: 1,
    };
    const s = priorityScore(full, WEIGHTS);
    expect(s.score).toBe(100);
    expect(sum(s.factors)).toBe(s.score);
    expect(s.factors.map((f) => f.factor)).toEqual(PRIORITY_FACTORS);
  });

  it('adds up exactly also with weights that do not divide evenly', () => {
    const odd = { ...WEIGHTS, AGE: 7, BREAKDOWNS: 13, NO_BACKUP: 3 };
    for (const ageMonths of [13, 77, 131]) {
      const s = priorityScore({ ...quiet, ageMonths, breakdowns: 1, downtimeHours: 37 }, odd);
      expect(sum(s.factors)).toBe(s.score);
      expect(s.score).toBeLessThanOrEqual(100);
    }
  });

  it('is 0 when every weight is 0', () => {
    const zero = Object.fromEntries(PRIORITY_FACTORS.map((f) => [f, 0])) as PriorityWeights;
    expect(priorityScore({ ...quiet, analogue: true }, zero).score).toBe(0);
  });

  it('bands at 50, 30 and 15', () => {
    expect(priorityBand(50)).toBe(PriorityBand.REPLACE_NOW);
    expect(priorityBand(49.99)).toBe(PriorityBand.WITHIN_2_YEARS);
    expect(priorityBand(30)).toBe(PriorityBand.WITHIN_2_YEARS);
    expect(priorityBand(29.99)).toBe(PriorityBand.MONITOR);
    expect(priorityBand(15)).toBe(PriorityBand.MONITOR);
    expect(priorityBand(14.99)).toBe(PriorityBand.OK);
  });

  it('recommends moving or removing an underused device before replacing it', () => {
    expect(recommendation(PriorityBand.REPLACE_NOW, 10)).toBe(Recommendation.RELOCATE_OR_REMOVE);
    expect(recommendation(PriorityBand.REPLACE_NOW, 15)).toBe(Recommendation.REPLACE);
    expect(recommendation(PriorityBand.WITHIN_2_YEARS, null)).toBe(Recommendation.REPLACE);
    expect(recommendation(PriorityBand.MONITOR, 60)).toBe(Recommendation.KEEP);
  });
});

describe('prices and the COCIR rules', () => {
  it('escalates a price by the yearly % over the years since it was set', () => {
    expect(escalate('1000000.00', '2024-01-01', '2024-01-01', 5)).toBe('1000000.00');
    expect(escalate('1000000.00', '2020-01-01', '2022-01-01', 5)).toBe('1102500.00');
    expect(escalate('1000000.00', '2026-01-01', '2025-01-01', 5)).toBe('1000000.00');
  });

  it('checks the golden rules on exact fractions', () => {
    expect(cocirRow('CT', 'CT', 6, 3, 1)).toMatchObject({
      devices: 10,
      upTo5Pct: 60,
      from6to10Pct: 30,
      over10Pct: 10,
      compliant: true,
    });
    expect(cocirRow('CT', 'CT', 5, 3, 2).compliant).toBe(false);
    expect(cocirRow('CT', 'CT', 2, 0, 1)).toMatchObject({ over10Pct: 33.3, compliant: false });
    expect(cocirRow('CT', 'CT', 0, 0, 0)).toMatchObject({ upTo5Pct: null, compliant: null });
  });
});
