/**
 * An upper bound on the volumes a node's pods attach, for NodeVolumeLimits'
 * Filter to pass a node without working out its attachments. Upstream
 * nodevolumelimits/csi.go (v1.34) Filter counts, per driver, the unique
 * volumes the node's pods use (filterAttachableVolumes adds at most one per
 * pod volume: a claim, a generic ephemeral volume or a migratable in-tree
 * volume) and rejects when that count plus the pod's new ones passes the
 * driver's limit. So when the node's pods have fewer such volumes, all
 * drivers together, than a limit minus the pod's new volumes of that driver,
 * the node passes whatever the volumes resolve to. Most nodes are far below
 * their limit; only the others need the exact count (node-volume-state.ts).
 *
 * A pod already on the node whose volumes could end Filter with an error (a
 * claim volume without a claim name, a generic ephemeral volume whose claim
 * must belong to the pod, an in-tree volume whose translation can fail) has
 * no bound: the exact walk decides, as upstream's does.
 *
 * Filter also counts the node's VolumeAttachments of volumes no pod there
 * uses (volume-attachments.ts): each adds at most one, so the bound adds
 * the node's attachment count (passed in: it depends on the catalog, not on
 * the node's pods).
 */
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { isMigratable } from '../helper/csi-translation.js';

/** No bound: some pod on the node needs the exact walk. */
export const UNBOUNDED = -1;

/**
 * The most volumes an existing pod can add to its node's count, or
 * UNBOUNDED. Worked out each time rather than kept per pod: it is a walk
 * over a few volumes, done when a node's bound is (the first PreFilter of a
 * plan, then the node a replica joined), and a per-pod WeakMap over every
 * pod of a large cluster cost more (its lookups and its weight on the
 * collector) than the walk.
 */
function podAttachmentBound(pod: PodInfo): number {
  const volumes = pod.pod.spec?.volumes;
  if (volumes == null) return 0;
  let bound = 0;
  for (let index = 0; index < volumes.length; index++) {
    const volume = volumes[index]!;
    if (volume.persistentVolumeClaim) {
      if (!volume.persistentVolumeClaim.claimName) return UNBOUNDED;
      bound++;
    } else if (volume.ephemeral || isMigratable(volume)) {
      return UNBOUNDED;
    }
  }
  return bound;
}

/** What a node's bound was worked out for: its generation (its pods). */
export interface AttachmentBoundSlot {
  boundGeneration: number;
  bound: number;
}

/** The node's bound: its pods' (kept in `slot` while they are unchanged) plus its `attachments` VolumeAttachments. */
export function nodeAttachmentBound(node: NodeInfo, slot: AttachmentBoundSlot, attachments: number): number {
  const podsBound = podsAttachmentBound(node, slot);
  return podsBound === UNBOUNDED ? UNBOUNDED : podsBound + attachments;
}

function podsAttachmentBound(node: NodeInfo, slot: AttachmentBoundSlot): number {
  if (slot.boundGeneration === node.generation) return slot.bound;
  let bound = 0;
  for (const pod of node.pods) {
    const podBound = podAttachmentBound(pod);
    if (podBound === UNBOUNDED) {
      bound = UNBOUNDED;
      break;
    }
    bound += podBound;
  }
  slot.boundGeneration = node.generation;
  slot.bound = bound;
  return bound;
}
