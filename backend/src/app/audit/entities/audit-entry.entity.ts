import type { AuditAction, FieldChange } from '@radfleet/shared';
import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE on this table (see the migration). */
@Entity({ name: 'audit_log' })
@Index('IDX_audit_log_entity', ['entityType', 'entityId', 'seq'])
@Index('IDX_audit_log_actor', ['actorId', 'at'])
@Index('IDX_audit_log_at', ['at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order, for stable paging. */
  @Index('UQ_audit_log_seq', { unique: true })
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 16 })
  action!: AuditAction;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  /** The entity's key: a UUID, or a code for reference data such as modalities. */
  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId!: string;

  @Column({ type: 'jsonb' })
  changes!: FieldChange[];

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;
}
