import type { TopologyNode } from '../api/types.js';
import { ReplicaChip } from '../plans/replica-chip.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import type { WorkloadColours } from '../plans/workload-colours.js';
import { plural } from '../format.js';
import { NodeDetails } from './node-details.js';
import { UtilisationBars } from './utilisation-bars.js';

export interface NodeRowProps {
  node: TopologyNode;
  replicas: readonly ReplicaPlacement[];
  colours: WorkloadColours;
  onOpenReplica: (replica: ReplicaPlacement) => void;
}

/** One node: name, state, utilisation, the plan's replicas on it; labels and taints on hover or focus. */
export function NodeRow({ node, replicas, colours, onOpenReplica }: NodeRowProps) {
  const detailsId = `node-details-${node.name}`;
  return (
    <article className="node-row" aria-label={`Node ${node.name}`}>
      <div className="node-identity" tabIndex={0} aria-describedby={detailsId}>
        <h3 className="node-name">{node.name}</h3>
        <span className="muted">
          {node.zone ?? 'no zone'} · {plural(node.podCount, 'pod')}
          {node.unschedulable && ' · cordoned'}
          {node.taints.length > 0 && ` · ${plural(node.taints.length, 'taint')}`}
        </span>
        <NodeDetails node={node} id={detailsId} />
      </div>
      <UtilisationBars utilisation={node.utilisation} />
      <div className="node-replicas" aria-label={`Planned replicas on ${node.name}`}>
        {replicas.map((replica) => (
          <ReplicaChip key={replica.key} replica={replica} colours={colours} onOpen={onOpenReplica} />
        ))}
      </div>
    </article>
  );
}
