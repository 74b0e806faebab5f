import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { toArray, toBoolean, toNumber } from '../common/transforms.js';
import { Modality } from '../devices/device.enums.js';
import { District } from '../facilities/district.js';
import { IsSaneDate } from '../common/dates.js';
import type { GrowthUnavailable } from './capacity.js';

/** Where a day's counts came from; one row per device, day and source. */
export enum UtilisationSource {
  ARCHIVE = 'ARCHIVE',
  MANUAL = 'MANUAL',
  IMPORT = 'IMPORT',
}

export enum Granularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

export enum UtilisationGroupBy {
  MODALITY = 'MODALITY',
  FACILITY = 'FACILITY',
  DISTRICT = 'DISTRICT',
}

/** A hand count covers one day or one calendar month. */
export enum CountPeriod {
  DAY = 'DAY',
  MONTH = 'MONTH',
}

const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** A period `from`–`to`, both inclusive ISO dates; defaults: the last 365 days up to today. */
export class UtilisationPeriodQuery {
  @IsOptional()
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @IsOptional()
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class DeviceUtilisationQuery extends UtilisationPeriodQuery {
  /** Series step: DAY, WEEK (ISO weeks, from Monday) or MONTH; case-insensitive. Default DAY. */
  @IsOptional()
  @Transform(upper)
  @IsEnum(Granularity, { message: 'granularity must be one of day, week, month' })
  granularity?: Granularity;
}

export class UtilisationSummaryQuery extends UtilisationPeriodQuery {
  /** Rollup dimension; case-insensitive. Default MODALITY. */
  @IsOptional()
  @Transform(upper)
  @IsEnum(UtilisationGroupBy, { message: 'groupBy must be one of modality, facility, district' })
  groupBy?: UtilisationGroupBy;

  /** Step of the city-wide series; default MONTH. */
  @IsOptional()
  @Transform(upper)
  @IsEnum(Granularity, { message: 'granularity must be one of day, week, month' })
  granularity?: Granularity;

  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
  @IsOptional() @Transform(toArray) @IsEnum(District, { each: true }) district?: District[];
  @IsOptional() @Transform(toArray) @IsUUID('all', { each: true }) facilityId?: string[];
}

export class UtilisationRankingQuery extends UtilisationPeriodQuery {
  /** Devices below this utilisation % are under-used. Default 30. */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1000) underPct?: number;
  /** Devices above this utilisation % are over-used. Default 100. */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1000) overPct?: number;
  /** Rows per list. Default 20. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
}

/** A hand count for a device without an archive (analogue units): one day or one month. */
export class ManualCountDto {
  @IsUUID('all', { message: 'deviceId must be a device id' })
  deviceId!: string;

  @IsEnum(CountPeriod, { message: 'period must be DAY or MONTH' })
  period!: CountPeriod;

  /** `YYYY-MM-DD` for a day; `YYYY-MM` (or the month's first day) for a month. */
  @IsSaneDate()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, {
    message: 'date must be YYYY-MM-DD (a day) or YYYY-MM (a month)',
  })
  date!: string;

  @IsInt({ message: 'studies must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  studies!: number;

  @IsInt({ message: 'images must be a whole number' })
  @Min(0)
  @Max(100_000_000)
  images!: number;
}

/** Figures of one period (a step of a series, or the whole period). */
export interface UtilisationFigures {
  /** False when no counts at all were reported for the period: its figures are "no data". */
  hasData: boolean;
  studies: number;
  images: number;
  /** Images per study; null without studies. */
  imagesPerStudy: number | null;
  /** Days with at least one study (counted from daily rows only; a monthly hand count adds none). */
  activeDays: number;
  /**
   * Capacity: nominal studies per hour × scheduled hours of the period's working days (every day
   * when scheduled round the clock) while the device was installed.
   */
  capacityStudies: number;
  /** studies / capacity × 100, one decimal; null ("no data") without counts or capacity. */
  utilisationPct: number | null;
}

export interface UtilisationPoint extends UtilisationFigures {
  /** First day of the step (a Monday for weeks, the 1st for months). */
  period: string;
}

export interface DeviceUtilisationResponse {
  deviceId: string;
  inventoryNumber: string;
  modality: Modality;
  from: string;
  to: string;
  granularity: Granularity;
  /** Studies per scanner-hour and scheduled hours a week in force (device override or modality default). */
  nominalStudiesPerHour: number;
  scheduledHoursPerWeek: number;
  totals: UtilisationFigures;
  /**
   * The same period a year earlier, and the growth of studies against it (%): null unless that
   * period has counts over the same months, with the reason in `growthUnavailable`.
   */
  previousYear: UtilisationFigures;
  growthPct: number | null;
  growthUnavailable: GrowthUnavailable | null;
  series: UtilisationPoint[];
}

export interface UtilisationGroupRow extends UtilisationFigures {
  /** The modality code, facility id or district code. */
  key: string;
  label: string;
  /** Measured devices in the installed base on at least one day of the period. */
  devices: number;
  previousYearStudies: number;
  growthPct: number | null;
  growthUnavailable: GrowthUnavailable | null;
}

export interface UtilisationSummaryResponse {
  from: string;
  to: string;
  groupBy: UtilisationGroupBy;
  granularity: Granularity;
  totals: UtilisationFigures & {
    devices: number;
    previousYearStudies: number;
    growthPct: number | null;
    growthUnavailable: GrowthUnavailable | null;
  };
  /**
   * The city's digital share today, % of the installed base (the same figure as the facility
   * list's city total and the registry export's summary); null with no installed device.
   */
  digitalSharePct: number | null;
  groups: UtilisationGroupRow[];
  series: UtilisationPoint[];
}

export interface UtilisationDeviceRow extends UtilisationFigures {
  deviceId: string;
  inventoryNumber: string;
  modality: Modality;
  facilityId: string;
  facilityName: string;
}

export interface UtilisationRankingResponse {
  from: string;
  to: string;
  underPct: number;
  overPct: number;
  /** Lowest utilisation first. */
  underUsed: UtilisationDeviceRow[];
  /** Highest utilisation first. */
  overUsed: UtilisationDeviceRow[];
}

export interface ManualCountResponse {
  deviceId: string;
  period: CountPeriod;
  /** The day, or the month's first day. */
  day: string;
  source: UtilisationSource;
  studies: number;
  images: number;
}

export class UtilisationImportQuery {
  /** true: check and preview only, change nothing. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() dryRun?: boolean;
}
