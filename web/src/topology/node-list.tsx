/**
 * A zone's nodes as a virtualised list: only the rows in view are in the
 * DOM, and the next page is fetched as the end comes into view, so a
 * 5,000-node zone scrolls like a 5-node one, in any order: the service
 * sorts and narrows (node-arrangement.ts). Its heading says what it holds:
 * "12 of 600 nodes: zone us-east-1a".
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { ErrorMessage } from '../error-message.js';
import { plural } from '../format.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import type { WorkloadColours } from '../plans/workload-colours.js';
import { nodeListTitle, plannedLoads, withPlanShares, type ListScope, type NodeArrangement } from './node-arrangement.js';
import { nodeListKeyHandler } from './node-list-keys.js';
import { NodeRow } from './node-row.js';
import { useNodePages } from './use-node-pages.js';

/** A row's height before it is measured: name and facts beside three compact bars. */
const ESTIMATED_ROW_HEIGHT = 44;
/** Rows rendered beyond the visible ones, for smooth scrolling and keyboard focus. */
const OVERSCAN = 8;

export interface NodeListProps {
  topologyId: string;
  /** The stored plan shown: the list is the nodes it ran on (Plan.nodes); undefined for none or a dry run. */
  planId: string | undefined;
  /** The service's filters: nodes(zone, labelSelector). */
  zone: string | undefined;
  labelSelector: string | undefined;
  /** What the heading names, as the person chose it. */
  scope: ListScope;
  topologyNodes: number;
  arrangement: NodeArrangement;
  replicasByNode: ReadonlyMap<string, ReplicaPlacement[]>;
  /** Whether a plan is shown: its loads go with every page request. */
  planShown: boolean;
  colours: WorkloadColours;
  onOpenReplica: (replica: ReplicaPlacement) => void;
}

export function NodeList({ topologyId, planId, zone, labelSelector, scope, topologyNodes, arrangement, replicasByNode, planShown, colours, onOpenReplica }: NodeListProps) {
  const planned = useMemo(() => (planShown ? plannedLoads(replicasByNode) : undefined), [planShown, replicasByNode]);
  const order = useMemo(
    () => ({ sort: arrangement.sort, planned, withPlannedReplicas: arrangement.withReplicasOnly }),
    [arrangement.sort, arrangement.withReplicasOnly, planned],
  );
  const { nodes, totalCount, hasNextPage, loading, error, loadMore } = useNodePages(topologyId, planId, zone, labelSelector, order);
  const rows = useMemo(() => withPlanShares(nodes, replicasByNode), [nodes, replicasByNode]);
  // A stored plan's scenario may add or remove nodes: unnarrowed, its list's total is its cluster's size.
  const unnarrowed = zone === undefined && labelSelector === undefined && !arrangement.withReplicasOnly;
  const listNodes = planId !== undefined && unnarrowed && totalCount !== undefined ? totalCount : topologyNodes;
  const scrollElement = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => rows[index].node.name,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasNextPage && lastVisible >= nodes.length - OVERSCAN) loadMore();
  }, [hasNextPage, lastVisible, nodes.length, loadMore]);

  // A new order starts at the top.
  useEffect(() => {
    virtualizer.scrollToIndex(0);
  }, [arrangement, virtualizer]);

  return (
    <section className="node-list" aria-label="Nodes">
      <h3>{nodeListTitle(scope, totalCount, listNodes)}</h3>
      <p className="muted" aria-live="polite">
        {totalCount === undefined
          ? 'Loading nodes…'
          : `${plural(totalCount, 'node')}${nodes.length < totalCount ? `, ${nodes.length.toLocaleString('en')} loaded` : ''}`}
      </p>
      <p className="muted keyboard-hint">↑ ↓ move between nodes, ← → to their replicas, Enter opens a replica.</p>
      {error && <ErrorMessage error={error} />}
      <div
        ref={scrollElement}
        className="node-list-scroll"
        role="list"
        onKeyDown={nodeListKeyHandler(rows.length, (index) => virtualizer.scrollToIndex(index))}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const { node, replicas, afterPlan } = rows[item.index];
            return (
              <div
                key={item.key}
                role="listitem"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="node-list-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <NodeRow node={node} replicas={replicas} afterPlan={afterPlan} colours={colours} onOpenReplica={onOpenReplica} />
              </div>
            );
          })}
        </div>
      </div>
      {loading && nodes.length > 0 && <p className="muted">Loading more nodes…</p>}
    </section>
  );
}
