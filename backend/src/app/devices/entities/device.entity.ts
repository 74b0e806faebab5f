import { DeviceStatus, FundingSource, Technology, type Modality } from '@radfleet/shared';
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
import { FacilityEntity } from '../../facilities/entities/facility.entity.js';
import { ModalityEntity } from '../../modalities/entities/modality.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** One physical diagnostic unit. Never deleted: decommissioning is a status with a date and a reason. */
@Entity({ name: 'devices' })
@Check('CHK_devices_technology', `"technology" IN (${list(Object.values(Technology))})`)
@Check('CHK_devices_status', `"status" IN (${list(Object.values(DeviceStatus))})`)
@Check(
  'CHK_devices_funding',
  `"funding_source" IS NULL OR "funding_source" IN (${list(Object.values(FundingSource))})`,
)
@Check(
  'CHK_devices_decommission',
  `"status" <> 'DECOMMISSIONED' OR ("decommissioned_on" IS NOT NULL AND "decommission_reason" IS NOT NULL)`,
)
@Index('IDX_devices_facility', ['facilityId'])
@Index('IDX_devices_modality', ['modality'])
@Index('IDX_devices_status', ['status'])
@Index('IDX_devices_dicom_serial', ['dicomSerialNumber'])
@Index('IDX_devices_station', ['dicomStationName', 'dicomInstitutionName'])
@Index('IDX_devices_ae_title', ['dicomAeTitle'])
export class DeviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_devices_inventory_number', { unique: true })
  @Column({ name: 'inventory_number', type: 'varchar', length: 64 })
  inventoryNumber!: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 100, nullable: true })
  serialNumber!: string | null;

  @Column({ type: 'varchar', length: 200 })
  manufacturer!: string;

  @Column({ type: 'varchar', length: 200 })
  model!: string;

  @Column({ type: 'varchar', length: 16 })
  modality!: Modality;

  @ManyToOne(() => ModalityEntity)
  @JoinColumn({ name: 'modality', foreignKeyConstraintName: 'FK_devices_modality' })
  modalityRef!: ModalityEntity;

  @Column({ type: 'varchar', length: 16 })
  technology!: Technology;

  @Column({ name: 'archive_connected', type: 'boolean', default: false })
  archiveConnected!: boolean;

  @Column({ name: 'dicom_station_name', type: 'varchar', length: 16, nullable: true })
  dicomStationName!: string | null;

  @Column({ name: 'dicom_ae_title', type: 'varchar', length: 16, nullable: true })
  dicomAeTitle!: string | null;

  @Column({ name: 'dicom_serial_number', type: 'varchar', length: 64, nullable: true })
  dicomSerialNumber!: string | null;

  @Column({ name: 'dicom_institution_name', type: 'varchar', length: 64, nullable: true })
  dicomInstitutionName!: string | null;

  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => FacilityEntity)
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_devices_facility' })
  facility!: FacilityEntity;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  room!: string | null;

  @Column({ name: 'year_of_manufacture', type: 'integer', nullable: true })
  yearOfManufacture!: number | null;

  @Column({ name: 'commissioning_date', type: 'date', nullable: true })
  commissioningDate!: string | null;

  @Column({ name: 'purchase_price', type: 'numeric', precision: 14, scale: 2, nullable: true })
  purchasePrice!: string | null;

  @Column({ name: 'funding_source', type: 'varchar', length: 32, nullable: true })
  fundingSource!: FundingSource | null;

  @Column({ name: 'service_life_years', type: 'integer', nullable: true })
  serviceLifeYears!: number | null;

  @Column({
    name: 'scheduled_hours_per_week',
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
  })
  scheduledHoursPerWeek!: string | null;

  @Column({ type: 'varchar', length: 16, default: DeviceStatus.IN_SERVICE })
  status!: DeviceStatus;

  @Column({ name: 'decommissioned_on', type: 'date', nullable: true })
  decommissionedOn!: string | null;

  @Column({ name: 'decommission_reason', type: 'text', nullable: true })
  decommissionReason!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** The day the vendor stops supporting the model (parts, software), when known. */
  @Column({ name: 'vendor_support_ends_on', type: 'date', nullable: true })
  // Optional in the type so that bulk writers that predate it (demo, import) need not name it.
  vendorSupportEndsOn?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
