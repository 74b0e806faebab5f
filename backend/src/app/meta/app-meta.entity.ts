import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small facts about this installation, e.g. that the demo city has been loaded. */
@Entity({ name: 'app_meta' })
export class AppMetaEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;
}
