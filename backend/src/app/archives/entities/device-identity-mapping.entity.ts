import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DeviceEntity } from '../../devices/entities/device.entity.js';

/**
 * An administrator's rule: archive identities whose every non-null field here equals theirs
 * (case-insensitive) belong to this device. Checked before the automatic matching; the most
 * specific rule wins. Linking a discovered identity writes one with all its fields.
 */
@Entity({ name: 'device_identity_mappings' })
@Index('IDX_device_identity_mappings_device', ['deviceId'])
@Index('UQ_device_identity_mappings_identity', ['identityKey'], { unique: true })
export class DeviceIdentityMappingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** A fingerprint of the fields below, so a rule is not entered twice. */
  @Column({ name: 'identity_key', type: 'varchar', length: 64 })
  identityKey!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  @ManyToOne(() => DeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_device_identity_mappings_device' })
  device!: DeviceEntity;

  @Column({ name: 'device_serial_number', type: 'varchar', length: 64, nullable: true })
  deviceSerialNumber!: string | null;

  @Column({ name: 'station_name', type: 'varchar', length: 64, nullable: true })
  stationName!: string | null;

  @Column({ name: 'institution_name', type: 'varchar', length: 64, nullable: true })
  institutionName!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  manufacturer!: string | null;

  @Column({ name: 'model_name', type: 'varchar', length: 64, nullable: true })
  modelName!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  modality!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
