import { DiscoveredStatus } from '@radfleet/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DeviceEntity } from '../../devices/entities/device.entity.js';
import { ArchiveConnectionEntity } from './archive-connection.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** A DICOM identity the archive reported that matched no device: the discovered-devices inbox. */
@Entity({ name: 'discovered_devices' })
@Check('CHK_discovered_devices_status', `"status" IN (${list(Object.values(DiscoveredStatus))})`)
@Index('UQ_discovered_devices_identity', ['identityKey'], { unique: true })
@Index('IDX_discovered_devices_status', ['status'])
export class DiscoveredDeviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'identity_key', type: 'varchar', length: 64 })
  identityKey!: string;

  @Column({ name: 'archive_id', type: 'uuid', nullable: true })
  archiveId!: string | null;

  @ManyToOne(() => ArchiveConnectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'archive_id', foreignKeyConstraintName: 'FK_discovered_devices_archive' })
  archive!: ArchiveConnectionEntity | null;

  @Column({ type: 'varchar', length: 8, default: DiscoveredStatus.NEW })
  status!: DiscoveredStatus;

  @Column({ name: 'device_id', type: 'uuid', nullable: true })
  deviceId!: string | null;

  @ManyToOne(() => DeviceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_discovered_devices_device' })
  device!: DeviceEntity | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  modality!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  manufacturer!: string | null;

  @Column({ name: 'model_name', type: 'varchar', length: 64, nullable: true })
  modelName!: string | null;

  @Column({ name: 'institution_name', type: 'varchar', length: 64, nullable: true })
  institutionName!: string | null;

  @Column({ name: 'station_name', type: 'varchar', length: 64, nullable: true })
  stationName!: string | null;

  @Column({ name: 'device_serial_number', type: 'varchar', length: 64, nullable: true })
  deviceSerialNumber!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
