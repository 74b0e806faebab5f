import {
  COCIR_RULES,
  LifeBasis,
  MIN_DAYS_TO_ANNUALISE,
  PRIORITY_FACTORS,
  PriorityBand,
  PriorityFactor,
  Recommendation,
  type AgeProfileRow,
  type FactorContribution,
  type LifeBand,
  type PriorityWeights,
  serviceCostRatio,
  SERVICE_COST_REPLACE_RATIO,
  wholeMonthsBetween,
} from '@radfleet/shared';

/**
 * The pure rules of replacement planning: life by use, the eight factors' normalisation, the score
 * and its bands, the recommendation, price escalation and the COCIR golden rules. No I/O here; the
 * service feeds them the inputs of priority-inputs.sql.ts.
 */

// ---------------------------------------------------------------- life by use

export { MIN_DAYS_TO_ANNUALISE };

/**
 * Studies a year from the studies of the 12-month window: as they are when the device was in
 * service the whole window, else scaled to 365 days (annualised); null when there is nothing to go
 * on (no counts, or fewer than MIN_DAYS_TO_ANNUALISE days in service in the window).
 */
export function studiesPerYear(
  studies: number,
  hasCounts: boolean,
  daysInService: number,
  windowDays = 365,
): number | null {
  if (!hasCounts || daysInService < MIN_DAYS_TO_ANNUALISE) return null;
  if (daysInService >= windowDays) return Math.round(studies);
  return Math.round((studies * windowDays) / daysInService);
}

/**
 * The band of a modality that `perYear` studies fall in: the one with the greatest minimum not
 * above it. `bands` are one modality's; null when none applies.
 */
export function lifeBandFor(bands: readonly LifeBand[], perYear: number): LifeBand | null {
  let best: LifeBand | null = null;
  for (const b of bands) {
    if (b.minStudiesPerYear <= perYear && (!best || b.minStudiesPerYear > best.minStudiesPerYear))
      best = b;
  }
  return best;
}

export interface AdjustedLife {
  lifeYears: number;
  basis: LifeBasis;
  studiesPerYear: number | null;
  band: LifeBand | null;
}

/** The device's override, else the band of its yearly studies, else the modality's default. */
export function adjustedLife(input: {
  overrideYears: number | null;
  modalityDefaultYears: number;
  bands: readonly LifeBand[];
  studiesPerYear: number | null;
}): AdjustedLife {
  if (input.overrideYears !== null)
    return {
      lifeYears: input.overrideYears,
      basis: LifeBasis.OVERRIDE,
      studiesPerYear: input.studiesPerYear,
      band: null,
    };
  if (input.studiesPerYear !== null) {
    const band = lifeBandFor(input.bands, input.studiesPerYear);
    if (band)
      return {
        lifeYears: band.lifeYears,
        basis: LifeBasis.USE,
        studiesPerYear: input.studiesPerYear,
        band,
      };
  }
  return {
    lifeYears: input.modalityDefaultYears,
    basis: LifeBasis.MODALITY_DEFAULT,
    studiesPerYear: input.studiesPerYear,
    band: null,
  };
}

/** A table of bands is usable when every modality named has a band from 0 and no minimum twice. */
export function lifeBandErrors(bands: readonly LifeBand[]): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  const fromZero = new Set<string>();
  bands.forEach((b, i) => {
    const key = `${b.modality}:${b.minStudiesPerYear}`;
    if (seen.has(key))
      errors.push({
        field: `bands.${i}.minStudiesPerYear`,
        message: `${b.modality} has two bands from ${b.minStudiesPerYear} studies`,
      });
    seen.add(key);
    if (b.minStudiesPerYear === 0) fromZero.add(b.modality);
  });
  for (const m of new Set(bands.map((b) => b.modality))) {
    if (!fromZero.has(m))
      errors.push({ field: 'bands', message: `${m} needs a band from 0 studies a year` });
  }
  return errors;
}

// ---------------------------------------------------------------- the factors

/** Age ratio at which the age factor is full: 1.5 × the adjusted life. */
export const AGE_RATIO_CAP = 1.5;
/** Unplanned downtime over 12 months that counts as full: 720 hours (30 days). */
export const DOWNTIME_FULL_HOURS = 720;
/** Breakdowns over 12 months that count as full. */
export const BREAKDOWNS_FULL = 6;
/** Yearly service cost / replacement price that counts as full: 50 % (HTM practice: replace). */
export const SERVICE_COST_FULL_RATIO = SERVICE_COST_REPLACE_RATIO;
/** Vendor support ending within this many months counts half; ended counts full. */
export const VENDOR_SUPPORT_WARNING_MONTHS = 24;

/** What the factors read of one device. */
export interface FactorInputs {
  /** Age in whole months (from service start to today). */
  ageMonths: number | null;
  adjustedLifeYears: number;
  analogue: boolean;
  downtimeHours: number;
  breakdowns: number;
  /** Yearly service cost in roubles (cost of ownership: service cost so far ÷ years in service); null when unknown. */
  yearlyServiceCost: number | null;
  /** Replacement price today in roubles; null when unknown. */
  replacementPrice: number | null;
  /** Utilisation % over the last 12 months; null when unmeasured. */
  utilisationPct: number | null;
  /** Whole months from today to the end of vendor support (negative once ended); null when unknown. */
  vendorSupportMonthsLeft: number | null;
  /** Installed devices of the same modality in the same facility, this one included. */
  sameModalityInFacility: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Age / adjusted life, both in years; null when the age is unknown. */
export function ageRatio(i: Pick<FactorInputs, 'ageMonths' | 'adjustedLifeYears'>): number | null {
  if (i.ageMonths === null || i.adjustedLifeYears <= 0) return null;
  return i.ageMonths / 12 / i.adjustedLifeYears;
}

/** Each factor: its raw value and the rule that maps it to 0–1. */
export const FACTOR_RULES: Record<
  PriorityFactor,
  (i: FactorInputs) => { value: number | null; normalised: number }
> = {
  [PriorityFactor.AGE]: (i) => {
    const r = ageRatio(i);
    return {
      value: r,
      normalised: r === null ? 0 : clamp01(Math.min(r, AGE_RATIO_CAP) / AGE_RATIO_CAP),
    };
  },
  [PriorityFactor.ANALOGUE]: (i) => ({ value: i.analogue ? 1 : 0, normalised: i.analogue ? 1 : 0 }),
  [PriorityFactor.DOWNTIME]: (i) => ({
    value: i.downtimeHours,
    normalised: clamp01(i.downtimeHours / DOWNTIME_FULL_HOURS),
  }),
  [PriorityFactor.BREAKDOWNS]: (i) => ({
    value: i.breakdowns,
    normalised: clamp01(i.breakdowns / BREAKDOWNS_FULL),
  }),
  [PriorityFactor.SERVICE_COST]: (i) => {
    // The service-cost ratio of cost of ownership (shared/src/contracts/cost-rules.ts).
    const ratio =
      i.yearlyServiceCost === null || i.replacementPrice === null
        ? null
        : serviceCostRatio(String(i.yearlyServiceCost), String(i.replacementPrice));
    if (ratio === null) return { value: null, normalised: 0 };
    return { value: ratio, normalised: clamp01(ratio / SERVICE_COST_FULL_RATIO) };
  },
  [PriorityFactor.UTILISATION_PRESSURE]: (i) => {
    if (i.utilisationPct === null) return { value: null, normalised: 0 };
    const r = ageRatio(i) ?? 0;
    return { value: i.utilisationPct, normalised: clamp01(i.utilisationPct / 100) * clamp01(r) };
  },
  [PriorityFactor.VENDOR_SUPPORT]: (i) => {
    const m = i.vendorSupportMonthsLeft;
    if (m === null) return { value: null, normalised: 0 };
    return { value: m, normalised: m <= 0 ? 1 : m <= VENDOR_SUPPORT_WARNING_MONTHS ? 0.5 : 0 };
  },
  [PriorityFactor.NO_BACKUP]: (i) => {
    const alone = i.sameModalityInFacility <= 1;
    return { value: alone ? 1 : 0, normalised: alone ? 1 : 0 };
  },
};

/**
 * The score, 0–100, and its factors. Each contribution is computed in whole hundredths of a point,
 * rounded down, so the score (their sum) never exceeds 100 and equals the sum of the contributions
 * exactly, also after rounding to two decimals.
 */
export function priorityScore(
  inputs: FactorInputs,
  weights: PriorityWeights,
): { score: number; factors: FactorContribution[] } {
  const total = PRIORITY_FACTORS.reduce((s, f) => s + Math.max(0, weights[f] ?? 0), 0);
  let hundredths = 0;
  const factors = PRIORITY_FACTORS.map((factor) => {
    const { value, normalised } = FACTOR_RULES[factor](inputs);
    const weight = Math.max(0, weights[factor] ?? 0);
    const c = total > 0 ? Math.floor((10_000 * weight * normalised) / total + 1e-9) : 0;
    hundredths += c;
    return {
      factor,
      value: value === null ? null : Math.round(value * 1000) / 1000,
      normalised: Math.round(normalised * 10_000) / 10_000,
      weight,
      contribution: c / 100,
    };
  });
  return { score: hundredths / 100, factors };
}

/** Band thresholds on the score: at least 50 REPLACE_NOW, 30 WITHIN_2_YEARS, 15 MONITOR. */
export const BAND_THRESHOLDS = { REPLACE_NOW: 50, WITHIN_2_YEARS: 30, MONITOR: 15 } as const;

export function priorityBand(score: number): PriorityBand {
  if (score >= BAND_THRESHOLDS.REPLACE_NOW) return PriorityBand.REPLACE_NOW;
  if (score >= BAND_THRESHOLDS.WITHIN_2_YEARS) return PriorityBand.WITHIN_2_YEARS;
  if (score >= BAND_THRESHOLDS.MONITOR) return PriorityBand.MONITOR;
  return PriorityBand.OK;
}

/** Below this utilisation % a device is underused (a candidate to move or remove). */
export const UNDERUSED_PCT = 15;
/** At or above this utilisation % a facility's devices of a modality are overloaded. */
export const OVERLOADED_PCT = 90;

/**
 * RELOCATE_OR_REMOVE for a measured device used below UNDERUSED_PCT (move it where the modality is
 * overloaded in its district, or remove it when it is needed nowhere); else REPLACE in the two
 * replacement bands; else KEEP.
 */
export function recommendation(band: PriorityBand, utilisationPct: number | null): Recommendation {
  if (utilisationPct !== null && utilisationPct < UNDERUSED_PCT)
    return Recommendation.RELOCATE_OR_REMOVE;
  if (band === PriorityBand.REPLACE_NOW || band === PriorityBand.WITHIN_2_YEARS)
    return Recommendation.REPLACE;
  return Recommendation.KEEP;
}

// ---------------------------------------------------------------- prices

/**
 * A price escalated by `pct` a year, compounded over the whole months from `fromDay` to `today`
 * (a later `fromDay` escalates nothing), in roubles with two decimals. The SQL twin is
 * `escalatedSql` in priority-inputs.sql.ts.
 */
export function escalate(price: string, fromDay: string, today: string, pct: number): string {
  const years = Math.max(0, wholeMonthsBetween(fromDay, today)) / 12;
  const kopecks = Math.round(Number(price) * 100 * Math.pow(1 + pct / 100, years));
  return (kopecks / 100).toFixed(2);
}

// ---------------------------------------------------------------- COCIR

const pct = (n: number, of: number) => (of > 0 ? Math.round((1000 * n) / of) / 10 : null);

/** Shares and compliance of one group from its counts by age class. */
export function cocirRow(
  key: string,
  label: string,
  upTo5: number,
  from6to10: number,
  over10: number,
): AgeProfileRow {
  const devices = upTo5 + from6to10 + over10;
  // Compliance compares exact fractions (not the rounded shares): 60 % of the base at most 5 years…
  const compliant =
    devices === 0
      ? null
      : 100 * upTo5 >= COCIR_RULES.maxAge5MinPct * devices &&
        100 * from6to10 <= COCIR_RULES.age6to10MaxPct * devices &&
        100 * over10 <= COCIR_RULES.over10MaxPct * devices;
  return {
    key,
    label,
    devices,
    upTo5,
    from6to10,
    over10,
    upTo5Pct: pct(upTo5, devices),
    from6to10Pct: pct(from6to10, devices),
    over10Pct: pct(over10, devices),
    compliant,
  };
}
