/**
 * VolumeBinding, as upstream plugins/volumebinding/volume_binding.go (v1.34):
 * - PreFilter (podHasPVCs, GetPodVolumeClaims): Skip for a pod without
 *   claims; a missing or lost claim, or an unbound Immediate (or pre-bound)
 *   claim, makes the pod UnschedulableAndUnresolvable; bound local PVs narrow
 *   the nodes to their hostnames (GetEligibleNodes).
 * - Filter (FindPodVolumes): UnschedulableAndUnresolvable with every
 *   conflict reason of the node.
 * - Reserve (AssumePodVolumes) followed by what PreBind and the PV
 *   controller make of it: the chosen PVs are bound to their claims and
 *   claims to provision get the selected-node annotation, in the catalog the
 *   next pods of the plan see. So a PV one replica takes is not offered to
 *   the next.
 * Score is upstream's only with the alpha StorageCapacityScoring gate (its
 * PreScore skips otherwise); podplan does not simulate it.
 *
 * Not node-local: what it reads changes as replicas bind claims.
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass, V1TopologySelectorTerm } from '@kubernetes/client-node';
import { BIND_COMPLETED_ANNOTATION, SELECTED_NODE_ANNOTATION } from '../../../kube/storage-stripping.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult, ReservePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Code, Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { withClaims, withPersistentVolumes, type StorageCatalog } from '../../model/storage-catalog.js';
import { eligibleNodes } from './eligible-nodes.js';
import { claimMatching, claimsBySize, findPodVolumes, provisions, type ClaimMatching, type PodVolumes } from './find-pod-volumes.js';
import { mayTranslate } from './migrated-volume.js';
import { podVolumeClaims, type PodVolumeClaims } from './pod-volume-claims.js';
import { hasEnoughCapacity, tracksCapacity } from './storage-capacity.js';
import { claimClass, matchTopologySelectorTerms, nodeAffinityMatches } from './pv-matching.js';

export const ErrReasonUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';

const STATE_KEY = `PreFilter${PluginNames.VolumeBinding}`;

interface PreFilterState {
  readonly claims: PodVolumeClaims;
  readonly matchings: readonly ClaimMatching[];
  readonly storage: StorageCatalog;
  /** null: every node needs FindPodVolumes. */
  readonly quick: QuickCheck | null;
}

/**
 * What decides a node when FindPodVolumes has no PV to match for any claim
 * (the usual dynamically provisioned claims): bound claims' PVs (all found)
 * must admit the node, claims already given a node must name this one, and
 * every unbound claim is provisioned, so its class's allowedTopologies must
 * admit the node (and, where its driver tracks capacity, a CSIStorageCapacity
 * must have room for it there). A node that passes these passes FindPodVolumes with no
 * reason; one that does not goes through FindPodVolumes for its reasons.
 * Checked without allocating anything per node.
 */
interface QuickCheck {
  readonly boundVolumes: readonly V1PersistentVolume[];
  readonly selectedNodes: readonly string[];
  readonly topologies: readonly (readonly V1TopologySelectorTerm[])[];
  /** Claims whose driver tracks storage capacity: each needs room on the node (hasEnoughCapacity). */
  readonly capacityChecks: readonly { readonly claim: V1PersistentVolumeClaim; readonly storageClass: V1StorageClass }[];
}

/** The QuickCheck of a pod, or null when some claim has a PV to match, a bound in-tree PV CSI migration may translate, or would end FindPodVolumes with an error. */
function quickCheck(claims: PodVolumeClaims, matchings: readonly ClaimMatching[], storage: StorageCatalog): QuickCheck | null {
  if (matchings.some((matching) => matching.prebound !== undefined || matching.groups.length > 0)) return null;
  const boundVolumes: V1PersistentVolume[] = [];
  for (const claim of claims.bound) {
    const volume = storage.persistentVolumes.get(claim.spec?.volumeName ?? '');
    // An in-tree PV that may be checked in its CSI form depends on each node's CSINode: FindPodVolumes decides.
    if (!volume || mayTranslate(volume)) return null;
    boundVolumes.push(volume);
  }
  const selectedNodes: string[] = [];
  const topologies: (readonly V1TopologySelectorTerm[])[] = [];
  const capacityChecks: { claim: V1PersistentVolumeClaim; storageClass: V1StorageClass }[] = [];
  for (const claim of claims.unboundDelayBinding) {
    const selectedNode = claim.metadata?.annotations?.[SELECTED_NODE_ANNOTATION];
    if (selectedNode !== undefined) selectedNodes.push(selectedNode);
    const className = claimClass(claim);
    const storageClass = className === '' ? undefined : storage.storageClasses.get(className);
    if (!storageClass || !provisions(storageClass)) return null;
    if (storageClass.allowedTopologies && storageClass.allowedTopologies.length > 0) topologies.push(storageClass.allowedTopologies);
    if (tracksCapacity(storageClass, storage)) capacityChecks.push({ claim, storageClass });
  }
  return { boundVolumes, selectedNodes, topologies, capacityChecks };
}

function passesQuickCheck(quick: QuickCheck, node: NodeInfo, storage: StorageCatalog): boolean {
  for (const volume of quick.boundVolumes) if (!nodeAffinityMatches(volume, node.labels)) return false;
  for (const selectedNode of quick.selectedNodes) if (selectedNode !== node.name) return false;
  for (const terms of quick.topologies) if (!matchTopologySelectorTerms(terms, node.labels)) return false;
  for (const { claim, storageClass } of quick.capacityChecks) if (!hasEnoughCapacity(claim, storageClass, node, storage)) return false;
  return true;
}

/**
 * A quick check with nothing to check (no bound claim, every unbound one
 * provisioned by a class without allowedTopologies or capacity tracking, none
 * given a node yet): Filter passes every node, so the framework need not call
 * it (PreFilterResult.passesEveryNode). That is the usual new claim of a
 * StatefulSet replica.
 */
function passesEveryNode(quick: QuickCheck | null): boolean {
  return quick !== null && quick.boundVolumes.length === 0 && quick.selectedNodes.length === 0 && quick.topologies.length === 0 && quick.capacityChecks.length === 0;
}

/** The node-independent work of FindPodVolumes, once per pod. */
function preFilterState(claims: PodVolumeClaims, storage: StorageCatalog): PreFilterState {
  const matchings = claimsBySize(claims.unboundDelayBinding.filter((claim) => claim.metadata?.annotations?.[SELECTED_NODE_ANNOTATION] === undefined)).map((claim) =>
    claimMatching(claim, claims.volumesByClass.get(claimClass(claim)) ?? []),
  );
  return { claims, matchings, storage, quick: quickCheck(claims, matchings, storage) };
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin {
  readonly name = PluginNames.VolumeBinding;
  /** The last pod's PreFilter state, which its Reserve reuses while the catalog is the one it was made from. */
  private lastPreFilter: { readonly pod: PodInfo; readonly state: PreFilterState } | undefined;

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    const storage = cluster.objects.storage;
    const claims = podVolumeClaims(pod, storage);
    if (claims === undefined) return { status: Status.skip() };
    if (typeof claims === 'string') return { status: Status.unresolvable(claims) };
    if (claims.unboundImmediate.length > 0) {
      return { status: Status.unresolvable(ErrReasonUnboundImmediate, { claims: claims.unboundImmediate.map((claim) => claim.metadata?.name ?? '') }) };
    }
    const preFilter = preFilterState(claims, storage);
    this.lastPreFilter = { pod, state: preFilter };
    state.write(STATE_KEY, preFilter);
    const nodeNames = eligibleNodes(claims.bound, storage);
    return { status: null, ...(nodeNames && { nodeNames }), ...(passesEveryNode(preFilter.quick) && { passesEveryNode: true }) };
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const { claims, matchings, storage, quick } = state.read<PreFilterState>(STATE_KEY);
    if (quick !== null && passesQuickCheck(quick, node, storage)) return null;
    const found = findPodVolumes(claims, matchings, node, storage);
    if ('error' in found) return Status.error(found.error);
    if (found.reasons.length === 0) return null;
    return new Status(Code.UnschedulableAndUnresolvable, found.reasons, found.details);
  }

  reserve(pod: PodInfo, node: NodeInfo, cluster: ClusterState): void {
    const storage = cluster.objects.storage;
    const last = this.lastPreFilter;
    let preFilter: PreFilterState;
    if (last !== undefined && last.pod === pod && last.state.storage === storage) {
      preFilter = last.state;
    } else {
      const claims = podVolumeClaims(pod, storage);
      if (claims === undefined || typeof claims === 'string') return;
      preFilter = preFilterState(claims, storage);
    }
    const { claims, matchings } = preFilter;
    if (claims.unboundDelayBinding.length === 0) return;
    const found = findPodVolumes(claims, matchings, node, storage);
    if ('error' in found || found.reasons.length > 0) return;
    cluster.withCatalog((catalog) => ({ ...catalog, storage: assumed(catalog.storage, found.volumes, node.name) }));
  }
}

/**
 * AssumePodVolumes, and the state PreBind leaves once the PV controller has
 * done its part: each chosen PV bound to its claim (GetBindVolumeToClaim
 * sets claimRef) and the claim to the PV; each claim to provision annotated
 * with the node.
 */
function assumed(storage: StorageCatalog, volumes: PodVolumes, nodeName: string): StorageCatalog {
  const boundVolumes: V1PersistentVolume[] = [];
  const changedClaims: V1PersistentVolumeClaim[] = [];
  for (const { claim, volume } of volumes.staticBindings) {
    boundVolumes.push({
      ...volume,
      spec: { ...volume.spec, claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata?.namespace || 'default', name: claim.metadata?.name, uid: claim.metadata?.uid } },
      status: { ...volume.status, phase: 'Bound' },
    });
    changedClaims.push({
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...claim.metadata?.annotations, [BIND_COMPLETED_ANNOTATION]: 'yes' } },
      spec: { ...claim.spec, volumeName: volume.metadata?.name },
      status: { ...claim.status, phase: 'Bound' },
    });
  }
  for (const claim of volumes.dynamicProvisions) {
    changedClaims.push({ ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata?.annotations, [SELECTED_NODE_ANNOTATION]: nodeName } } });
  }
  return withClaims(withPersistentVolumes(storage, boundVolumes), changedClaims);
}
