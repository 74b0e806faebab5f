import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract.entity.js';

/** One payment of a contract: due date, amount, and when it was paid. */
@Entity({ name: 'payment_milestones' })
@Check('CHK_payment_milestones_amount', `"amount" >= 0`)
export class PaymentMilestoneEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  /** 1, 2, 3 … within the contract, in the order given. */
  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_payment_milestones_contract' })
  contract!: ContractEntity;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'numeric', precision: 16, scale: 2 })
  amount!: string;

  @Column({ name: 'paid_on', type: 'date', nullable: true })
  paidOn!: string | null;
}
