/**
 * One topology: its totals, the zone overview, and — once a zone (or all
 * nodes) is chosen — the virtualised node list, filtered by label selector,
 * sorted and narrowed as the person asks (node-arrangement.ts).
 * A shown plan's replicas sit on their nodes and are counted per zone; a
 * stored plan's zone cards and node list are of the nodes it ran on (its
 * scenario's edits applied), a dry run's of the topology.
 */
import { useMemo, useState } from 'react';
import { TOPOLOGY_OVERVIEW_QUERY } from '../api/documents.js';
import type { TopologyOverview } from '../api/types.js';
import { useGraphQLQuery } from '../api/use-graphql.js';
import { ErrorMessage } from '../error-message.js';
import { plural } from '../format.js';
import { replicasByNode, replicasByZone, type ReplicaPlacement, type ViewedPlan } from '../plans/replica-placements.js';
import type { WorkloadColours } from '../plans/workload-colours.js';
import { LabelSelectorForm } from './label-selector-form.js';
import { DEFAULT_ARRANGEMENT, type NodeArrangement } from './node-arrangement.js';
import { NodeArrangementForm } from './node-arrangement-form.js';
import { NodeList } from './node-list.js';
import { usePlanZones } from './use-plan-zones.js';
import { ZoneOverview } from './zone-overview.js';
import { nodeQueryFor } from './zone-selector.js';

/** Which nodes the list shows: none yet, one zone's (null: nodes without a zone label), or every node. */
type NodeScope = { kind: 'none' } | { kind: 'zone'; zone: string | null } | { kind: 'all' };

export interface TopologyViewProps {
  topologyId: string;
  plan: ViewedPlan | undefined;
  colours: WorkloadColours;
  onOpenReplica: (replica: ReplicaPlacement) => void;
}

export function TopologyView({ topologyId, plan, colours, onOpenReplica }: TopologyViewProps) {
  const { data, error, loading } = useGraphQLQuery<{ topology: TopologyOverview }>(TOPOLOGY_OVERVIEW_QUERY, { id: topologyId });
  const planZones = usePlanZones(plan?.planId);
  const [scope, setScope] = useState<NodeScope>({ kind: 'none' });
  const [labelSelector, setLabelSelector] = useState('');
  const [chosenArrangement, setArrangement] = useState<NodeArrangement>(DEFAULT_ARRANGEMENT);
  const byNode = useMemo(() => replicasByNode(plan?.replicas ?? []), [plan]);
  const byZone = useMemo(() => replicasByZone(plan?.replicas ?? []), [plan]);
  // Without a plan there are no replicas to keep nodes for, or to sort by.
  const arrangement = useMemo(
    () => (plan ? chosenArrangement : { sort: chosenArrangement.sort === 'replicas' ? 'name' : chosenArrangement.sort, withReplicasOnly: false }),
    [plan, chosenArrangement],
  );

  if (loading && !data) return <p>Loading topology…</p>;
  if (error) return <ErrorMessage error={error} />;
  if (!data) return null;
  const { topology } = data;
  const zones = planZones.zones ?? topology.zones;
  const listedZone = scope.kind === 'zone' ? scope.zone : undefined;
  const nodeQuery =
    scope.kind === 'zone' ? nodeQueryFor(scope.zone, labelSelector) : { zone: undefined, labelSelector: labelSelector || undefined };

  return (
    <section className="topology-view" aria-labelledby="topology-heading">
      <header>
        <h2 id="topology-heading">
          {topology.name} <span className="muted">revision {topology.revision}</span>
        </h2>
        <p className="muted">
          {plural(topology.summary.nodes, 'node')} · {plural(topology.summary.pods, 'pod')} · {plural(topology.summary.pendingPods, 'pending pod')} ·{' '}
          {plural(topology.summary.namespaces, 'namespace')}
        </p>
      </header>
      {planZones.error && <ErrorMessage error={planZones.error} />}
      <ZoneOverview
        zones={zones}
        selectedZone={scope.kind === 'zone' ? scope.zone : undefined}
        replicasByZone={byZone}
        colours={colours}
        onSelect={(zone) => setScope({ kind: 'zone', zone })}
      />
      <div className="node-toolbar">
        <button type="button" aria-pressed={scope.kind === 'all'} onClick={() => setScope({ kind: 'all' })}>
          All nodes
        </button>
        <LabelSelectorForm
          value={labelSelector}
          onApply={(selector) => {
            setLabelSelector(selector);
            if (scope.kind === 'none' && selector) setScope({ kind: 'all' });
          }}
        />
        <NodeArrangementForm
          zones={zones}
          zone={listedZone}
          onZone={(zone) => setScope(zone === undefined ? { kind: 'all' } : { kind: 'zone', zone })}
          arrangement={arrangement}
          onArrange={(next) => {
            setArrangement(next);
            if (scope.kind === 'none') setScope({ kind: 'all' });
          }}
          planShown={plan !== undefined}
        />
      </div>
      {scope.kind === 'none' ? (
        <p className="muted">Choose a zone, or all nodes, to list nodes.</p>
      ) : (
        <>
          <NodeList
            key={`${scope.kind}:${scope.kind === 'zone' ? scope.zone : ''}:${labelSelector}`}
            topologyId={topologyId}
            planId={plan?.planId}
            zone={nodeQuery.zone}
            labelSelector={nodeQuery.labelSelector}
            scope={{ zone: listedZone, labelSelector, withReplicasOnly: arrangement.withReplicasOnly }}
            topologyNodes={topology.summary.nodes}
            arrangement={arrangement}
            replicasByNode={byNode}
            planShown={plan !== undefined}
            colours={colours}
            onOpenReplica={onOpenReplica}
          />
        </>
      )}
    </section>
  );
}
