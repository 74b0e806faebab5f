import { PackScope, PackStatus, PackTrigger } from '@radfleet/shared';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../../users/index.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A stored executive report pack: who asked for it (null: the schedule), when, its size and where
 * its file is (`<DATA_DIR>/reports/<id>.xlsx`, written to a temporary name and renamed when
 * complete). A failed build keeps its error; builds are retried once.
 */
@Entity({ name: 'report_packs' })
@Check('CHK_report_packs_status', `"status" IN (${list(Object.values(PackStatus))})`)
@Check('CHK_report_packs_scope', `"scope" IN (${list(Object.values(PackScope))})`)
@Check('CHK_report_packs_trigger', `"trigger" IN (${list(Object.values(PackTrigger))})`)
@Check('CHK_report_packs_progress', '"progress" BETWEEN 0 AND 100')
@Index('IDX_report_packs_created', ['createdAt'])
@Index('IDX_report_packs_requested_by', ['requestedBy'])
export class ReportPackEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `YYYY-MM`. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'varchar', length: 2 })
  lang!: 'ru' | 'en';

  @Column({ type: 'varchar', length: 16 })
  scope!: PackScope;

  /** The facilities of a FACILITIES pack; empty for the city. */
  @Column({ name: 'facility_ids', type: 'uuid', array: true, default: () => "'{}'" })
  facilityIds!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: PackStatus;

  @Column({ type: 'varchar', length: 16 })
  trigger!: PackTrigger;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_report_packs_requested_by' })
  requester?: UserEntity | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
