import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { toBoolean, toNumber, trim } from '../common/transforms.js';
import type { Modality } from '../devices/device.enums.js';
import { IsSaneDate } from '../common/dates.js';

export enum ArchiveAuthType {
  NONE = 'NONE',
  BASIC = 'BASIC',
  BEARER = 'BEARER',
}

export enum SyncTrigger {
  MANUAL = 'MANUAL',
  SCHEDULED = 'SCHEDULED',
}

export enum SyncRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  /** Some days failed (they stay pending and are retried next run), or the run was cut short. */
  FAILED = 'FAILED',
}

export enum DiscoveredStatus {
  /** Counts kept in the inbox, waiting for a person. */
  NEW = 'NEW',
  /** Linked to a device (its counts moved there; later ones go there directly). */
  LINKED = 'LINKED',
}

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/**
 * An archive connection. `password`/`token` are write-only: stored, never returned or logged.
 * BASIC needs `username` and `password`; BEARER needs `token`.
 */
export class CreateArchiveDto {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  /** DICOMweb root, e.g. `https://pacs.example.org/dicom-web`. */
  @Transform(trim)
  @IsUrl(URL_OPTIONS, { message: 'baseUrl must be an http(s) URL' })
  @MaxLength(2000)
  baseUrl!: string;

  @IsOptional()
  @IsEnum(ArchiveAuthType, { message: 'authType must be one of NONE, BASIC, BEARER' })
  authType?: ArchiveAuthType;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  username?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  password?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  token?: string | null;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** Minutes between scheduled syncs (5 min to 7 days). Default 60. */
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10_080)
  syncIntervalMinutes?: number;

  /** Days before the watermark that every run reads again (late arrivals). Default 3. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  lookBackDays?: number;

  /** First day to read when nothing has been synced yet. Default: today minus lookBackDays. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'syncFrom must be a date (YYYY-MM-DD)' })
  syncFrom?: string | null;
}

export class UpdateArchiveDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;
  @IsOptional()
  @Transform(trim)
  @IsUrl(URL_OPTIONS, { message: 'baseUrl must be an http(s) URL' })
  @MaxLength(2000)
  baseUrl?: string;
  @IsOptional()
  @IsEnum(ArchiveAuthType, { message: 'authType must be one of NONE, BASIC, BEARER' })
  authType?: ArchiveAuthType;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) username?:
    string | null;
  /** Omit to keep the stored password. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) password?:
    string | null;
  /** Omit to keep the stored token. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(4000) token?:
    string | null;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsInt() @Min(5) @Max(10_080) syncIntervalMinutes?: number;
  @IsOptional() @IsInt() @Min(0) @Max(90) lookBackDays?: number;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsSaneDate()
  @IsDateString({ strict: true }, { message: 'syncFrom must be a date (YYYY-MM-DD)' })
  syncFrom?: string | null;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

export interface ArchiveResponse {
  id: string;
  name: string;
  baseUrl: string;
  authType: ArchiveAuthType;
  /** The basic-auth user name (not a secret); passwords and tokens are never returned. */
  username: string | null;
  /** Whether a password or token is stored. */
  hasSecret: boolean;
  enabled: boolean;
  syncIntervalMinutes: number;
  lookBackDays: number;
  syncFrom: string | null;
  /** Last day up to which every day is synced. */
  watermark: string | null;
  /** Days that failed and wait for the next run. */
  pendingDays: number;
  lastRun: ArchiveSyncRunResponse | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * What a connection test found: the status and timing of the answer and whether it was a DICOMweb
 * (QIDO-RS DICOM JSON) answer. Never any of the remote body, so the test cannot be used to read
 * other services of the network.
 */
export interface ArchiveTestResponse {
  ok: boolean;
  latencyMs: number;
  /** HTTP status of the answer (when there was one). */
  status: number | null;
  /** True when the archive answered the study query with valid DICOM JSON. */
  dicomWeb: boolean;
  /** NETWORK, HTTP, TIMEOUT, INVALID_RESPONSE or AUTH. */
  errorKind: string | null;
  /** What went wrong, in our words (never the remote body). */
  message: string | null;
}

export interface SyncDayError {
  day: string;
  message: string;
}

export interface ArchiveSyncRunResponse {
  id: string;
  archiveId: string;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Days the run set out to read, and how they ended. */
  days: number;
  daysDone: number;
  daysFailed: number;
  seriesRead: number;
  studies: number;
  images: number;
  errors: SyncDayError[];
}

export class DiscoveredListQuery extends PageQuery {
  @IsOptional() @IsEnum(DiscoveredStatus) status?: DiscoveredStatus;
  @IsOptional() @IsUUID() archiveId?: string;
}

/** A DICOM identity the archive reported that matched no device. */
export interface DiscoveredDeviceResponse {
  id: string;
  archiveId: string | null;
  status: DiscoveredStatus;
  deviceId: string | null;
  modality: string | null;
  manufacturer: string | null;
  modelName: string | null;
  institutionName: string | null;
  stationName: string | null;
  deviceSerialNumber: string | null;
  firstDay: string | null;
  lastDay: string | null;
  /** Counts kept in the inbox (0 once linked: they moved to the device). */
  days: number;
  studies: number;
  images: number;
  /** The registry's modality this identity's DICOM modality suggests (CT, MR → MRI, MG → MAMMOGRAPHY …). */
  suggestedModality: Modality | null;
}

export class LinkDiscoveredDto {
  @IsUUID('all', { message: 'deviceId must be a device id' })
  deviceId!: string;
}

export class IdentityMappingDto {
  @IsUUID('all', { message: 'deviceId must be a device id' })
  deviceId!: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64) deviceSerialNumber?:
    string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(16) stationName?:
    string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64) institutionName?:
    string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64) manufacturer?:
    string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64) modelName?:
    string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(16) modality?:
    string | null;
}

export interface IdentityMappingResponse {
  id: string;
  deviceId: string;
  deviceSerialNumber: string | null;
  stationName: string | null;
  institutionName: string | null;
  manufacturer: string | null;
  modelName: string | null;
  modality: string | null;
  createdAt: string;
}

export class SyncNowQuery {
  /** true: wait for the run to finish and answer with it (default); false: start it and answer at once. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() wait?: boolean;
}
