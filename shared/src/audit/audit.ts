import { Transform } from 'class-transformer';
import { toDate } from '../common/transforms.js';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { IsSaneDate } from '../common/dates.js';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}

export class AuditQuery extends PageQuery {
  /** Entity type, e.g. `device`, `facility`, `user`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  /** The entity's id (a UUID, or a code for reference data). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'entityId must be an id or a code' })
  entityId?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsEnum(AuditAction)
  action?: AuditAction;

  /** From this instant (ISO 8601), inclusive. */
  @IsOptional()
  @Transform(toDate)
  @IsSaneDate()
  @IsDate({ message: 'from must be an ISO 8601 date or time' })
  from?: Date;

  /** Up to this instant (ISO 8601), exclusive. */
  @IsOptional()
  @Transform(toDate)
  @IsSaneDate()
  @IsDate({ message: 'to must be an ISO 8601 date or time' })
  to?: Date;
}

/** One field's value before and after a change. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntryResponse {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** The changed fields only; on CREATE every field's `before` is null. */
  changes: FieldChange[];
  requestId: string | null;
}
