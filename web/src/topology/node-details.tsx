import { createPortal } from 'react-dom';
import type { TopologyNode } from '../api/types.js';

/** Where the tooltip is drawn, in viewport pixels. */
export interface TooltipPlacement {
  top: number;
  left: number;
}

/**
 * A node's labels and taints: the tooltip shown while the node's name is
 * hovered or focused. Drawn in the document body with fixed position, so the
 * scrolling node list never clips it; always in the document (hidden until
 * shown) so the name's aria-describedby reads it.
 */
export function NodeDetails({ node, id, placement }: { node: TopologyNode; id: string; placement: TooltipPlacement | undefined }) {
  const labels = Object.entries(node.labels).sort(([left], [right]) => left.localeCompare(right));
  return createPortal(
    <div className="node-details" id={id} role="tooltip" hidden={!placement} style={placement && { top: placement.top, left: placement.left }}>
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
    </div>,
    document.body,
  );
}
