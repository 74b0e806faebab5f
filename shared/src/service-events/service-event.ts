import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { toArray, toBoolean, toNumber, trim } from '../common/transforms.js';
import { MONEY_PATTERN } from '../devices/device.js';
import type { DeviceStatus } from '../devices/device.enums.js';
import { IsSaneDate } from '../common/dates.js';

export enum ServiceEventType {
  /** Unplanned: the device is UNDER_REPAIR until the event is resolved. */
  BREAKDOWN = 'BREAKDOWN',
  PREVENTIVE_MAINTENANCE = 'PREVENTIVE_MAINTENANCE',
  CALIBRATION = 'CALIBRATION',
  UPGRADE = 'UPGRADE',
  INSPECTION = 'INSPECTION',
}

const TIMESTAMP = { strict: true, strictSeparator: true };
const TS_MESSAGE = (f: string) => `${f} must be an ISO 8601 timestamp with a time zone`;
const WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

export class CreateServiceEventDto {
  @IsUUID('all', { message: 'deviceId must be a device id' }) deviceId!: string;

  @IsEnum(ServiceEventType, {
    message: `type must be one of ${Object.values(ServiceEventType).join(', ')}`,
  })
  type!: ServiceEventType;

  /** When the fault was reported, or when planned work began. */
  @IsSaneDate()
  @IsISO8601(TIMESTAMP, { message: TS_MESSAGE('reportedAt') })
  @Matches(WITH_ZONE, { message: TS_MESSAGE('reportedAt') })
  reportedAt!: string;

  /** Engineer on site / work started. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsISO8601(TIMESTAMP, { message: TS_MESSAGE('startedAt') })
  @Matches(WITH_ZONE, { message: TS_MESSAGE('startedAt') })
  startedAt?: string | null;

  /** Device working again; absent while open. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsISO8601(TIMESTAMP, { message: TS_MESSAGE('resolvedAt') })
  @Matches(WITH_ZONE, { message: TS_MESSAGE('resolvedAt') })
  resolvedAt?: string | null;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'description must not be empty' })
  @MaxLength(4000)
  description!: string;

  /** Roubles; default 0. */
  @IsOptional()
  @Matches(MONEY_PATTERN, {
    message: 'cost must be an amount in roubles with at most two decimals',
  })
  cost?: string;

  /** The SERVICE or LIFECYCLE contract covering the device that the work fell under. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'contractId must be a contract id' })
  contractId?: string | null;
}

/** Resolving is `resolvedAt`; a resolved time cannot be taken back. */
export class UpdateServiceEventDto {
  @IsOptional()
  @IsSaneDate()
  @IsISO8601(TIMESTAMP, { message: TS_MESSAGE('reportedAt') })
  @Matches(WITH_ZONE, { message: TS_MESSAGE('reportedAt') })
  reportedAt?: string;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsISO8601(TIMESTAMP, { message: TS_MESSAGE('startedAt') })
  @Matches(WITH_ZONE, { message: TS_MESSAGE('startedAt') })
  startedAt?: string | null;
  @IsOptional()
  @IsSaneDate()
  @IsISO8601(TIMESTAMP, { message: TS_MESSAGE('resolvedAt') })
  @Matches(WITH_ZONE, { message: TS_MESSAGE('resolvedAt') })
  resolvedAt?: string;
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'description must not be empty' })
  @MaxLength(4000)
  description?: string;
  @IsOptional()
  @Matches(MONEY_PATTERN, {
    message: 'cost must be an amount in roubles with at most two decimals',
  })
  cost?: string;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'contractId must be a contract id' })
  contractId?: string | null;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export class ServiceEventListQuery extends PageQuery {
  @IsOptional() @IsUUID() deviceId?: string;
  @IsOptional() @Transform(toArray) @IsUUID('all', { each: true }) facilityId?: string[];
  @IsOptional() @IsUUID() contractId?: string;
  @IsOptional()
  @Transform(toArray)
  @IsEnum(ServiceEventType, { each: true })
  type?: ServiceEventType[];
  /** Events overlapping the days from… (YYYY-MM-DD, city time). */
  @IsOptional()
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;
  /** …to, inclusive. */
  @IsOptional()
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
  /** true: unresolved only; false: resolved only. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() open?: boolean;
  @IsOptional()
  @IsIn(
    ['reportedAt', '-reportedAt', 'resolvedAt', '-resolvedAt', 'cost', '-cost', 'type', '-type'],
    {
      message: 'sort must be one of reportedAt, resolvedAt, cost, type, optionally prefixed with -',
    },
  )
  declare sort?: string;
}

export interface ServiceEventResponse {
  id: string;
  deviceId: string;
  inventoryNumber: string;
  facilityId: string;
  facilityName: string;
  type: ServiceEventType;
  reportedAt: string;
  startedAt: string | null;
  resolvedAt: string | null;
  description: string;
  cost: string;
  contractId: string | null;
  contractNumber: string | null;
  /** For a breakdown: the device status it interrupted, restored when it is resolved. */
  interruptedStatus: DeviceStatus | null;
  /** Hours from report to resolution (or to now while open). */
  durationHours: number;
  /**
   * The work fell under a SERVICE or LIFECYCLE contract covering the device, whose payments already
   * include it: its cost is shown but not added again to the cost of ownership.
   */
  coveredByContract: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The two downtime kinds of one device over a period (round the clock, from the later of the
 * period's start and the device's service start to the earlier of the period's end, its
 * decommissioning and now). Overlapping events count once.
 */
export interface DeviceAvailabilityResponse {
  deviceId: string;
  from: string;
  to: string;
  /** Hours the device was installed within the period, up to now; 0 when it was not. */
  periodHours: number;
  /** Unplanned downtime: the union of breakdowns. What an SLA measures. */
  unplannedDowntimeHours: number;
  /** Unplanned downtime ÷ period hours, %; null when the period holds no hours. */
  unplannedDowntimePercent: number | null;
  /** Total unavailability: the union of every event (breakdowns, maintenance, calibration, upgrades, inspections). */
  unavailabilityHours: number;
  /** Total unavailability ÷ period hours, %; null when the period holds no hours. */
  unavailabilityPercent: number | null;
  /** 100 − unavailability %: the share of the period the device could be used. */
  availabilityPercent: number | null;
  /** Events overlapping the period. */
  events: number;
}

export interface DeviceCostYear {
  year: number;
  purchase: string;
  /** The device's allocated share of the contracts' payments paid that year. */
  contractPayments: string;
  /** Costs of service events not included in a contract. */
  eventCosts: string;
  /** Costs of service events a covering contract already includes: shown, not added. */
  coveredEventCosts: string;
  /** purchase + contractPayments + eventCosts. */
  total: string;
}

/**
 * Cost of ownership so far. The purchase price, plus the device's share of every covering
 * contract's paid milestones (in proportion to the per-device service fees where the contract gives
 * them, else to purchase prices), plus service events not already included in a contract. When a
 * SUPPLY or LIFECYCLE contract covers the device, the purchase price is not added on top: that
 * contract's payments are the purchase.
 */
export interface DeviceCostResponse {
  deviceId: string;
  purchasePrice: string | null;
  purchaseCounted: string;
  contractPayments: string;
  eventCosts: string;
  coveredEventCosts: string;
  total: string;
  /** Actual years in service so far, pro rata (days ÷ 365.25); null when the start is unknown. */
  yearsInService: number | null;
  /** What yearly figures divide by: the years in service, at least 1. */
  years: number;
  /** Total ÷ years. */
  perYear: string;
  /**
   * Service cost so far: the shares of SERVICE contracts, the shares of LIFECYCLE contracts beyond
   * the purchase price, and events not included in a contract.
   */
  serviceCost: string;
  /** Service cost ÷ years. */
  yearlyServiceCost: string;
  /** The price the ratio compares with: for now the device's purchase price. */
  replacementPrice: string | null;
  /** Yearly service cost ÷ replacement price (0.3: candidate, 0.5: replace); null when unknown. */
  serviceCostRatio: number | null;
  byYear: DeviceCostYear[];
}
