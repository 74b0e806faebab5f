import type { ScenarioInputs } from '@radfleet/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { ScenarioRunEntity } from './scenario-run.entity.js';
import { ScenarioEntity } from './scenario.entity.js';

/** What approval freezes. The schedule itself is the run's plan rows, which no one changes. */
export interface ApprovalSnapshot {
  inputs: ScenarioInputs;
  /** deviceId (or modality for new devices), year and price of every row. */
  schedule: { deviceId: string | null; modality: string; year: number; price: string }[];
}

/**
 * The approval of a scenario: who and when, the run approved and a snapshot of the inputs and the
 * schedule. One approval per start year is current (a later one supersedes it).
 */
@Entity({ name: 'scenario_approvals' })
@Index('UQ_scenario_approvals_current', ['startYear'], { unique: true, where: '"is_current"' })
export class ScenarioApprovalEntity {
  @PrimaryColumn({
    name: 'scenario_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_scenario_approvals',
  })
  scenarioId!: string;

  @OneToOne(() => ScenarioEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id', foreignKeyConstraintName: 'FK_scenario_approvals_scenario' })
  scenario!: ScenarioEntity;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @ManyToOne(() => ScenarioRunEntity)
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_scenario_approvals_run' })
  run!: ScenarioRunEntity;

  @Column({ name: 'start_year', type: 'integer' })
  startYear!: number;

  @Column({ name: 'is_current', type: 'boolean', default: true })
  isCurrent!: boolean;

  @Column({ name: 'approved_at', type: 'timestamptz', default: () => 'now()' })
  approvedAt!: Date;

  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true })
  approvedById!: string | null;

  @Column({ name: 'approved_by_email', type: 'varchar', length: 320, nullable: true })
  approvedByEmail!: string | null;

  @Column({ type: 'jsonb' })
  snapshot!: ApprovalSnapshot;
}
