import { Modality } from '@radfleet/shared';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** Reference data: one row per modality, seeded by the migration with DOMAIN.md's defaults. */
@Entity({ name: 'modalities' })
export class ModalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: Modality;

  @Column({ name: 'name_ru', type: 'varchar', length: 100 })
  nameRu!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn!: string;

  @Column({ name: 'service_life_years', type: 'integer' })
  serviceLifeYears!: number;

  @Column({ name: 'nominal_studies_per_hour', type: 'numeric', precision: 6, scale: 2 })
  nominalStudiesPerHour!: string;

  @Column({ name: 'scheduled_hours_per_week', type: 'numeric', precision: 4, scale: 1 })
  scheduledHoursPerWeek!: string;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
