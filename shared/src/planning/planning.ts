import { plainToInstance, Transform, type TransformFnParams } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MONEY_PATTERN, DeviceListQuery } from '../devices/device.js';
import { Modality } from '../devices/device.enums.js';
import { District } from '../facilities/district.js';
import { toArray, toNumber, trim } from '../common/transforms.js';

const nested =
  <T>(cls: new () => T) =>
  ({ value }: TransformFnParams): unknown =>
    Array.isArray(value)
      ? value.map((v: unknown) =>
          v !== null && typeof v === 'object' ? plainToInstance(cls, v) : v,
        )
      : value !== null && typeof value === 'object'
        ? plainToInstance(cls, value)
        : value;

const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** The eight factors of the replacement priority score. */
export enum PriorityFactor {
  /** Age against the adjusted life, capped at 1.5. */
  AGE = 'AGE',
  /** Analogue (film/screen) technology. */
  ANALOGUE = 'ANALOGUE',
  /** Unplanned downtime (breakdowns) over the last 12 months, in hours. */
  DOWNTIME = 'DOWNTIME',
  /** Breakdowns over the last 12 months. */
  BREAKDOWNS = 'BREAKDOWNS',
  /** Yearly service cost against the replacement price. */
  SERVICE_COST = 'SERVICE_COST',
  /** Utilisation % of the last 12 months times the age ratio: an old, busy device is more urgent. */
  UTILISATION_PRESSURE = 'UTILISATION_PRESSURE',
  /** Vendor support ended, or ending within two years. */
  VENDOR_SUPPORT = 'VENDOR_SUPPORT',
  /** The only installed device of its modality in its facility. */
  NO_BACKUP = 'NO_BACKUP',
}

export const PRIORITY_FACTORS: readonly PriorityFactor[] = Object.values(PriorityFactor);

export enum PriorityBand {
  REPLACE_NOW = 'REPLACE_NOW',
  WITHIN_2_YEARS = 'WITHIN_2_YEARS',
  MONITOR = 'MONITOR',
  OK = 'OK',
}

export enum Recommendation {
  REPLACE = 'REPLACE',
  KEEP = 'KEEP',
  RELOCATE_OR_REMOVE = 'RELOCATE_OR_REMOVE',
}

/** How the adjusted life was chosen. */
export enum LifeBasis {
  /** The device's own service-life override. */
  OVERRIDE = 'OVERRIDE',
  /** The band of its studies over the last 12 months (from the archive, or hand counts). */
  USE = 'USE',
  /** No usable counts: the modality's default life. */
  MODALITY_DEFAULT = 'MODALITY_DEFAULT',
}

// ---------------------------------------------------------------- life bands

/** One band: devices with at least `minStudiesPerYear` studies a year (and fewer than the next band's) get `lifeYears`. */
export class LifeBandDto {
  @IsEnum(Modality, { message: `modality must be one of ${Object.values(Modality).join(', ')}` })
  modality!: Modality;

  @IsInt({ message: 'minStudiesPerYear must be a whole number of studies' })
  @Min(0)
  @Max(10_000_000)
  minStudiesPerYear!: number;

  @IsInt({ message: 'lifeYears must be a whole number of years' })
  @Min(1)
  @Max(50)
  lifeYears!: number;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'source must say where the figure comes from' })
  @MaxLength(500)
  source!: string;
}

/** The whole table of life bands, replaced at once; every modality needs a band from 0 studies. */
export class PutLifeBandsDto {
  @Transform(nested(LifeBandDto))
  @IsArray()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  bands!: LifeBandDto[];

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export interface LifeBand {
  modality: Modality;
  minStudiesPerYear: number;
  lifeYears: number;
  source: string;
}

export interface LifeBandsResponse {
  bands: LifeBand[];
  version: number;
  updatedAt: string;
}

// ---------------------------------------------------------------- prices

export class ReplacementPriceDto {
  @IsEnum(Modality, { message: `modality must be one of ${Object.values(Modality).join(', ')}` })
  modality!: Modality;

  /** Optional class within the modality, e.g. "64 slices", "1.5 T". */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || null : value,
  )
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  priceClass?: string | null;

  @Matches(MONEY_PATTERN, {
    message: 'price must be an amount in roubles with at most two decimals, e.g. 45000000.00',
  })
  price!: string;

  @IsDateString({ strict: true }, { message: 'effectiveFrom must be a date (YYYY-MM-DD)' })
  effectiveFrom!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'source must say where the price comes from' })
  @MaxLength(500)
  source!: string;
}

export class PutPricesDto {
  @Transform(nested(ReplacementPriceDto))
  @IsArray()
  @ValidateNested({ each: true })
  @ArrayMaxSize(500)
  prices!: ReplacementPriceDto[];

  /** Yearly price escalation, %, a planning assumption. */
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'escalationPct must be a number' })
  @Min(0)
  @Max(100)
  escalationPct!: number;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export interface ReplacementPrice {
  modality: Modality;
  priceClass: string | null;
  price: string;
  effectiveFrom: string;
  source: string;
}

/** The price a modality's devices are replaced at today, and where it comes from. */
export interface ModalityPriceToday {
  modality: Modality;
  /** Escalated to today; null when neither the catalogue nor the fleet has a price. */
  price: string | null;
  basis: 'CATALOGUE' | 'FLEET_MEDIAN' | 'NONE';
  /** For FLEET_MEDIAN: purchases of the last five years it is the median of. */
  purchases: number;
}

export interface PricesResponse {
  prices: ReplacementPrice[];
  escalationPct: number;
  /** Per modality, the price in force today (catalogue, else the fleet's own median). */
  today: ModalityPriceToday[];
  version: number;
  updatedAt: string;
}

// ---------------------------------------------------------------- weights

export class PriorityWeightsDto {
  @IsInt() @Min(0) @Max(1000) AGE!: number;
  @IsInt() @Min(0) @Max(1000) ANALOGUE!: number;
  @IsInt() @Min(0) @Max(1000) DOWNTIME!: number;
  @IsInt() @Min(0) @Max(1000) BREAKDOWNS!: number;
  @IsInt() @Min(0) @Max(1000) SERVICE_COST!: number;
  @IsInt() @Min(0) @Max(1000) UTILISATION_PRESSURE!: number;
  @IsInt() @Min(0) @Max(1000) VENDOR_SUPPORT!: number;
  @IsInt() @Min(0) @Max(1000) NO_BACKUP!: number;
}

export type PriorityWeights = Record<PriorityFactor, number>;

export class PutWeightsDto {
  @Transform(nested(PriorityWeightsDto))
  @IsObject()
  @ValidateNested()
  weights!: PriorityWeightsDto;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export interface WeightsResponse {
  /** The named weight set in force (the default one). */
  name: string;
  weights: PriorityWeights;
  source: string;
  version: number;
  updatedAt: string;
}

// ---------------------------------------------------------------- priorities

export const PRIORITY_SORT_FIELDS = [
  'score',
  'inventoryNumber',
  'modality',
  'facility',
  'district',
  'band',
  'recommendation',
  'adjustedLifeYears',
  'endOfLifeDate',
  'replacementPrice',
  'age',
  ...Object.values(PriorityFactor),
] as const;

export class PriorityListQuery extends DeviceListQuery {
  @IsOptional() @Transform(toArray) @IsEnum(PriorityBand, { each: true }) band?: PriorityBand[];
  @IsOptional()
  @Transform(toArray)
  @IsEnum(Recommendation, { each: true })
  recommendation?: Recommendation[];
  @IsOptional()
  @IsIn([...PRIORITY_SORT_FIELDS, ...PRIORITY_SORT_FIELDS.map((f) => `-${f}`)], {
    message: `sort must be one of ${PRIORITY_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
  })
  declare sort?: string;
}

export class PriorityExportQuery extends PriorityListQuery {
  @IsOptional() @IsIn(['ru', 'en']) lang?: 'ru' | 'en';
}

export interface FactorContribution {
  factor: PriorityFactor;
  /** The raw figure: years/ratio, 0/1, hours, count, ratio, %, months left, 0/1 (see README). */
  value: number | null;
  /** The figure mapped to 0–1 by the factor's rule. */
  normalised: number;
  weight: number;
  /** Points of the score, to two decimals; the contributions add up to the score exactly. */
  contribution: number;
}

export interface PriorityItem {
  deviceId: string;
  inventoryNumber: string;
  manufacturer: string;
  model: string;
  modality: Modality;
  technology: string;
  facilityId: string;
  facilityName: string;
  district: District;
  age: number | null;
  score: number;
  band: PriorityBand;
  recommendation: Recommendation;
  adjustedLifeYears: number;
  lifeBasis: LifeBasis;
  /** Studies a year the life band was chosen by (annualised), when the basis is USE. */
  studiesPerYear: number | null;
  endOfLifeDate: string | null;
  pastLife: boolean;
  vendorSupportEndsOn: string | null;
  utilisationPct: number | null;
  replacementPrice: string | null;
  factors: FactorContribution[];
}

// ---------------------------------------------------------------- age profile

export enum AgeProfileGroupBy {
  MODALITY = 'MODALITY',
  DISTRICT = 'DISTRICT',
  FACILITY = 'FACILITY',
}

export class AgeProfileQuery {
  @IsOptional()
  @Transform(upper)
  @IsEnum(AgeProfileGroupBy, { message: 'groupBy must be one of modality, district, facility' })
  groupBy?: AgeProfileGroupBy;

  /** The day of the installed base; default today. */
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'date must be a date (YYYY-MM-DD)' })
  date?: string;
}

export class AgeProfileHistoryQuery {
  @IsOptional()
  @Transform(upper)
  @IsEnum(AgeProfileGroupBy, { message: 'groupBy must be one of modality, district, facility' })
  groupBy?: AgeProfileGroupBy;
}

/** COCIR's golden rules, in %. */
export const COCIR_RULES = { maxAge5MinPct: 60, age6to10MaxPct: 30, over10MaxPct: 10 } as const;

export interface AgeProfileRow {
  key: string;
  label: string;
  devices: number;
  /** Devices aged 0–5, 6–10 and more than 10 whole years. */
  upTo5: number;
  from6to10: number;
  over10: number;
  upTo5Pct: number | null;
  from6to10Pct: number | null;
  over10Pct: number | null;
  /** All three golden rules hold. */
  compliant: boolean | null;
}

export interface AgeProfileResponse {
  date: string;
  groupBy: AgeProfileGroupBy;
  rows: AgeProfileRow[];
  total: AgeProfileRow;
}

export interface AgeProfileHistoryResponse {
  groupBy: AgeProfileGroupBy;
  /** One profile a year, on 1 January, from the year of the oldest service start to today. */
  years: { date: string; rows: AgeProfileRow[]; total: AgeProfileRow }[];
}

// ---------------------------------------------------------------- relocations

export interface RelocationSuggestion {
  modality: Modality;
  district: District;
  deviceId: string;
  inventoryNumber: string;
  fromFacilityId: string;
  fromFacilityName: string;
  deviceUtilisationPct: number;
  toFacilityId: string;
  toFacilityName: string;
  /** The target facility's utilisation of that modality over the last 12 months. */
  toFacilityUtilisationPct: number;
}

export class RelocationQuery {
  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
  @IsOptional() @Transform(toArray) @IsEnum(District, { each: true }) district?: District[];
}

// ---------------------------------------------------------------- demand

export class DemandQuery {
  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
  @IsOptional() @IsEnum(District) district?: District;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(10) years?: number;
}

export interface DemandPoint {
  month: string;
  studies: number;
}

export interface ForecastPoint {
  month: string;
  studies: number;
  lower: number;
  upper: number;
}

export interface DemandYear {
  year: number;
  forecastStudies: number;
  capacityStudies: number;
  /** Devices missing (positive) or spare (negative) at the current throughput per device. */
  gapDevices: number;
}

export interface ModalityDemand {
  modality: Modality;
  history: DemandPoint[];
  forecast: ForecastPoint[];
  /** Mean absolute percentage error of the same method on the held-out last 12 months. */
  backtestMapePct: number | null;
  method: string;
  installedDevices: number;
  capacityStudiesPerYear: number;
  capacityPerDevicePerYear: number | null;
  years: DemandYear[];
}

export interface DemandResponse {
  district: District | null;
  years: number;
  /** Prediction interval coverage, e.g. 0.95. */
  level: number;
  modalities: ModalityDemand[];
}
