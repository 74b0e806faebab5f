import { ArchiveAuthType } from '@radfleet/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A DICOMweb archive the sync reads. `secret` (basic password or bearer token) is stored as given:
 * the app has no key management service. It is never returned by the API, never audited in clear
 * and never logged; restrict access to the database accordingly.
 */
@Entity({ name: 'archive_connections' })
@Check('CHK_archive_connections_auth', `"auth_type" IN (${list(Object.values(ArchiveAuthType))})`)
@Index('UQ_archive_connections_name', ['name'], { unique: true })
export class ArchiveConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'base_url', type: 'varchar', length: 2000 })
  baseUrl!: string;

  @Column({ name: 'auth_type', type: 'varchar', length: 8, default: ArchiveAuthType.NONE })
  authType!: ArchiveAuthType;

  @Column({ type: 'varchar', length: 200, nullable: true })
  username!: string | null;

  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'sync_interval_minutes', type: 'integer', default: 60 })
  syncIntervalMinutes!: number;

  @Column({ name: 'look_back_days', type: 'integer', default: 3 })
  lookBackDays!: number;

  @Column({ name: 'sync_from', type: 'date', nullable: true })
  syncFrom!: string | null;

  /** Every day up to this one is synced. */
  @Column({ type: 'date', nullable: true })
  watermark!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
