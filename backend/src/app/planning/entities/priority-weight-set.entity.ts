import type { PriorityWeights } from '@radfleet/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A named set of the eight factor weights. One is the default (`is_default`); scenarios may name
 * another. Weights are whole points, stored as `{ "AGE": 20, ... }`.
 */
@Entity({ name: 'priority_weight_sets' })
export class PriorityWeightSetEntity {
  @PrimaryColumn({
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'PK_priority_weight_sets',
  })
  name!: string;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ type: 'jsonb' })
  weights!: PriorityWeights;

  @Column({ type: 'text' })
  source!: string;
}
