import type { RejectedNode } from '../api/types.js';

/**
 * Each node that rejected the replica, with every filter that failed on it
 * (all filters run, not just the first) and the facts behind each, as the
 * CLI's --explain prints them: the resource amounts, the pods in the way, the
 * taint, the spread counts and skew; a volume rejection names the claim and
 * PV behind it ("claim data-db-1 is bound to pv-1 in zone b").
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
                {filter.facts.length > 0 && (
                  <ul className="filter-facts">
                    {filter.facts.map((fact) => (
                      <li key={fact}>{fact}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
