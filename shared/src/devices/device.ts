import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
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
} from 'class-validator';
import { LANGS, type Lang } from '../common/lang.js';
import { PageQuery } from '../common/paging.js';
import { PartialDto } from '../common/partial-dto.js';
import { toArray, toBoolean, toNumber, trim } from '../common/transforms.js';
import { District } from '../facilities/district.js';
import { DeviceStatus, FundingSource, Modality, Technology } from './device.enums.js';
import { IsSaneDate } from '../common/dates.js';

/** Money in roubles as an exact decimal string with at most two decimals, e.g. `"45000000.00"`. */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
/** DICOM AE titles: up to 16 characters, no backslash or control characters. */
const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;
const CURRENT_YEAR_LIMIT = 2100;

const nullIfEmpty = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? null : t;
};

/** The fields a device is created with; `UpdateDeviceDto` makes each optional and adds `version`. */
export class CreateDeviceDto {
  @Transform(trim)
  @IsString()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./_-]{0,63}$/u, {
    message:
      'inventoryNumber must be 1-64 letters, digits, spaces, dots, slashes, dashes or underscores',
  })
  inventoryNumber!: string;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(100)
  serialNumber?: string | null;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'manufacturer must not be empty' })
  @MaxLength(200)
  manufacturer!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'model must not be empty' })
  @MaxLength(200)
  model!: string;

  @IsEnum(Modality, { message: `modality must be one of ${Object.values(Modality).join(', ')}` })
  modality!: Modality;

  @IsEnum(Technology, {
    message: `technology must be one of ${Object.values(Technology).join(', ')}`,
  })
  technology!: Technology;

  @IsOptional()
  @IsBoolean()
  archiveConnected?: boolean;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(16, { message: 'dicomStationName must be at most 16 characters (DICOM SH)' })
  dicomStationName?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @Matches(AE_TITLE, {
    message: 'dicomAeTitle must be 1-16 printable characters without a backslash',
  })
  dicomAeTitle?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(64, { message: 'dicomSerialNumber must be at most 64 characters (DICOM LO)' })
  dicomSerialNumber?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(64, { message: 'dicomInstitutionName must be at most 64 characters (DICOM LO)' })
  dicomInstitutionName?: string | null;

  @IsUUID('all', { message: 'facilityId must be a facility id' })
  facilityId!: string;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(50)
  room?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'yearOfManufacture must be a year' })
  @Min(1950)
  @Max(CURRENT_YEAR_LIMIT)
  yearOfManufacture?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'commissioningDate must be a date (YYYY-MM-DD)' })
  commissioningDate?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @Matches(MONEY_PATTERN, {
    message:
      'purchasePrice must be an amount in roubles with at most two decimals, e.g. 45000000.00',
  })
  purchasePrice?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEnum(FundingSource, {
    message: `fundingSource must be one of ${Object.values(FundingSource).join(', ')}`,
  })
  fundingSource?: FundingSource | null;

  /** Overrides the modality's default service life. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'serviceLifeYears must be a whole number of years' })
  @Min(1)
  @Max(50)
  serviceLifeYears?: number | null;

  /** Overrides the modality's scheduled hours a week. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(168)
  scheduledHoursPerWeek?: number | null;

  @IsOptional()
  @IsEnum(DeviceStatus, {
    message: `status must be one of ${Object.values(DeviceStatus).join(', ')}`,
  })
  status?: DeviceStatus;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'decommissionedOn must be a date (YYYY-MM-DD)' })
  decommissionedOn?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(1000)
  decommissionReason?: string | null;

  @IsOptional()
  @Transform(nullIfEmpty)
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  /** The day the vendor stops supporting the model (parts, software), when known. */
  @IsOptional()
  @Transform(nullIfEmpty)
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true }, { message: 'vendorSupportEndsOn must be a date (YYYY-MM-DD)' })
  vendorSupportEndsOn?: string | null;
}

/** Every field optional (null only where creating allows it), plus the version that was read. */
export class UpdateDeviceDto extends PartialDto(CreateDeviceDto) {
  /** Why the status changes (recorded in the device's history, not a field of the device). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  statusReason?: string;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export const DEVICE_SORT_FIELDS = [
  'inventoryNumber',
  'serialNumber',
  'manufacturer',
  'model',
  'modality',
  'technology',
  'facility',
  'district',
  'status',
  'commissioningDate',
  'yearOfManufacture',
  'age',
  'endOfLifeDate',
  'remainingLifeMonths',
  'purchasePrice',
  'updatedAt',
] as const;

export class DeviceListQuery extends PageQuery {
  @IsOptional() @Transform(toArray) @IsEnum(Modality, { each: true }) modality?: Modality[];
  @IsOptional() @Transform(toArray) @IsUUID('all', { each: true }) facilityId?: string[];
  @IsOptional() @Transform(toArray) @IsEnum(District, { each: true }) district?: District[];
  @IsOptional() @IsEnum(Technology) technology?: Technology;
  @IsOptional() @Transform(toArray) @IsEnum(DeviceStatus, { each: true }) status?: DeviceStatus[];
  /** Age in whole years since commissioning (or manufacture when not commissioned), from… */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(100) ageMin?: number;
  /** …to, inclusive. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(100) ageMax?: number;
  /**
   * true: only installed devices past their service life (decommissioned ones never are overdue);
   * false: every other device.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean() overdue?: boolean;
  /** true: only the installed base today (the dashboard's device counts); false: every other device. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() installed?: boolean;
  @IsOptional() @Transform(toBoolean) @IsBoolean() archiveConnected?: boolean;
  /** Text over inventory number, serial, manufacturer, model and facility name. */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional()
  @IsIn([...DEVICE_SORT_FIELDS, ...DEVICE_SORT_FIELDS.map((f) => `-${f}`)], {
    message: `sort must be one of ${DEVICE_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
  })
  declare sort?: string;
}

export interface DeviceResponse {
  id: string;
  inventoryNumber: string;
  serialNumber: string | null;
  manufacturer: string;
  model: string;
  modality: Modality;
  technology: Technology;
  archiveConnected: boolean;
  dicomStationName: string | null;
  dicomAeTitle: string | null;
  dicomSerialNumber: string | null;
  dicomInstitutionName: string | null;
  facilityId: string;
  facilityCode: string;
  facilityName: string;
  district: District;
  department: string | null;
  room: string | null;
  yearOfManufacture: number | null;
  commissioningDate: string | null;
  purchasePrice: string | null;
  fundingSource: FundingSource | null;
  serviceLifeYears: number | null;
  scheduledHoursPerWeek: number | null;
  status: DeviceStatus;
  decommissionedOn: string | null;
  decommissionReason: string | null;
  notes: string | null;
  vendorSupportEndsOn: string | null;
  /**
   * Computed when read (README "Glossary", Age): whole years from service start (commissioning,
   * else 1 July of the year of manufacture) to today, or to the decommissioning date; null when
   * neither date is known.
   */
  age: number | null;
  /** The service life in force: the device's override, else the modality's default. */
  effectiveServiceLifeYears: number;
  /** End of life: service start plus the service life in force; null when the start is unknown. */
  endOfLifeDate: string | null;
  /** Whole months from today to the end of life; negative once past it; null when unknown. */
  remainingLifeMonths: number | null;
  /** Past life: today is after the end-of-life date. */
  pastServiceLife: boolean;
  /** In the installed base today: not PLANNED, in service since, not decommissioned. */
  installed: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One change in a device's history, in readable form. */
export interface DeviceHistoryEntry {
  at: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  actorEmail: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
  requestId: string | null;
}

export class DeviceExportQuery extends DeviceListQuery {
  /** Language of the headers and labels; defaults to Russian. */
  @IsOptional() @IsIn([...LANGS]) lang?: Lang;
}

export class DeviceImportQuery {
  /** true: check and preview only, change nothing. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() dryRun?: boolean;
}
