import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import type { FieldError } from '../../kube/field-error.js';
import type { TopologySummary } from '../domain/topology.types.js';

/** A row of `topology_revisions`: one immutable import of a topology. */
@Entity({ name: 'topology_revisions' })
export class TopologyRevisionEntity {
  @PrimaryColumn({ name: 'topology_id', type: 'uuid' })
  topologyId!: string;

  @PrimaryColumn({ type: 'integer' })
  revision!: number;

  /** The stripped objects; large, so never selected unless asked for. */
  @Column({ type: 'jsonb', select: false })
  objects!: ClusterObjects;

  @Column({ type: 'jsonb' })
  summary!: TopologySummary;

  @Column({ type: 'jsonb' })
  warnings!: FieldError[];

  @Column({ type: 'jsonb' })
  dropped!: Record<string, number>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
