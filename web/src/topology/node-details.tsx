import type { TopologyNode } from '../api/types.js';

/** A node's labels and taints: the tooltip shown while the node's row is hovered or focused. */
export function NodeDetails({ node, id }: { node: TopologyNode; id: string }) {
  const labels = Object.entries(node.labels).sort(([left], [right]) => left.localeCompare(right));
  return (
    <div className="node-details" id={id} role="tooltip">
      <h4>Labels</h4>
      {labels.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul>
          {labels.map(([key, value]) => (
            <li key={key}>
              <code>
                {key}={value}
              </code>
            </li>
          ))}
        </ul>
      )}
      <h4>Taints</h4>
      {node.taints.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul>
          {node.taints.map((taint) => (
            <li key={`${taint.key}:${taint.effect}`}>
              <code>
                {taint.key}
                {taint.value ? `=${taint.value}` : ''}:{taint.effect}
              </code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
