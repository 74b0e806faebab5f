import { Transform } from 'class-transformer';
import { toNumber, trim } from '../common/transforms.js';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { District } from './district.js';

export enum FacilityType {
  HOSPITAL = 'HOSPITAL',
  OUTPATIENT_CLINIC = 'OUTPATIENT_CLINIC',
  DIAGNOSTIC_CENTRE = 'DIAGNOSTIC_CENTRE',
  OTHER = 'OTHER',
}

export class CreateFacilityDto {
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1-32 letters, digits, dots, dashes or underscores',
  })
  code!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(300)
  name!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'shortName must not be empty' })
  @MaxLength(100)
  shortName!: string;

  @IsEnum(FacilityType, {
    message: `type must be one of ${Object.values(FacilityType).join(', ')}`,
  })
  type!: FacilityType;

  @IsEnum(District, { message: `district must be one of ${Object.values(District).join(', ')}` })
  district!: District;

  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address!: string;
}

export class UpdateFacilityDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(300)
  name?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'shortName must not be empty' })
  @MaxLength(100)
  shortName?: string;

  @IsOptional()
  @IsEnum(FacilityType, {
    message: `type must be one of ${Object.values(FacilityType).join(', ')}`,
  })
  type?: FacilityType;

  @IsOptional()
  @IsEnum(District, { message: `district must be one of ${Object.values(District).join(', ')}` })
  district?: District;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export class FacilityListQuery extends PageQuery {
  @IsOptional()
  @IsEnum(District)
  district?: District;

  @IsOptional()
  @IsEnum(FacilityType)
  type?: FacilityType;

  /** Text search over code, name, short name and address. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export interface FacilityResponse {
  id: string;
  /** Installed base today (README "Glossary"): devices in service at the facility. */
  deviceCount: number;
  /** Digital share: digital devices among the installed base today, 0..1; null when there are none. */
  digitalShare: number | null;
  code: string;
  name: string;
  shortName: string;
  type: FacilityType;
  district: District;
  address: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The installed base today of one modality in a facility, by technology. */
export interface ModalityTechnologyCount {
  modality: string;
  digital: number;
  analogue: number;
}

export interface FacilityDetailResponse extends FacilityResponse {
  modalityBreakdown: ModalityTechnologyCount[];
}

/** The city's installed base on a day (README "Glossary"), over every facility. */
export interface FleetTotals {
  /** The city's date the figures are for, `YYYY-MM-DD` (today). */
  on: string;
  /** Installed base: devices commissioned by that day and not decommissioned by it; never PLANNED. */
  deviceCount: number;
  /** Digital devices among them. */
  digitalCount: number;
  /** Digital share: digitalCount ÷ deviceCount, 0..1; null when the installed base is empty. */
  digitalShare: number | null;
}
