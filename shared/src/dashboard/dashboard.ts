import { Transform } from 'class-transformer';
import { IsEnum, IsOptional } from 'class-validator';
import { toArray } from '../common/transforms.js';
import { addDays, addMonths, type IsoDay } from '../calendar/city-calendar.js';
import { Modality } from '../devices/device.enums.js';
import { District } from '../facilities/district.js';
import type { AgeProfileRow } from '../planning/planning.js';
import type { GrowthUnavailable } from '../utilisation/capacity.js';

/** Filters of the executive dashboard, kept in the URL; each one a comma-separated list. */
export class ExecutiveDashboardQuery {
  @IsOptional() @Transform(toArray) @IsEnum(District, { each: true }) district?: District[];
  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
}

/** The KPIs of the executive dashboard and the report pack's Summary sheet, in their order. */
export enum KpiKey {
  INSTALLED_DEVICES = 'INSTALLED_DEVICES',
  DIGITAL_SHARE = 'DIGITAL_SHARE',
  COCIR_COMPLIANCE = 'COCIR_COMPLIANCE',
  MEDIAN_AGE = 'MEDIAN_AGE',
  UTILISATION_12M = 'UTILISATION_12M',
  STUDIES_YTD = 'STUDIES_YTD',
  CONTRACTS_EXPIRING_90 = 'CONTRACTS_EXPIRING_90',
  SLA_BREACHES = 'SLA_BREACHES',
  SLA_PENALTIES = 'SLA_PENALTIES',
}

export enum KpiUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  YEARS = 'YEARS',
  RUB = 'RUB',
}

/** Green / amber / red against the KPI's target; null when it has no target or no data. */
export enum KpiRag {
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  RED = 'RED',
}

/**
 * Where a figure comes from: the list page it summarises (`route` + `query`, what a tile links to)
 * and the API call answering the same figure (`api` + `apiQuery`; `field` names the number in its
 * answer). Home, pack and list pages agree because the figure is that API's.
 */
export interface DrillDown {
  route: string;
  query: Record<string, string>;
  api: string;
  apiQuery: Record<string, string>;
  field: string;
}

export interface Kpi {
  key: KpiKey;
  unit: KpiUnit;
  /** null: no data (never shown as 0). Money (RUB) is exact decimals in `amount`. */
  value: number | null;
  /** Exact roubles, for RUB KPIs. */
  amount: string | null;
  /** For a share: its numerator, the number of rows the drill-down list totals. */
  count: number | null;
  /** The comparison figure: a year earlier (digital share, studies), where there is one. */
  previous: number | null;
  /** value − previous, in the KPI's unit (percentage points for shares); growth % for studies. */
  change: number | null;
  target: KpiTarget | null;
  rag: KpiRag | null;
  drillDown: DrillDown;
}

/** A KPI's target: green from `green`, amber from `amber`, in the direction of `higherIsBetter`. */
export interface KpiTarget {
  green: number;
  amber: number;
  higherIsBetter: boolean;
}

export interface CocirCompliance extends AgeProfileRow {
  /** The modality code, or ALL for the total. */
  key: string;
}

export interface DigitalSharePoint {
  /** The month's last day (or today, for the current month): the installed base on it. */
  date: IsoDay;
  devices: number;
  digital: number;
  digitalSharePct: number | null;
}

export interface FleetCell {
  district: District;
  modality: Modality;
  devices: number;
  digital: number;
  digitalSharePct: number | null;
}

export interface HeatCell {
  district: District;
  modality: Modality;
  devices: number;
  studies: number;
  capacityStudies: number;
  utilisationPct: number | null;
}

export interface MonthlyStudies {
  /** 1–12. */
  month: number;
  /** null: no counts for that month (or the month has not come yet). */
  studies: number | null;
  previousYearStudies: number | null;
}

export interface SlaBreach {
  contractId: string;
  number: string;
  supplierName: string;
  measurementPeriod: string;
  periodFrom: IsoDay;
  periodTo: IsoDay;
  penaltyDays: number;
  penaltyAmount: string;
  breachedDevices: number;
}

export interface ExpiringContract {
  contractId: string;
  number: string;
  supplierName: string;
  endDate: IsoDay;
  value: string;
}

export interface ExecutiveDashboardResponse {
  /** The day the figures are for (the city's today for the dashboard). */
  asOf: IsoDay;
  district: District[];
  modality: Modality[];
  /** The 12 months of the utilisation figures: the current month so far and the 11 before. */
  utilisationFrom: IsoDay;
  utilisationTo: IsoDay;
  /** Contract figures are city-wide: contracts are not filtered by district or modality. */
  contractsFiltered: false;
  kpis: Kpi[];
  /** The installed base by district and modality: devices and digital ones. */
  fleet: FleetCell[];
  cocir: CocirCompliance[];
  cocirTotal: CocirCompliance;
  /** Per modality, the installed devices by whole years of age (0 … 20, the last one "20 or more"). */
  ageProfile: { modality: Modality; byAge: number[] }[];
  digitalShareByMonth: DigitalSharePoint[];
  heatMap: HeatCell[];
  studiesByMonth: { year: number; previousYear: number; months: MonthlyStudies[] };
  growthUnavailable: GrowthUnavailable | null;
  expiringContracts: ExpiringContract[];
  slaBreaches: SlaBreach[];
}

/** The last age class of the age-profile chart: "20 years or more". */
export const AGE_PROFILE_MAX_YEARS = 20;

/** COCIR's golden-rule limits drawn on the age profile: ≤ 5 years, 6–10 years, > 10 years. */
export const COCIR_LINES = [5, 10] as const;

/**
 * The KPI targets behind the Summary sheet's green/amber/red (a planning assumption, stated
 * here once): digital share — the city replaces analogue units, so 90 % is green, 80 % amber
 * (DOMAIN: "over 80 % are digital"); COCIR — every modality compliant; median age — COCIR's
 * 5 and 10 years; utilisation — the under-used threshold (30 %) as amber, 60 % green; studies —
 * growth against last year (≥ 0 % green, ≥ −10 % amber); SLA — no breach.
 */
export const KPI_TARGETS: Partial<Record<KpiKey, KpiTarget>> = {
  [KpiKey.DIGITAL_SHARE]: { green: 90, amber: 80, higherIsBetter: true },
  [KpiKey.COCIR_COMPLIANCE]: { green: 100, amber: 50, higherIsBetter: true },
  [KpiKey.MEDIAN_AGE]: { green: 5, amber: 10, higherIsBetter: false },
  [KpiKey.UTILISATION_12M]: { green: 60, amber: 30, higherIsBetter: true },
  [KpiKey.STUDIES_YTD]: { green: 0, amber: -10, higherIsBetter: true },
  [KpiKey.SLA_BREACHES]: { green: 0, amber: 0, higherIsBetter: false },
  [KpiKey.SLA_PENALTIES]: { green: 0, amber: 0, higherIsBetter: false },
};

/** Green, amber or red of a figure against its target; null without a figure or a target. */
export function ragOf(value: number | null, target: KpiTarget | null | undefined): KpiRag | null {
  if (value === null || !target) return null;
  if (target.higherIsBetter) {
    return value >= target.green ? KpiRag.GREEN : value >= target.amber ? KpiRag.AMBER : KpiRag.RED;
  }
  return value <= target.green ? KpiRag.GREEN : value <= target.amber ? KpiRag.AMBER : KpiRag.RED;
}

/** The figure a KPI's colour is judged on: growth % for studies, the value for the others. */
export function ragFigure(k: Pick<Kpi, 'key' | 'value' | 'change'>): number | null {
  return k.key === KpiKey.STUDIES_YTD ? k.change : k.value;
}

/**
 * The median of whole-year ages given as a histogram (`byAge[i]` devices aged i): the middle
 * device's age, or the mean of the two middle ones; null with no device.
 */
export function medianOfHistogram(byAge: readonly number[]): number | null {
  const n = byAge.reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (let age = 0; age < byAge.length; age++) {
      seen += byAge[age]!;
      if (seen > rank) return age;
    }
    return byAge.length - 1;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** The utilisation window of the dashboard and the pack: the month of `asOf` so far and the 11 before. */
export function twelveMonthsTo(asOf: IsoDay): { from: IsoDay; to: IsoDay } {
  return { from: addMonths(`${asOf.slice(0, 7)}-01`, -11), to: asOf };
}

/** The last day of each of the 37 months up to `asOf` (the current one: `asOf` itself). */
export function monthEndsTo(asOf: IsoDay, months = 37): IsoDay[] {
  const first = `${asOf.slice(0, 7)}-01`;
  const out: IsoDay[] = [];
  for (let i = months - 1; i >= 1; i--) out.push(addDays(addMonths(first, -i + 1), -1));
  out.push(asOf);
  return out;
}
