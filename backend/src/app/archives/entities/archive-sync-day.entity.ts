import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ArchiveConnectionEntity } from './archive-connection.entity.js';

export type SyncDayStatus = 'PENDING' | 'DONE' | 'FAILED';

/**
 * Per archive and study day, whether its counts are in: a day's counts are written in one
 * transaction after the day has been paged completely, so a day is DONE or it changed nothing.
 * PENDING and FAILED days are read again by the next run.
 */
@Entity({ name: 'archive_sync_days' })
@Check('CHK_archive_sync_days_status', `"status" IN ('PENDING', 'DONE', 'FAILED')`)
export class ArchiveSyncDayEntity {
  @PrimaryColumn({ name: 'archive_id', type: 'uuid' })
  archiveId!: string;

  @ManyToOne(() => ArchiveConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'archive_id', foreignKeyConstraintName: 'FK_archive_sync_days_archive' })
  archive!: ArchiveConnectionEntity;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: SyncDayStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'synced_at', type: 'timestamptz', nullable: true })
  syncedAt!: Date | null;
}
