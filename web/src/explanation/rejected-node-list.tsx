import type { RejectedNode } from '../api/types.js';

/**
 * Each node that rejected the replica, with every filter that failed on it
 * (all filters run, not just the first); a volume rejection also names the
 * claim and PV behind it ("claim data-db-1 is bound to pv-1 in zone b").
 */
export function RejectedNodeList({ nodes }: { nodes: readonly RejectedNode[] }) {
  return (
    <ul className="rejected-nodes">
      {nodes.map((node) => (
        <li key={node.node}>
          <strong>{node.node}</strong>
          <ul>
            {(node.filters ?? []).map((filter) => (
              <li key={`${filter.plugin}: ${filter.reason}`}>
                {filter.plugin}: {filter.reason}
                {filter.code === 'UnschedulableAndUnresolvable' && <span className="muted"> (preemption cannot help)</span>}
                {filter.explanation && <div className="volume-explanation">{filter.explanation}</div>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
