import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceEntity } from '../../devices/entities/device.entity.js';
import { ContractEntity } from './contract.entity.js';

/** A device a contract covers, with its service period inside the contract's dates. */
@Entity({ name: 'contract_devices' })
@Check('CHK_contract_devices_period', `"service_to" >= "service_from"`)
@Check('CHK_contract_devices_service_fee', `"service_fee" IS NULL OR "service_fee" >= 0`)
@Index('IDX_contract_devices_device', ['deviceId', 'serviceFrom'])
export class ContractDeviceEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @PrimaryColumn({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_contract_devices_contract' })
  contract!: ContractEntity;

  @ManyToOne(() => DeviceEntity)
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_contract_devices_device' })
  device!: DeviceEntity;

  @Column({ name: 'service_from', type: 'date' })
  serviceFrom!: string;

  @Column({ name: 'service_to', type: 'date' })
  serviceTo!: string;

  /** The contract's yearly fee for this device, where it names one (the allocation weight). */
  @Column({ name: 'service_fee', type: 'numeric', precision: 16, scale: 2, nullable: true })
  serviceFee!: string | null;
}
