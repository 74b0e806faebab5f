import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DiscoveredDeviceEntity } from './discovered-device.entity.js';

/** Daily counts of a discovered identity, kept until a person links it to a device. */
@Entity({ name: 'discovered_utilisation' })
@Check('CHK_discovered_utilisation_counts', `"studies" >= 0 AND "images" >= 0`)
export class DiscoveredUtilisationEntity {
  @PrimaryColumn({ name: 'discovered_device_id', type: 'uuid' })
  discoveredDeviceId!: string;

  @ManyToOne(() => DiscoveredDeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'discovered_device_id',
    foreignKeyConstraintName: 'FK_discovered_utilisation_discovered',
  })
  discovered!: DiscoveredDeviceEntity;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'integer' })
  studies!: number;

  @Column({ type: 'integer' })
  images!: number;
}
