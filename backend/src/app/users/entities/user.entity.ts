import { Role } from '@radfleet/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { FacilityEntity } from '../../facilities/entities/facility.entity.js';

@Entity({ name: 'users' })
@Check(
  'CHK_users_role',
  `"role" IN (${Object.values(Role)
    .map((v) => `'${v}'`)
    .join(', ')})`,
)
// Unique on lower(email): created by the migration, which TypeORM cannot express.
@Index('UQ_users_email_lower', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @ManyToMany(() => FacilityEntity)
  @JoinTable({
    name: 'user_facilities',
    joinColumn: {
      name: 'user_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'FK_user_facilities_user',
    },
    inverseJoinColumn: {
      name: 'facility_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'FK_user_facilities_facility',
    },
  })
  facilities!: FacilityEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
