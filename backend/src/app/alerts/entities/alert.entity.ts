import { AlertSeverity, AlertType } from '@radfleet/shared';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One alert. `key` names the condition (e.g. `SILENT_DEVICE:<deviceId>`); at most one alert per key
 * is open, and a check that no longer finds the condition resolves it.
 */
@Entity({ name: 'alerts' })
@Check('CHK_alerts_type', `"type" IN (${list(Object.values(AlertType))})`)
@Check('CHK_alerts_severity', `"severity" IN (${list(Object.values(AlertSeverity))})`)
@Index('IDX_alerts_open', ['type', 'resolvedAt'])
@Index('IDX_alerts_device', ['deviceId'])
@Index('IDX_alerts_contract', ['contractId'])
@Index('IDX_alerts_assignee', ['assigneeId'])
// A GIN index over facility_ids (the facility manager's scope), created by the migration.
@Index('IDX_alerts_facility_ids', { synchronize: false })
// One open alert per key: a partial unique index the migration creates.
@Index('UQ_alerts_open_key', { synchronize: false })
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: AlertType;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'varchar', length: 16 })
  severity!: AlertSeverity;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, string | number | null>;

  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId!: string | null;

  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId!: string | null;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId!: string | null;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Every facility the alert concerns (a contract alert: its covered devices' facilities). */
  @Column({ name: 'facility_ids', type: 'uuid', array: true, default: () => "'{}'" })
  facilityIds!: string[];

  /** Every device the alert concerns (a grouped alert names several). */
  @Column({ name: 'device_ids', type: 'uuid', array: true, default: () => "'{}'" })
  deviceIds!: string[];

  /** The check's fingerprint of the condition: when it (or the severity) changes, an acknowledgement lapses. */
  @Column({ type: 'text', default: '' })
  state!: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by_id', type: 'uuid', nullable: true })
  acknowledgedById!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}
