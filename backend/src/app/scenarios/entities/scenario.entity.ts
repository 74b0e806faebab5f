import {
  ScenarioState,
  type PriorityWeights,
  type ScenarioPin,
  type ScenarioTarget,
} from '@radfleet/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A replacement scenario: its inputs (caps in roubles as exact decimal strings, targets, pins,
 * exclusions and removals as JSON), DRAFT until approved, then immutable.
 */
@Entity({ name: 'scenarios' })
@Check('CHK_scenarios_state', `"state" IN (${list(Object.values(ScenarioState))})`)
@Check('CHK_scenarios_horizon', `"horizon_years" BETWEEN 1 AND 15`)
@Index('IDX_scenarios_start_year', ['startYear'])
export class ScenarioEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_scenarios' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'start_year', type: 'integer' })
  startYear!: number;

  @Column({ name: 'horizon_years', type: 'integer' })
  horizonYears!: number;

  /** One cap a year, roubles with two decimals, as strings. */
  @Column({ type: 'jsonb' })
  caps!: string[];

  @Column({ name: 'carry_over', type: 'boolean', default: false })
  carryOver!: boolean;

  @Column({ name: 'escalation_pct', type: 'numeric', precision: 5, scale: 2, nullable: true })
  escalationPct!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  weights!: PriorityWeights | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  targets!: ScenarioTarget[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  pins!: ScenarioPin[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  exclusions!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  removals!: string[];

  @Column({ type: 'varchar', length: 16, default: ScenarioState.DRAFT })
  state!: ScenarioState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
