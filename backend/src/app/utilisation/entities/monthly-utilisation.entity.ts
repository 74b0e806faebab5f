import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceEntity } from '../../devices/entities/device.entity.js';

/**
 * Per device and calendar month, the sum over every source of `daily_utilisation`: a rollup that
 * every writer refreshes in the same transaction (`UtilisationService.refreshMonths`), so that
 * city-wide rollups over years read ~60 rows per device instead of ~1,800.
 */
@Entity({ name: 'monthly_utilisation' })
@Index('IDX_monthly_utilisation_month', ['month'])
export class MonthlyUtilisationEntity {
  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_monthly_utilisation_device' })
  device!: DeviceEntity;

  /** The month's first day. */
  @PrimaryColumn({ type: 'date' })
  month!: string;

  @Column({ type: 'integer' })
  studies!: number;

  @Column({ type: 'bigint' })
  images!: string;

  /** Days with at least one study, from daily rows. */
  @Column({ name: 'active_days', type: 'integer' })
  activeDays!: number;
}
