import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The three reference sets of planning that are edited as a whole, each with its own version. */
export enum PlanningReferenceKind {
  LIFE_BANDS = 'LIFE_BANDS',
  PRICES = 'PRICES',
  WEIGHTS = 'WEIGHTS',
}

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One row per reference set (life bands, replacement prices with the escalation %, weights): the
 * version a PUT must carry (a stale one answers 409) and when it last changed. `escalation_pct`
 * is used on the PRICES row only.
 */
@Entity({ name: 'planning_reference' })
@Check('CHK_planning_reference_kind', `"kind" IN (${list(Object.values(PlanningReferenceKind))})`)
export class PlanningReferenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_planning_reference' })
  kind!: PlanningReferenceKind;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'escalation_pct', type: 'numeric', precision: 5, scale: 2, nullable: true })
  escalationPct!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
