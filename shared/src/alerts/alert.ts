import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { toArray, toBoolean, toNumber, trim } from '../common/transforms.js';
import { District } from '../facilities/district.js';

export enum AlertType {
  /** A digital, archive-connected, in-service device sent no studies for N working days. */
  SILENT_DEVICE = 'SILENT_DEVICE',
  CONTRACT_ENDING_90 = 'CONTRACT_ENDING_90',
  CONTRACT_ENDING_30 = 'CONTRACT_ENDING_30',
  /** A device's service coverage ends within 90 days. */
  COVERAGE_ENDING = 'COVERAGE_ENDING',
  /** An in-service device covered by no service or lifecycle contract. */
  NO_COVERAGE = 'NO_COVERAGE',
  SLA_BREACH = 'SLA_BREACH',
}

export enum AlertSeverity {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}

/**
 * Where an alert stands in triage. OPEN: its condition holds and nobody has acknowledged it (the
 * badge counts these). ACKNOWLEDGED: someone took note, with a comment; it leaves the open count
 * until its condition changes (its severity, or the check's fingerprint of the condition: the end
 * date of an ending contract, the devices of a grouped alert, the breached devices of an SLA
 * period), which makes it OPEN again. RESOLVED: the check no longer finds the condition.
 */
export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

export class AlertListQuery extends PageQuery {
  /** The kind of alert; several may be given. */
  @IsOptional() @Transform(toArray) @IsEnum(AlertType, { each: true }) type?: AlertType[];
  /** Triage status; several may be given. Without it, `open` decides. */
  @IsOptional() @Transform(toArray) @IsEnum(AlertStatus, { each: true }) status?: AlertStatus[];
  /** Without `status`: true, unresolved alerts (open or acknowledged; the default); false, resolved ones. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() open?: boolean;
  @IsOptional() @IsUUID() deviceId?: string;
  @IsOptional() @IsUUID() facilityId?: string;
  @IsOptional() @IsEnum(District) district?: District;
  @IsOptional() @IsUUID() contractId?: string;
  /** Alerts assigned to this user. */
  @IsOptional() @IsUUID() assigneeId?: string;
}

/**
 * Triage of one alert: acknowledge it (with a comment), take the acknowledgement back, and/or
 * assign it to a user (null: nobody). `version` is the one read; a stale one answers 409.
 */
export class UpdateAlertDto {
  @IsOptional() @Transform(toBoolean) @IsBoolean() acknowledged?: boolean;

  /** Required when acknowledging: what was done or why it can wait. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'comment must not be empty' })
  @MaxLength(1000)
  comment?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'assigneeId must be a user id (UUID) or null' })
  assigneeId?: string | null;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  version!: number;
}

/** A user, as an alert names them. */
export interface AlertUserRef {
  id: string;
  name: string;
}

export interface AlertResponse {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  /** English text; `params` lets a UI phrase it in its own language. */
  message: string;
  params: Record<string, string | number | null>;
  /** The one device of a device alert; null for a contract's or a grouped alert. */
  deviceId: string | null;
  facilityId: string | null;
  contractId: string | null;
  /** Every device the alert is about (a grouped alert names several). */
  deviceIds: string[];
  /** Every facility the alert concerns: a device's, or those of a contract's covered devices. */
  facilityIds: string[];
  status: AlertStatus;
  raisedAt: string;
  /** When the condition last held (refreshed by each check while open). */
  lastSeenAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: AlertUserRef | null;
  /** The comment of the last acknowledgement (kept after the alert opens again). */
  comment: string | null;
  assignee: AlertUserRef | null;
  version: number;
}

/** Open alerts (unresolved and not acknowledged) in the user's scope, for the badge. */
export interface AlertCountsResponse {
  open: number;
  byType: Partial<Record<AlertType, number>>;
  /** Open alerts assigned to the user. */
  assignedToMe: number;
}

/** A user an alert may be assigned to: one who can see it and triage it. */
export interface AlertAssigneeResponse {
  id: string;
  name: string;
  role: string;
}
