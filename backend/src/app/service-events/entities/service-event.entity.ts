import { DeviceStatus, ServiceEventType } from '@radfleet/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ContractEntity } from '../../contracts/entities/contract.entity.js';
import { DeviceEntity } from '../../devices/entities/device.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** Breakdown, maintenance, calibration, upgrade or inspection of one device. */
@Entity({ name: 'service_events' })
@Check('CHK_service_events_type', `"type" IN (${list(Object.values(ServiceEventType))})`)
@Check(
  'CHK_service_events_interrupted',
  `"interrupted_status" IS NULL OR "interrupted_status" IN (${list(Object.values(DeviceStatus))})`,
)
@Check(
  'CHK_service_events_times',
  `("started_at" IS NULL OR "started_at" >= "reported_at") AND ("resolved_at" IS NULL OR "resolved_at" >= "reported_at")`,
)
@Check('CHK_service_events_cost', `"cost" >= 0`)
@Index('IDX_service_events_device', ['deviceId', 'type', 'reportedAt'])
@Index('IDX_service_events_contract', ['contractId'])
@Index('IDX_service_events_reported', ['reportedAt'])
export class ServiceEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => DeviceEntity)
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_service_events_device' })
  device!: DeviceEntity;

  @Column({ type: 'varchar', length: 32 })
  type!: ServiceEventType;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0 })
  cost!: string;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId!: string | null;

  @ManyToOne(() => ContractEntity)
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_service_events_contract' })
  contract!: ContractEntity | null;

  /** For an open breakdown: the device status it interrupted, restored on resolution. */
  @Column({ name: 'interrupted_status', type: 'varchar', length: 16, nullable: true })
  interruptedStatus!: DeviceStatus | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
