import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `topologies` (migrations/1764259200000-create-topologies.ts). */
@Entity({ name: 'topologies' })
export class TopologyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  team!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'latest_revision', type: 'integer' })
  latestRevision!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
