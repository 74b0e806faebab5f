import type { Modality } from '@radfleet/shared';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ModalityEntity } from '../../modalities/entities/modality.entity.js';

/** A catalogue price of a new device of a modality (optionally of a class within it), from a date. */
@Entity({ name: 'replacement_prices' })
@Check('CHK_replacement_prices_price', `"price" > 0`)
@Index('IDX_replacement_prices_modality', ['modality', 'effectiveFrom'])
export class ReplacementPriceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_replacement_prices' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  modality!: Modality;

  @ManyToOne(() => ModalityEntity)
  @JoinColumn({ name: 'modality', foreignKeyConstraintName: 'FK_replacement_prices_modality' })
  modalityRef!: ModalityEntity;

  @Column({ name: 'price_class', type: 'varchar', length: 64, nullable: true })
  priceClass!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  price!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'text' })
  source!: string;
}
