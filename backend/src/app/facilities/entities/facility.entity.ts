import { District, FacilityType } from '@radfleet/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@Entity({ name: 'facilities' })
@Check(
  'CHK_facilities_type',
  `"type" IN (${Object.values(FacilityType)
    .map((v) => `'${v}'`)
    .join(', ')})`,
)
@Check(
  'CHK_facilities_district',
  `"district" IN (${Object.values(District)
    .map((v) => `'${v}'`)
    .join(', ')})`,
)
@Index('IDX_facilities_district', ['district'])
export class FacilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_facilities_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ name: 'short_name', type: 'varchar', length: 100 })
  shortName!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: FacilityType;

  @Column({ type: 'varchar', length: 8 })
  district!: District;

  @Column({ type: 'varchar', length: 500, default: '' })
  address!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
