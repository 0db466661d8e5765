/**
 * Where the four shapes meet: database rows → service views, and service
 * views → REST bodies. (GraphQL models are filled from the same views in
 * graphql/topology-graphql.mapper.ts.)
 */
import type { TopologyRevisionEntity } from './persistence/topology-revision.entity.js';
import type { TopologyEntity } from './persistence/topology.entity.js';
import type { TopologyRevisionView } from './domain/topology.types.js';

export function toRevisionView(topology: TopologyEntity, revision: TopologyRevisionEntity): TopologyRevisionView {
  return {
    id: topology.id,
    name: topology.name,
    revision: revision.revision,
    latestRevision: topology.latestRevision,
    createdAt: topology.createdAt,
    updatedAt: topology.updatedAt,
    revisionCreatedAt: revision.createdAt,
    summary: revision.summary,
    warnings: revision.warnings,
    dropped: revision.dropped,
  };
}
