/**
 * A zone's nodes as a virtualised list: only the rows in view are in the
 * DOM, and the next page is fetched as the end comes into view, so a
 * 5,000-node zone scrolls like a 5-node one.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../error-message.js';
import { plural } from '../format.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import type { WorkloadColours } from '../plans/workload-colours.js';
import { nodeListKeyHandler } from './node-list-keys.js';
import { NodeRow } from './node-row.js';
import { useNodePages } from './use-node-pages.js';

/** A row's height before it is measured: name and facts beside three compact bars. */
const ESTIMATED_ROW_HEIGHT = 44;
/** Rows rendered beyond the visible ones, for smooth scrolling and keyboard focus. */
const OVERSCAN = 8;

export interface NodeListProps {
  topologyId: string;
  zone: string | undefined;
  labelSelector: string | undefined;
  replicasByNode: ReadonlyMap<string, ReplicaPlacement[]>;
  colours: WorkloadColours;
  onOpenReplica: (replica: ReplicaPlacement) => void;
}

export function NodeList({ topologyId, zone, labelSelector, replicasByNode, colours, onOpenReplica }: NodeListProps) {
  const { nodes, totalCount, hasNextPage, loading, error, loadMore } = useNodePages(topologyId, zone, labelSelector);
  const scrollElement = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => nodes[index].name,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasNextPage && lastVisible >= nodes.length - OVERSCAN) loadMore();
  }, [hasNextPage, lastVisible, nodes.length, loadMore]);

  return (
    <section className="node-list" aria-label="Nodes">
      <p className="muted" aria-live="polite">
        {totalCount === undefined ? 'Loading nodes…' : `${plural(totalCount, 'node')}${nodes.length < totalCount ? `, ${nodes.length.toLocaleString('en')} loaded` : ''}`}
      </p>
      {error && <ErrorMessage error={error} />}
      <p className="muted keyboard-hint">↑ ↓ move between nodes, ← → to their replicas, Enter opens a replica.</p>
      <div
        ref={scrollElement}
        className="node-list-scroll"
        role="list"
        onKeyDown={nodeListKeyHandler(nodes.length, (index) => virtualizer.scrollToIndex(index))}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const node = nodes[item.index];
            return (
              <div
                key={item.key}
                role="listitem"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="node-list-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <NodeRow node={node} replicas={replicasByNode.get(node.name) ?? []} colours={colours} onOpenReplica={onOpenReplica} />
              </div>
            );
          })}
        </div>
      </div>
      {loading && nodes.length > 0 && <p className="muted">Loading more nodes…</p>}
    </section>
  );
}
