import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FacilityEntity } from '../../facilities/entities/facility.entity.js';

/**
 * Per calendar month, facility and modality, the sums of `monthly_utilisation` over the devices
 * there (by their current facility and modality): what the city rollups read. Refreshed in the
 * same transaction as the daily rows by `refresh_utilisation_rollup` (UtilisationService), and by
 * a trigger on `devices` when a device moves to another facility or modality or is deleted.
 * Sums only: utilisation % is computed from them by the one definition, never stored.
 */
@Entity({ name: 'utilisation_rollup' })
export class UtilisationRollupEntity {
  /** The month's first day. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_utilisation_rollup' })
  month!: string;

  @PrimaryColumn({
    name: 'facility_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_utilisation_rollup',
  })
  facilityId!: string;

  @ManyToOne(() => FacilityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_utilisation_rollup_facility' })
  facility!: FacilityEntity;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_utilisation_rollup' })
  modality!: string;

  /** Devices with counts in the month. */
  @Column({ type: 'integer' })
  devices!: number;

  @Column({ type: 'bigint' })
  studies!: string;

  @Column({ type: 'bigint' })
  images!: string;

  /** Sum over the devices of their days with at least one study (daily rows only). */
  @Column({ name: 'active_days', type: 'integer' })
  activeDays!: number;
}
