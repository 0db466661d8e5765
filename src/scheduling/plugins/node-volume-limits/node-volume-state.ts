/**
 * What NodeVolumeLimits' Filter keeps per node: the node's CSINode and
 * limits, and the volumes its pods attach (upstream nodevolumelimits/csi.go
 * v1.34 Filter's attachedVolumes map and getVolumeLimits, which upstream
 * builds again on every call), valid while the node's pods are unchanged
 * and no catalog step touched a claim or PV they read (./lineage-readers.ts).
 * The counts also hold the node's VolumeAttachments of volumes no pod there
 * uses (./volume-attachments.ts); `attached` stays the pods' volumes, the
 * only ones upstream takes off a pod's new volumes.
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { CatalogVersion, Lineage, StorageCatalog } from '../../model/storage-catalog.js';
import type { AttachmentBoundSlot } from './attachment-bound.js';
import { csiNodeVolumeLimits } from './node-attachments.js';
import { existingPodAttachments, podAttachmentsEntry, type PodAttachments } from './pod-attachments.js';
import { countWithAttachments, nodeVolumeAttachments } from './volume-attachments.js';

/**
 * What Filter keeps per NodeInfo: its CSINode and limits (as of a CSINode
 * map, which a lineage never changes), and the volumes its pods attach with
 * their count per driver, as of a node generation and the catalog revisions
 * they hold for. One object, so a Filter call reads few cache lines.
 */
export interface NodeVolumeState extends AttachmentBoundSlot {
  readonly csiNodes: ReadonlyMap<string, V1CSINode>;
  readonly csiNode: V1CSINode | undefined;
  readonly limits: ReadonlyMap<string, number>;
  /** -1 until the attachments are worked out. */
  generation: number;
  hasCsiNode: boolean;
  perPod: readonly PodAttachments[];
  /** The first pod's error, which stops Filter; null when every pod's volumes resolved. */
  error: Status | null;
  /** Unique name → driver of the pods' volumes (empty with an error). */
  attached: ReadonlyMap<string, string>;
  /** Attached volumes per driver, the node's VolumeAttachments included; with one driver (the usual node) also inline below, so Filter reads no map. */
  counts: ReadonlyMap<string, number>;
  onlyDriver: string | undefined;
  onlyDriverCount: number;
  /** The claim keys and PV names the pods' attachments and the node's VolumeAttachments were read from (storage-catalog.ts keeps the two apart by the `/`). */
  reads: ReadonlySet<string>;
  /** The newest catalog the attachments are known to hold for. */
  catalog: StorageCatalog | undefined;
  /** They hold for the revisions fromRevision ≤ r < invalidatedAt of this lineage (LineageReaders marks invalidatedAt). */
  lineage: Lineage | undefined;
  fromRevision: number;
  invalidatedAt: number;
  /** When LineageReaders indexed its attached volumes (LineageReaders.registrations then). */
  registration: number;
}

/** The count of a driver's attached volumes on the node. */
export function attachedCount(state: NodeVolumeState, driver: string): number {
  if (state.onlyDriver === driver) return state.onlyDriverCount;
  if (state.onlyDriver !== undefined || state.counts.size === 0) return 0;
  return state.counts.get(driver) ?? 0;
}

/** Where a state is indexed once worked out or found good for a newer catalog (lineage-readers.ts LineageReaders). */
export interface StateRegistry {
  register(state: NodeVolumeState, revision: number): void;
}

/**
 * What a state holds until its attachments are worked out: shared, since
 * cachedNodeAttachments replaces these fields rather than filling them, and
 * most nodes never need theirs (the attachment bound answers for them), so
 * the first PreFilter over 5,000 nodes allocates no collections per node.
 */
const NOTHING_ATTACHED: ReadonlyMap<string, string> = new Map();
const NO_COUNTS: ReadonlyMap<string, number> = new Map();
const NO_READS: ReadonlySet<string> = new Set();

/** The node's state (kept on the NodeInfo: one field read per node and pod). */
export function nodeVolumeState(node: NodeInfo, storage: StorageCatalog): NodeVolumeState {
  let state = node.volumeLimitsState as NodeVolumeState | undefined;
  if (state === undefined || state.csiNodes !== storage.csiNodes) {
    const csiNode = storage.csiNodes.get(node.name);
    state = {
      csiNodes: storage.csiNodes,
      csiNode,
      limits: csiNodeVolumeLimits(csiNode),
      generation: -1,
      hasCsiNode: false,
      perPod: [],
      error: null,
      attached: NOTHING_ATTACHED,
      counts: NO_COUNTS,
      onlyDriver: undefined,
      onlyDriverCount: 0,
      reads: NO_READS,
      catalog: undefined,
      lineage: undefined,
      fromRevision: 0,
      invalidatedAt: 0,
      registration: -1,
      boundGeneration: -1,
      bound: 0,
    };
    node.volumeLimitsState = state;
  }
  return state;
}

/**
 * nodeAttachedVolumes with its per-driver counts, kept in the node's state
 * while the node's pods are unchanged (its generation) and each pod's share
 * is what the catalog gives: for a catalog of the same lineage, while no
 * step since touched a claim or PV the node's pods read (two numbers
 * compared); otherwise each pod's reads are compared with the catalog's
 * objects. `version` is catalogVersion(storage) and `readers` its lineage's
 * LineageReaders, both looked up once per pod by the caller.
 */
export function cachedNodeAttachments(
  node: NodeInfo,
  state: NodeVolumeState,
  hasCsiNode: boolean,
  storage: StorageCatalog,
  version: CatalogVersion | undefined,
  readers: StateRegistry | undefined,
): NodeVolumeState {
  if (state.generation === node.generation && state.hasCsiNode === hasCsiNode) {
    if (state.catalog === storage) return state;
    if (version !== undefined && state.lineage === version.lineage && state.fromRevision <= version.revision && version.revision < state.invalidatedAt) {
      state.catalog = storage;
      return state;
    }
    let same = true;
    for (let index = 0; index < node.pods.length && same; index++) same = existingPodAttachments(node.pods[index]!, hasCsiNode, storage) === state.perPod[index];
    if (same) {
      // The pods' shares hold; the attachments' PVs are looked up again in this catalog (a new set: reads may be shared).
      const reads = new Set(state.reads);
      countAttachments(state, node.name, storage, reads);
      state.reads = reads;
      state.catalog = storage;
      if (version !== undefined) readers?.register(state, version.revision);
      return state;
    }
  }
  const reads = new Set<string>();
  state.perPod = node.pods.map((pod) => {
    const entry = podAttachmentsEntry(pod, hasCsiNode, storage);
    for (const [kind, key] of entry.reads) if (kind !== 'storageClasses') reads.add(key);
    return entry.attachments;
  });
  const attached = unionOf(state.perPod);
  state.error = attached instanceof Map ? null : attached;
  state.attached = attached instanceof Map ? attached : new Map();
  countAttachments(state, node.name, storage, reads);
  state.reads = reads;
  state.generation = node.generation;
  state.hasCsiNode = hasCsiNode;
  state.catalog = storage;
  state.lineage = undefined;
  if (version !== undefined) readers?.register(state, version.revision);
  return state;
}

/** The per-driver counts: the pods' volumes and the node's VolumeAttachments of other volumes (Filter's attachedVolumeCount). */
function countAttachments(state: NodeVolumeState, nodeName: string, storage: StorageCatalog, reads: Set<string>): void {
  state.counts = countWithAttachments(state.attached, nodeVolumeAttachments(nodeName, storage, reads));
  state.onlyDriver = state.counts.size === 1 ? [...state.counts.keys()][0] : undefined;
  state.onlyDriverCount = state.onlyDriver === undefined ? 0 : state.counts.get(state.onlyDriver)!;
}

/** The attached volumes of every pod on the node (unique name → driver), or the first pod's error. */
function unionOf(perPod: readonly PodAttachments[]): Map<string, string> | Status {
  const attached = new Map<string, string>();
  for (const attachments of perPod) {
    if (!(attachments instanceof Map)) return attachments as Status;
    for (const [name, driver] of attachments) attached.set(name, driver);
  }
  return attached;
}
