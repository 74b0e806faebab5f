import { Transform } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { toNumber, trim } from '../common/transforms.js';
import type { Modality } from './device.enums.js';

export interface ModalityResponse {
  code: Modality;
  nameRu: string;
  nameEn: string;
  /** Default service life in years, used when a device has no override. */
  serviceLifeYears: number;
  /** Nominal throughput: studies per scanner-hour (CT about 2.3, MRI about 1.8). */
  nominalStudiesPerHour: number;
  /** Scheduled hours a week counted as 100 % use (50 in one US standard). */
  scheduledHoursPerWeek: number;
  version: number;
}

export class UpdateModalityDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameRu?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameEn?: string;

  @IsOptional()
  @IsInt({ message: 'serviceLifeYears must be a whole number of years' })
  @Min(1)
  @Max(50)
  serviceLifeYears?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1000)
  nominalStudiesPerHour?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(168)
  scheduledHoursPerWeek?: number;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}
