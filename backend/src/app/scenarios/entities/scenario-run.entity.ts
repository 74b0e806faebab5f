import {
  ScenarioRunStatus,
  type PlanMeasures,
  type ScenarioInfeasibility,
  type SolverReport,
} from '@radfleet/shared';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ScenarioEntity } from './scenario.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** One run of the optimiser on a scenario: a job with progress, then the solver's report and the measures. */
@Entity({ name: 'scenario_runs' })
@Check('CHK_scenario_runs_status', `"status" IN (${list(Object.values(ScenarioRunStatus))})`)
@Check('CHK_scenario_runs_progress', `"progress" BETWEEN 0 AND 100`)
@Index('IDX_scenario_runs_scenario', ['scenarioId', 'startedAt'])
export class ScenarioRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_scenario_runs' })
  id!: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId!: string;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id', foreignKeyConstraintName: 'FK_scenario_runs_scenario' })
  scenario!: ScenarioEntity;

  /** The scenario's version the run read. */
  @Column({ name: 'scenario_version', type: 'integer' })
  scenarioVersion!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ScenarioRunStatus;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  stage!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'total_spend', type: 'numeric', precision: 16, scale: 2, nullable: true })
  totalSpend!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  solver!: SolverReport | null;

  @Column({ type: 'jsonb', nullable: true })
  optimum!: PlanMeasures | null;

  @Column({ name: 'by_score', type: 'jsonb', nullable: true })
  byScore!: PlanMeasures | null;

  @Column({ type: 'jsonb', nullable: true })
  infeasibility!: ScenarioInfeasibility | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
