import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { toArray, toBoolean } from '../common/transforms.js';

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

export class AlertListQuery extends PageQuery {
  @IsOptional() @Transform(toArray) @IsEnum(AlertType, { each: true }) type?: AlertType[];
  /** true: only open alerts (the default); false: only resolved ones. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() open?: boolean;
  @IsOptional() @IsUUID() deviceId?: string;
  @IsOptional() @IsUUID() facilityId?: string;
  @IsOptional() @IsUUID() contractId?: string;
}

export interface AlertResponse {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  /** English text; `params` lets a UI phrase it in its own language. */
  message: string;
  params: Record<string, string | number | null>;
  deviceId: string | null;
  facilityId: string | null;
  contractId: string | null;
  raisedAt: string;
  /** When the condition last held (refreshed by each check while open). */
  lastSeenAt: string;
  resolvedAt: string | null;
}

export interface AlertCountsResponse {
  open: number;
  byType: Partial<Record<AlertType, number>>;
}
