import type { Modality } from '@radfleet/shared';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ModalityEntity } from '../../modalities/entities/modality.entity.js';

/**
 * A life band: devices of the modality with at least `min_studies_per_year` studies a year (and
 * fewer than the next band's minimum) have a service life of `life_years`. Every modality has a
 * band from 0.
 */
@Entity({ name: 'life_bands' })
@Check('CHK_life_bands_values', `"min_studies_per_year" >= 0 AND "life_years" BETWEEN 1 AND 50`)
export class LifeBandEntity {
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_life_bands' })
  modality!: Modality;

  @ManyToOne(() => ModalityEntity)
  @JoinColumn({ name: 'modality', foreignKeyConstraintName: 'FK_life_bands_modality' })
  modalityRef!: ModalityEntity;

  @PrimaryColumn({
    name: 'min_studies_per_year',
    type: 'integer',
    primaryKeyConstraintName: 'PK_life_bands',
  })
  minStudiesPerYear!: number;

  @Column({ name: 'life_years', type: 'integer' })
  lifeYears!: number;

  @Column({ type: 'text' })
  source!: string;
}
