import { useLayoutEffect, useRef, useState } from 'react';
import type { TopologyNode, Utilisation } from '../api/types.js';
import { ReplicaChip } from '../plans/replica-chip.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import type { WorkloadColours } from '../plans/workload-colours.js';
import { plural } from '../format.js';
import { deviceUse } from './device-use.js';
import { NodeDetails, type TooltipPlacement } from './node-details.js';
import { NodeName } from './node-name.js';
import { placeTooltip } from './tooltip-placement.js';
import { UtilisationBars } from './utilisation-bars.js';

export interface NodeRowProps {
  node: TopologyNode;
  replicas: readonly ReplicaPlacement[];
  /** The shares once the plan's replicas here are added; undefined when it put none here. */
  afterPlan?: Utilisation;
  colours: WorkloadColours;
  onOpenReplica: (replica: ReplicaPlacement) => void;
}

/** One node: name, state, utilisation, the plan's replicas on it; labels and taints on hover or focus. */
export function NodeRow({ node, replicas, afterPlan, colours, onOpenReplica }: NodeRowProps) {
  const detailsId = `node-details-${node.name}`;
  const identity = useRef<HTMLDivElement>(null);
  const [placement, setPlacement] = useState<TooltipPlacement | undefined>();
  const show = () => {
    const anchor = identity.current?.getBoundingClientRect();
    if (anchor) setPlacement({ top: anchor.bottom, left: anchor.left });
  };
  const hide = () => setPlacement(undefined);

  // Once drawn, the tooltip's size is known: move it where it fits in the viewport.
  useLayoutEffect(() => {
    const tooltip = document.getElementById(detailsId);
    const anchor = identity.current?.getBoundingClientRect();
    if (!placement || !tooltip || !anchor) return;
    const next = placeTooltip(anchor, tooltip.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight });
    if (next.top !== placement.top || next.left !== placement.left) setPlacement(next);
  }, [placement, detailsId]);

  return (
    <article className="node-row" aria-label={`Node ${node.name}`}>
      <div
        ref={identity}
        className="node-identity"
        tabIndex={0}
        aria-describedby={detailsId}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
      >
        <NodeName name={node.name} />
        <span className="muted node-facts">
          {node.zone ?? 'no zone'} · {plural(node.podCount, 'pod')}
          {node.unschedulable && ' · cordoned'}
          {node.taints.length > 0 && ` · ${plural(node.taints.length, 'taint')}`}
        </span>
        <NodeDetails node={node} id={detailsId} placement={placement} />
      </div>
      <UtilisationBars utilisation={node.utilisation} afterPlan={afterPlan} />
      <div className="node-replicas" aria-label={`Planned replicas on ${node.name}`}>
        {replicas.map((replica) => (
          <ReplicaChip key={replica.key} replica={replica} colours={colours} onOpen={onOpenReplica} />
        ))}
      </div>
      {node.devices.length > 0 && (
        <ul className="node-devices muted" aria-label={`Devices on ${node.name}`}>
          {deviceUse(node.devices, replicas).map((use) => (
            <li key={use.driver}>
              {use.driver}: {use.inUse} of {plural(use.devices, 'device')} in use
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
