import { SyncRunStatus, SyncTrigger, type SyncDayError } from '@radfleet/shared';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ArchiveConnectionEntity } from './archive-connection.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** One sync run of one archive: when, how many days, series, studies and images, and what failed. */
@Entity({ name: 'archive_sync_runs' })
@Check('CHK_archive_sync_runs_status', `"status" IN (${list(Object.values(SyncRunStatus))})`)
@Check('CHK_archive_sync_runs_trigger', `"trigger" IN (${list(Object.values(SyncTrigger))})`)
@Index('IDX_archive_sync_runs_archive', ['archiveId', 'startedAt'])
export class ArchiveSyncRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'archive_id', type: 'uuid' })
  archiveId!: string;

  @ManyToOne(() => ArchiveConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'archive_id', foreignKeyConstraintName: 'FK_archive_sync_runs_archive' })
  archive!: ArchiveConnectionEntity;

  @Column({ type: 'varchar', length: 16 })
  trigger!: SyncTrigger;

  @Column({ type: 'varchar', length: 16 })
  status!: SyncRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  days!: number;

  @Column({ name: 'days_done', type: 'integer', default: 0 })
  daysDone!: number;

  @Column({ name: 'days_failed', type: 'integer', default: 0 })
  daysFailed!: number;

  @Column({ name: 'series_read', type: 'integer', default: 0 })
  seriesRead!: number;

  @Column({ type: 'integer', default: 0 })
  studies!: number;

  @Column({ type: 'bigint', default: 0 })
  images!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors!: SyncDayError[];
}
