import { plainToInstance, Transform, type TransformFnParams } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { PartialDto } from '../common/partial-dto.js';
import { LANGS, type Lang } from '../common/lang.js';
import { toArray, toNumber, trim } from '../common/transforms.js';
import { MONEY_PATTERN } from '../devices/device.js';
import { IsSaneDate } from '../common/dates.js';

export enum ContractType {
  SUPPLY = 'SUPPLY',
  SERVICE = 'SERVICE',
  /** Supply, installation and years of service in one contract. */
  LIFECYCLE = 'LIFECYCLE',
}

/**
 * Derived when read, never stored. DRAFT: not signed; TERMINATED: terminated on or before today;
 * EXPIRED: ended; EXPIRING: ends within 90 days; ACTIVE: otherwise.
 */
export enum ContractStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}

/** The hours the guaranteed uptime is measured over. */
export enum UptimeBasis {
  ROUND_THE_CLOCK = 'ROUND_THE_CLOCK',
  /** The device's scheduled hours a week, on working days from 08:00 (every day above 120 h). */
  SCHEDULED_HOURS = 'SCHEDULED_HOURS',
}

/** The whole period over which a contract's SLA is measured, judged and penalised. */
export enum SlaMeasurementPeriod {
  /** Calendar months, city time. */
  MONTH = 'MONTH',
  /** Calendar quarters (January–March, …), city time. */
  QUARTER = 'QUARTER',
}

/** Whom the guaranteed uptime is judged for in each measurement period. */
export enum SlaVerdictScope {
  /** Each covered device must reach the guaranteed uptime on its own. */
  PER_DEVICE = 'PER_DEVICE',
  /** The covered devices' hours together must reach it. */
  PER_CONTRACT = 'PER_CONTRACT',
}

/** A contract is EXPIRING when it ends within this many days. */
export const EXPIRING_WITHIN_DAYS = 90;

const DATE = { strict: true };
const nested =
  <T>(cls: new () => T) =>
  ({ value }: TransformFnParams): unknown =>
    Array.isArray(value)
      ? value.map((v: unknown) => (isPlainObject(v) ? plainToInstance(cls, v) : v))
      : isPlainObject(value)
        ? plainToInstance(cls, value)
        : value;
/** Only objects become DTO instances; arrays and scalars are left for the validators to refuse. */
const isPlainObject = (v: unknown): v is object =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const nullIfEmpty = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? null : t;
};

export class SlaTermsDto {
  /** Guaranteed uptime, per cent (e.g. 95 or 97.5). */
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'guaranteedUptimePercent must be a number' })
  @Min(0)
  @Max(100)
  guaranteedUptimePercent!: number;

  @IsEnum(UptimeBasis, {
    message: `basis must be one of ${Object.values(UptimeBasis).join(', ')}`,
  })
  basis!: UptimeBasis;

  /** Hours from a breakdown report to an engineer on site. */
  @IsInt() @Min(1) @Max(8760) responseHours!: number;

  /** Calendar days from a breakdown report to the device working again. */
  @IsInt() @Min(1) @Max(365) repairDays!: number;

  /** Roubles for each day of breach. */
  @Matches(MONEY_PATTERN, {
    message: 'penaltyPerDay must be an amount in roubles with at most two decimals',
  })
  penaltyPerDay!: string;

  /** The period breaches and penalties are computed over; default QUARTER. */
  @IsOptional()
  @IsEnum(SlaMeasurementPeriod, {
    message: `measurementPeriod must be one of ${Object.values(SlaMeasurementPeriod).join(', ')}`,
  })
  measurementPeriod?: SlaMeasurementPeriod;

  /** Whether the uptime is judged per device or over the contract; default PER_DEVICE. */
  @IsOptional()
  @IsEnum(SlaVerdictScope, {
    message: `verdictScope must be one of ${Object.values(SlaVerdictScope).join(', ')}`,
  })
  verdictScope?: SlaVerdictScope;
}

export class CoveredDeviceDto {
  @IsUUID('all', { message: 'deviceId must be a device id' }) deviceId!: string;
  /** Default: the contract's start date. */
  @IsOptional()
  @IsSaneDate()
  @IsDateString(DATE, { message: 'serviceFrom must be a date (YYYY-MM-DD)' })
  serviceFrom?: string;
  /** Default: the contract's end date. */
  @IsOptional()
  @IsSaneDate()
  @IsDateString(DATE, { message: 'serviceTo must be a date (YYYY-MM-DD)' })
  serviceTo?: string;
  /**
   * The contract's yearly fee for this device, in roubles, where the contract names one: its
   * payments are then allocated to the devices in proportion to these fees (else to purchase prices).
   */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(MONEY_PATTERN, {
    message: 'serviceFee must be an amount in roubles with at most two decimals',
  })
  serviceFee?: string | null;
}

export class PaymentMilestoneDto {
  @IsOptional() @Transform(nullIfEmpty) @IsString() @MaxLength(500) description?: string | null;
  @IsSaneDate()
  @IsDateString(DATE, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  dueDate!: string;
  @Matches(MONEY_PATTERN, {
    message: 'amount must be an amount in roubles with at most two decimals',
  })
  amount!: string;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsDateString(DATE, { message: 'paidOn must be a date (YYYY-MM-DD)' })
  paidOn?: string | null;
}

export class CreateContractDto {
  @Transform(trim)
  @IsString()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./_№#-]{0,63}$/u, {
    message: 'number must be 1-64 letters, digits, spaces and . / _ № # -',
  })
  number!: string;

  @IsEnum(ContractType, {
    message: `type must be one of ${Object.values(ContractType).join(', ')}`,
  })
  type!: ContractType;

  @IsUUID('all', { message: 'supplierId must be a supplier id' }) supplierId!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'subject must not be empty' })
  @MaxLength(2000)
  subject!: string;

  /** Absent while the contract is a draft. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsDateString(DATE, { message: 'signedOn must be a date (YYYY-MM-DD)' })
  signedOn?: string | null;

  @IsSaneDate()
  @IsDateString(DATE, { message: 'startDate must be a date (YYYY-MM-DD)' })
  startDate!: string;
  @IsSaneDate()
  @IsDateString(DATE, { message: 'endDate must be a date (YYYY-MM-DD)' })
  endDate!: string;

  /** Total value in roubles, exact. */
  @Matches(MONEY_PATTERN, {
    message: 'value must be an amount in roubles with at most two decimals',
  })
  value!: string;

  /** SLA terms; none for a SUPPLY contract. */
  @IsOptional()
  @Transform(nested(SlaTermsDto))
  @ValidateIf((_, v) => v !== null)
  @IsObject({ message: 'sla must be an object' })
  @ValidateNested()
  sla?: SlaTermsDto | null;

  @IsOptional()
  @Transform(nested(CoveredDeviceDto))
  @IsArray()
  @IsObject({ each: true, message: 'each of devices must be an object' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  devices?: CoveredDeviceDto[];

  @IsOptional()
  @Transform(nested(PaymentMilestoneDto))
  @IsArray()
  @IsObject({ each: true, message: 'each of milestones must be an object' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  milestones?: PaymentMilestoneDto[];
}

/**
 * Every field of `CreateContractDto` optional (null only where creating allows it), plus the version
 * that was read; `devices` and `milestones`, when sent, replace the lists.
 */
export class UpdateContractDto extends PartialDto(CreateContractDto) {
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export class TerminateContractDto {
  /** The first day the contract is no longer in force. */
  @IsSaneDate()
  @IsDateString(DATE, { message: 'terminatedOn must be a date (YYYY-MM-DD)' })
  terminatedOn!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(2000)
  reason!: string;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export const CONTRACT_SORT_FIELDS = [
  'number',
  'type',
  'supplier',
  'signedOn',
  'startDate',
  'endDate',
  'value',
  'status',
] as const;

export class ContractListQuery extends PageQuery {
  @IsOptional()
  @Transform(toArray)
  @IsEnum(ContractStatus, { each: true })
  status?: ContractStatus[];
  @IsOptional() @Transform(toArray) @IsEnum(ContractType, { each: true }) type?: ContractType[];
  @IsOptional() @IsUUID() supplierId?: string;
  /** Contracts covering this device. */
  @IsOptional() @IsUUID() deviceId?: string;
  /** In force and ending (end or termination) within this many days from today. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(3650) expiringWithinDays?: number;
  /** Text over number, subject and supplier name. */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional()
  @IsIn([...CONTRACT_SORT_FIELDS, ...CONTRACT_SORT_FIELDS.map((f) => `-${f}`)], {
    message: `sort must be one of ${CONTRACT_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
  })
  declare sort?: string;
}

/** A period of whole days, `from` to `to` inclusive (city time). Default: the last 365 days. */
export class PeriodQuery {
  @IsOptional()
  @IsSaneDate()
  @IsDateString(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;
  @IsOptional()
  @IsSaneDate()
  @IsDateString(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class ContractExportQuery extends ContractListQuery {
  /** SLA compliance is measured over this period; default the last 365 days. */
  @IsOptional()
  @IsSaneDate()
  @IsDateString(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;
  @IsOptional()
  @IsSaneDate()
  @IsDateString(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
  @IsOptional() @IsIn([...LANGS]) lang?: Lang;
}

export interface SlaTerms {
  guaranteedUptimePercent: number;
  basis: UptimeBasis;
  responseHours: number;
  repairDays: number;
  penaltyPerDay: string;
  measurementPeriod: SlaMeasurementPeriod;
  verdictScope: SlaVerdictScope;
}

export interface ContractResponse {
  id: string;
  number: string;
  type: ContractType;
  supplierId: string;
  supplierName: string;
  subject: string;
  signedOn: string | null;
  startDate: string;
  endDate: string;
  terminatedOn: string | null;
  terminationReason: string | null;
  /** Derived from the dates and today. */
  status: ContractStatus;
  value: string;
  /** Sum of the paid milestones. */
  paid: string;
  /** Value minus paid. */
  remaining: string;
  sla: SlaTerms | null;
  deviceCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CoveredDeviceResponse {
  deviceId: string;
  inventoryNumber: string;
  modality: string;
  manufacturer: string;
  model: string;
  facilityId: string;
  facilityName: string;
  serviceFrom: string;
  serviceTo: string;
  /** The contract's fee for this device, when it names one. */
  serviceFee: string | null;
  /** Purchase price of the device (the allocation weight when no device has a fee). */
  purchasePrice: string | null;
  /** This device's share of the contract's payments, 0–1 (see `allocationShares`). */
  paymentShare: number;
}

export interface PaymentMilestoneResponse {
  sequence: number;
  description: string | null;
  dueDate: string;
  amount: string;
  paidOn: string | null;
}

export interface ContractDetailResponse extends ContractResponse {
  devices: CoveredDeviceResponse[];
  milestones: PaymentMilestoneResponse[];
}

/** One breakdown measured against the terms. */
export interface SlaBreakdownResponse {
  eventId: string;
  deviceId: string;
  reportedAt: string;
  startedAt: string | null;
  resolvedAt: string | null;
  /** Report to engineer on site (so far, while waiting). */
  responseHours: number;
  /** Report to working again (so far, while open). */
  repairHours: number;
  responseMet: boolean;
  repairMet: boolean;
  /** Started days over the repair term. */
  overrunDays: number;
}

export interface SlaDeviceResponse {
  deviceId: string;
  inventoryNumber: string;
  /**
   * Hours the device was covered on the contract's basis: from the later of its service start and
   * its commissioning to the earlier of its service end and its decommissioning, within the period.
   */
  coveredHours: number;
  /** Unplanned downtime: the union of breakdowns, on the contract's basis. */
  downtimeHours: number;
  uptimePercent: number | null;
  breakdowns: number;
  responseBreaches: number;
  repairBreaches: number;
  penaltyDays: number;
  met: boolean;
}

/** One whole measurement period of a contract's SLA, judged on its own. */
export interface SlaPeriodResponse {
  /** First and last day of the period (a calendar month or quarter). */
  from: string;
  to: string;
  /** The period has not ended yet: measured up to now. */
  inProgress: boolean;
  coveredHours: number;
  downtimeHours: number;
  uptimePercent: number | null;
  met: boolean;
  penaltyDays: number;
  penaltyAmount: string;
  devices: SlaDeviceResponse[];
}

/**
 * A contract's SLA over the whole measurement periods a range spans (`from`/`to` are widened to
 * them: a range never recomputes the SLA over arbitrary days). Downtime is unplanned downtime, the
 * union of breakdowns (planned work excluded), clipped to each device's coverage; overlapping
 * events count once. A day of breach is a started day of downtime over what the terms allow: per
 * breakdown over its repair term and over the guaranteed uptime of the period, the larger of the
 * two, per device (or over the contract, by the verdict scope). Totals add the periods up.
 */
export interface ContractSlaResponse {
  contractId: string;
  /** The range asked for. */
  requestedFrom: string;
  requestedTo: string;
  /** First day of the first period and last day of the last period the range spans. */
  from: string;
  to: string;
  sla: SlaTerms | null;
  coveredHours: number;
  downtimeHours: number;
  uptimePercent: number | null;
  /** Met in every period. */
  met: boolean;
  penaltyDays: number;
  penaltyAmount: string;
  periods: SlaPeriodResponse[];
  /** Per device over all the periods (penalty days summed per period). */
  devices: SlaDeviceResponse[];
  breakdowns: SlaBreakdownResponse[];
}
