import { ContractType, SlaMeasurementPeriod, SlaVerdictScope, UptimeBasis } from '@radfleet/shared';
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
import { SupplierEntity } from '../../suppliers/entities/supplier.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** A supply, service or lifecycle contract. Its status is derived from the dates when read. */
@Entity({ name: 'contracts' })
@Check('CHK_contracts_type', `"type" IN (${list(Object.values(ContractType))})`)
@Check('CHK_contracts_dates', `"end_date" >= "start_date"`)
@Check(
  'CHK_contracts_sla',
  `("sla_uptime_percent" IS NULL) = ("sla_basis" IS NULL) AND ("sla_basis" IS NULL) = ("sla_response_hours" IS NULL) AND ("sla_basis" IS NULL) = ("sla_repair_days" IS NULL) AND ("sla_basis" IS NULL) = ("sla_penalty_per_day" IS NULL)`,
)
@Check(
  'CHK_contracts_sla_basis',
  `"sla_basis" IS NULL OR "sla_basis" IN (${list(Object.values(UptimeBasis))})`,
)
@Check(
  'CHK_contracts_sla_period',
  `"sla_measurement_period" IS NULL OR "sla_measurement_period" IN (${list(Object.values(SlaMeasurementPeriod))})`,
)
@Check(
  'CHK_contracts_sla_scope',
  `"sla_verdict_scope" IS NULL OR "sla_verdict_scope" IN (${list(Object.values(SlaVerdictScope))})`,
)
@Check(
  'CHK_contracts_sla_terms',
  `("sla_basis" IS NULL) = ("sla_measurement_period" IS NULL) AND ("sla_basis" IS NULL) = ("sla_verdict_scope" IS NULL)`,
)
@Check('CHK_contracts_termination', `("terminated_on" IS NULL) = ("termination_reason" IS NULL)`)
@Index('IDX_contracts_supplier', ['supplierId'])
@Index('IDX_contracts_end_date', ['endDate'])
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_contracts_number', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  number!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: ContractType;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => SupplierEntity)
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'FK_contracts_supplier' })
  supplier!: SupplierEntity;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ type: 'numeric', precision: 16, scale: 2 })
  value!: string;

  @Column({ name: 'sla_uptime_percent', type: 'numeric', precision: 5, scale: 2, nullable: true })
  slaUptimePercent!: string | null;

  @Column({ name: 'sla_basis', type: 'varchar', length: 16, nullable: true })
  slaBasis!: UptimeBasis | null;

  @Column({ name: 'sla_response_hours', type: 'integer', nullable: true })
  slaResponseHours!: number | null;

  @Column({ name: 'sla_repair_days', type: 'integer', nullable: true })
  slaRepairDays!: number | null;

  @Column({
    name: 'sla_penalty_per_day',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
  })
  slaPenaltyPerDay!: string | null;

  /** The whole period breaches and penalties are computed over. */
  @Column({ name: 'sla_measurement_period', type: 'varchar', length: 16, nullable: true })
  slaMeasurementPeriod!: SlaMeasurementPeriod | null;

  /** Whether the guaranteed uptime is judged per device or over the contract. */
  @Column({ name: 'sla_verdict_scope', type: 'varchar', length: 16, nullable: true })
  slaVerdictScope!: SlaVerdictScope | null;

  /** The first day the contract is no longer in force. */
  @Column({ name: 'terminated_on', type: 'date', nullable: true })
  terminatedOn!: string | null;

  @Column({ name: 'termination_reason', type: 'text', nullable: true })
  terminationReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
