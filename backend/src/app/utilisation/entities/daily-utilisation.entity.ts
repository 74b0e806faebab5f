import { UtilisationSource } from '@radfleet/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceEntity } from '../../devices/entities/device.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Studies and images of one device on one day from one source. New counts for the same device, day
 * and source replace the old ones, so re-running a sync or an import never double counts. A monthly
 * hand count is stored on the month's first day with `monthly = true`.
 *
 * Partitioned by month (`PARTITION BY RANGE (day)`, one partition `daily_utilisation_YYYY_MM` a
 * month, created by `ensure_daily_utilisation_partitions`; see migration UtilisationScale).
 */
@Entity({ name: 'daily_utilisation' })
@Check('CHK_daily_utilisation_source', `"source" IN (${list(Object.values(UtilisationSource))})`)
@Check('CHK_daily_utilisation_counts', `"studies" >= 0 AND "images" >= 0`)
@Index('IDX_daily_utilisation_day', ['day'])
/** One device's series: (device_id, day) INCLUDE (studies, images, monthly), made by the migration. */
@Index('IDX_daily_utilisation_device_series', { synchronize: false })
export class DailyUtilisationEntity {
  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_daily_utilisation_device' })
  device!: DeviceEntity;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  source!: UtilisationSource;

  @Column({ type: 'integer' })
  studies!: number;

  @Column({ type: 'integer' })
  images!: number;

  @Column({ type: 'boolean', default: false })
  monthly!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
