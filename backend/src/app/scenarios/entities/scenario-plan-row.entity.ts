import {
  PlanReason,
  type FactorContribution,
  type Modality,
  type ScenarioTarget,
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
import { DeviceEntity } from '../../devices/index.js';
import { ScenarioRunEntity } from './scenario-run.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One line of a run's schedule: a device replaced (or removed) in a year at its escalated price,
 * or a new device added for capacity (no device yet, its modality only); with the reason.
 */
@Entity({ name: 'scenario_plan_rows' })
@Check('CHK_scenario_plan_rows_reason', `"reason" IN (${list(Object.values(PlanReason))})`)
@Check('CHK_scenario_plan_rows_price', `"price" >= 0`)
@Index('IDX_scenario_plan_rows_run', ['runId', 'year'])
@Index('IDX_scenario_plan_rows_device', ['deviceId'])
export class ScenarioPlanRowEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_scenario_plan_rows' })
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @ManyToOne(() => ScenarioRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_scenario_plan_rows_run' })
  run!: ScenarioRunEntity;

  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId!: string | null;

  @ManyToOne(() => DeviceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_scenario_plan_rows_device' })
  device!: DeviceEntity | null;

  @Column({ type: 'varchar', length: 16 })
  modality!: Modality;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'numeric', precision: 16, scale: 2 })
  price!: string;

  @Column({ type: 'varchar', length: 16 })
  reason!: PlanReason;

  @Column({ type: 'jsonb', nullable: true })
  target!: ScenarioTarget | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  score!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  factors!: FactorContribution[];
}
