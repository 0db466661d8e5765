/**
 * DynamicResources (pkg/scheduler/framework/plugins/dynamicresources/
 * dynamicresources.go), with the structured allocator (./allocator):
 * - PreEnqueue: a pod whose claims do not all exist (or are being deleted,
 *   or were not made for it) never enters the queue, as upstream's
 *   PreEnqueue (foreachPodResourceClaim): it is held with that reason and
 *   never attempted.
 * - PreFilter: the pod's claims must exist (upstream's reasons); an allocated
 *   claim must be reservable for the pod ("resourceclaim in use"); a claim to
 *   allocate must name existing device classes ("request … : device class …
 *   does not exist"); pods without claims Skip. All UnschedulableAndUnresolvable.
 * - Filter: an allocated claim's node selector must match the node
 *   ("resourceclaim not available on the node"); the claims to allocate must
 *   all be allocatable from the pools the node can use, given the devices
 *   allocated in the cluster and by earlier pods of the plan ("cannot
 *   allocate all claims"; its details, built only when an explanation asks,
 *   say per request how many of the node's devices match and are free and
 *   what fails first: claim-explanation.ts). Nodes whose pools the
 *   allocator cannot tell apart share one search per pod
 *   (allocator/node-equivalence.ts). An allocator error (a CEL runtime error, admin
 *   access with the gate off, an invalid pool before v1.35) is the Filter's
 *   Error: the pod's attempt fails with it (FailedScheduling `running
 *   "DynamicResources" filter plugin: …`), as upstream's statusError; only
 *   ErrFailedAllocationOnNode ("invalid resource pools were encountered",
 *   v1.35) rejects just the node.
 * - Reserve: the claims allocated for the chosen node (recomputed: the
 *   framework's Reserve gets no cycle state), reserved for the pod,
 *   replace the catalog's (the scheduler's assume cache), so the next pod
 *   sees those devices taken.
 * - PostFilter: upstream's deallocation step cannot change a plan; its
 *   message is kept ("no new claims to deallocate" when the pod has no claim
 *   to allocate or none was unavailable, "still not schedulable" otherwise).
 */
import type { ResourceV1ResourceClaim, V1NodeSelector } from '@kubernetes/client-node';
import { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PostFilterPlugin, PostFilterResult, PreEnqueuePlugin, PreFilterPlugin, PreFilterResult, ReservePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Code, PluginError, Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import { withResourceClaims, type DraCatalog } from '../../model/dra-catalog.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { DRA_EXTENDED_RESOURCE_RULES, type DraExtendedResourceRules } from '../../release/release-table.js';
import { NodeSelector } from '../node-affinity/node-selector.js';
import { AllocatorError, StructuredAllocator, type AllocatedRequests, type AllocatorFeatures, type ClaimAllocation } from './allocator/structured-allocator.js';
import { explainClaims } from './claim-explanation.js';
import {
  draExtendedResourceRequests,
  deviceClassMapping,
  extendedResourceDeviceRequests,
  findExtendedResourceClaim,
  hasMappedExtendedResource,
  nodeExtendedResources,
  specialClaim,
  SPECIAL_CLAIM_IN_MEMORY_NAME,
} from './extended-resources.js';
import { nameSuffix } from '../../../kube/expansion/hashing.js';
import { canBeReserved, isReservedForPod, podResourceClaims } from './pod-claims.js';
import { prioritizedListScore, ScoreError } from './prioritized-list-score.js';
import type { ScorePlugin } from '../../framework/interfaces.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';

export const ERR_REASON_NO_CLAIMS_TO_DEALLOCATE = 'no new claims to deallocate';
/** upstream: PostFilter of a plugin built with the DynamicResourceAllocation gate off. */
export const ERR_REASON_PLUGIN_DISABLED = 'plugin disabled';
export const ERR_REASON_CANNOT_ALLOCATE = 'cannot allocate all claims';
export const ERR_REASON_NOT_AVAILABLE_ON_NODE = 'resourceclaim not available on the node';
export const ERR_REASON_CLAIM_IN_USE = 'resourceclaim in use';
export const ERR_REASON_STILL_NOT_SCHEDULABLE = 'still not schedulable';
/** extendedresource.go filterExtendedResources: a claim made for the pod's extended resources in an earlier cycle. */
export const ERR_REASON_STALE_EXTENDED_RESOURCE_CLAIM = 'cannot schedule extended resource claim';
/** extendedresource.go filterExtendedResources: an extended resource neither in the node's allocatable nor mapped by a DeviceClass. */
export const ERR_REASON_CANNOT_FIT_RESOURCE = 'cannot fit resource';
/** apiserver names.SimpleNameGenerator: generateName's base is cut to 58 characters before the 5-character suffix. */
const MAX_GENERATE_NAME_BASE = 58;

const STATE_KEY = 'PreFilter' + PluginNames.DynamicResources;

export interface DynamicResourcesFeatures extends AllocatorFeatures {
  /** DynamicResourceAllocation. */
  readonly enabled: boolean;
  /** DRAExtendedResource: extended resources backed by DeviceClasses (extended-resources.ts). */
  readonly extendedResource?: boolean;
  /** How the release maps and places them (DRA_EXTENDED_RESOURCE_RULES; v1.35's when unset). */
  readonly extendedResourceRules?: DraExtendedResourceRules;
}

/** preFilterExtendedResources' state: the pod's mapped extended resources and one allocator per set of them DRA provides on a node. */
interface ExtendedResourceState {
  readonly mapping: ReadonlyMap<string, string>;
  readonly requests: readonly [string, number][];
  /** A claim an earlier cycle made for the pod: every node is refused until PostFilter deletes it. */
  readonly stale?: ResourceV1ResourceClaim;
  readonly userClaimsToAllocate: readonly ResourceV1ResourceClaim[];
  readonly allocators: Map<string, { readonly allocator: StructuredAllocator; readonly claim: ResourceV1ResourceClaim }>;
}

interface ClaimInfo {
  readonly claim: ResourceV1ResourceClaim;
  /** Set for an allocated claim whose allocation names where it is available. */
  readonly availableOnNodes?: NodeSelector;
}

interface DraState {
  readonly claims: readonly ClaimInfo[];
  readonly allocator?: StructuredAllocator;
  /** The catalog the allocator reads, for explanations. */
  readonly catalog?: DraCatalog;
  /** Filter's allocated requests per node, for Score (Reserve allocates again: the framework's Reserve gets no cycle state). */
  readonly nodeRequests: Map<string, AllocatedRequests>;
  /** Indices of allocated claims some node's Filter found unavailable (PostFilter). */
  readonly unavailableClaims: Set<number>;
  readonly extended?: ExtendedResourceState;
}

/** What Filter allocates on a node: the user's claims to allocate, and the node's variant of the special claim. */
type NodeClaims = { readonly status: Status | null } | { readonly allocator?: StructuredAllocator; readonly special?: ResourceV1ResourceClaim };

/** The special claim as Score counts it. */
const EXTENDED_RESOURCE_CLAIM_PLACEHOLDER: ResourceV1ResourceClaim = { metadata: { name: SPECIAL_CLAIM_IN_MEMORY_NAME }, spec: {} };

const EMPTY_STATE: DraState = { claims: [], nodeRequests: new Map(), unavailableClaims: new Set() };

export class DynamicResourcesPlugin implements PreEnqueuePlugin, PreFilterPlugin, FilterPlugin, PostFilterPlugin, ReservePlugin {
  readonly name = PluginNames.DynamicResources;

  constructor(private readonly features: DynamicResourcesFeatures) {}

  private get extendedResourceRules(): DraExtendedResourceRules {
    return this.features.extendedResourceRules ?? DRA_EXTENDED_RESOURCE_RULES.releases['v1.35'];
  }

  preEnqueue(pod: PodInfo, cluster: ClusterState): Status | null {
    if (!this.features.enabled) return null;
    const found = podResourceClaims(pod.pod, cluster.objects.dra);
    return 'error' in found ? Status.unresolvable(found.error) : null;
  }

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    if (!this.features.enabled) return { status: Status.skip() };
    state.write(STATE_KEY, EMPTY_STATE);
    const catalog = cluster.objects.dra;
    const found = podResourceClaims(pod.pod, catalog);
    if ('error' in found) return { status: Status.unresolvable(found.error) };
    const rules = this.extendedResourceRules;
    const extendedRequests = this.features.extendedResource ? draExtendedResourceRequests(pod.requests, rules) : [];
    const mapping = extendedRequests.length > 0 ? deviceClassMapping(catalog.deviceClasses.values(), rules) : undefined;
    const hasExtended = mapping !== undefined && hasMappedExtendedResource(extendedRequests, mapping);
    if (found.claims.length === 0 && !hasExtended) return { status: Status.skip() };
    const claims: ClaimInfo[] = [];
    const toAllocate: ResourceV1ResourceClaim[] = [];
    for (const claim of found.claims) {
      const allocation = claim.status?.allocation;
      if (allocation && !canBeReserved(claim) && !isReservedForPod(pod.pod, claim)) {
        return { status: Status.unresolvable(ERR_REASON_CLAIM_IN_USE, { claim: claim.metadata?.name }) };
      }
      if (allocation) {
        claims.push({ claim, ...(allocation.nodeSelector && { availableOnNodes: NodeSelector.compile(allocation.nodeSelector) }) });
        continue;
      }
      claims.push({ claim });
      toAllocate.push(claim);
      for (const request of claim.spec.devices?.requests ?? []) {
        const subRequests = request.firstAvailable ?? [];
        if (!request.exactly && subRequests.length === 0) {
          return { status: Status.unresolvable(`resource claim ${claimLabel(claim)}, request ${request.name}: unknown request type`) };
        }
        if (subRequests.length > 0 && !this.features.prioritizedList) {
          return { status: Status.unresolvable(`resource claim ${claimLabel(claim)}, request ${request.name}: has subrequests, but the DRAPrioritizedList feature is disabled`) };
        }
        const references = subRequests.length > 0 ? subRequests.map((sub) => [`${request.name}/${sub.name}`, sub.deviceClassName] as const) : [[request.name, request.exactly?.deviceClassName ?? ''] as const];
        for (const [requestName, className] of references) {
          // dynamicresources.go validateDeviceClass: no class name is an Error, not a rejection.
          if (className === '') return { status: Status.error(`request ${requestName}: unsupported request type`) };
          if (!catalog.deviceClasses.has(className)) {
            return { status: Status.unresolvable(`request ${requestName}: device class ${className} does not exist`, { claim: claim.metadata?.name, request: requestName, deviceClass: className }) };
          }
        }
      }
    }
    const extended: ExtendedResourceState | undefined = hasExtended
      ? { mapping: mapping!, requests: extendedRequests, stale: findExtendedResourceClaim(pod.pod, catalog.resourceClaims.values()), userClaimsToAllocate: toAllocate, allocators: new Map() }
      : undefined;
    const allocator = toAllocate.length > 0 && extended === undefined ? this.allocatorFor(toAllocate, catalog) : undefined;
    state.write<DraState>(STATE_KEY, { claims, ...((allocator || extended) && { catalog }), ...(allocator && { allocator }), ...(extended && { extended }), nodeRequests: new Map(), unavailableClaims: new Set() });
    return { status: null };
  }

  private allocatorFor(toAllocate: readonly ResourceV1ResourceClaim[], catalog: DraCatalog): StructuredAllocator {
    // GatherAllocatedState with DRAConsumableCapacity: shares are not devices in use, their consumed capacity is.
    const consumable = this.features.consumableCapacity === true;
    return new StructuredAllocator(
      this.features,
      toAllocate,
      consumable ? catalog.dedicatedDevices : catalog.allocatedDevices,
      catalog.deviceClasses,
      catalog.resourceSlices,
      consumable ? catalog.aggregatedCapacity : undefined,
    );
  }

  /**
   * filterExtendedResources, then the claims Filter allocates on the node:
   * with the pod's extended resources, the user's claims plus the node's
   * variant of the special claim (one allocator per variant, shared by the
   * nodes that need the same resources from DRA).
   */
  private nodeClaims(data: DraState, pod: PodInfo, node: NodeInfo): NodeClaims {
    const extended = data.extended;
    if (extended === undefined) return { ...(data.allocator && { allocator: data.allocator }) };
    if (extended.stale?.spec.devices?.requests !== undefined) return { status: Status.unresolvable(ERR_REASON_STALE_EXTENDED_RESOURCE_CLAIM, { claim: extended.stale.metadata?.name }) };
    const onNode = nodeExtendedResources(extended.requests, extended.mapping, node, this.extendedResourceRules);
    if ('unfit' in onNode) return { status: Status.unresolvable(ERR_REASON_CANNOT_FIT_RESOURCE, { resource: onNode.unfit }) };
    // The device plugin serves every extended resource here and the pod has no claim: nothing for this plugin.
    if (data.claims.length === 0 && onNode.viaDra.length === 0) return { status: null };
    const key = onNode.claimed.join('\n');
    let variant = extended.allocators.get(key);
    if (variant === undefined) {
      const claim = specialClaim(pod.pod, extendedResourceDeviceRequests(pod.pod, onNode.claimed, extended.mapping));
      const allocator = this.allocatorFor([...extended.userClaimsToAllocate, claim], data.catalog!);
      variant = { allocator, claim };
      extended.allocators.set(key, variant);
    }
    return { allocator: variant.allocator, special: variant.claim };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const data = state.readOptional<DraState>(STATE_KEY);
    if (data === undefined || (data.claims.length === 0 && data.extended === undefined)) return null;
    // Without extended resources every node allocates the same claims: no per-node object (Filter runs for every node and pod).
    const onNode = data.extended === undefined ? undefined : this.nodeClaims(data, pod, node);
    if (onNode !== undefined && 'status' in onNode) return onNode.status;
    let unavailable: number[] | undefined;
    for (let index = 0; index < data.claims.length; index++) {
      const available = data.claims[index].availableOnNodes;
      if (available && !available.matches(node)) (unavailable ??= []).push(index);
    }
    let requests: AllocatedRequests | undefined;
    const allocator = onNode === undefined ? data.allocator : onNode.allocator;
    if (allocator) {
      try {
        requests = allocator.allocatedRequests(node);
      } catch (error) {
        if (!(error instanceof AllocatorError)) throw error;
        return error.failedOnNode ? Status.unresolvable(error.message) : Status.error(error.message);
      }
      if (requests === undefined) {
        const claims = allocator.claimsToAllocate;
        const catalog = data.catalog!;
        return Status.rejectedWithLazyDetails(Code.UnschedulableAndUnresolvable, ERR_REASON_CANNOT_ALLOCATE, () => explainClaims(claims, catalog, node, this.features).map((explanation) => ({ ...explanation })));
      }
    }
    if (unavailable !== undefined) {
      for (const index of unavailable) data.unavailableClaims.add(index);
      return Status.unresolvable(ERR_REASON_NOT_AVAILABLE_ON_NODE, ...unavailable.map((index) => ({ claim: data.claims[index].claim.metadata?.name })));
    }
    if (requests) data.nodeRequests.set(node.name, requests);
    return null;
  }

  postFilter(state: CycleState, pod: PodInfo): PostFilterResult {
    if (!this.features.enabled) return { status: Status.unschedulable(ERR_REASON_PLUGIN_DISABLED) };
    const data = state.readOptional<DraState>(STATE_KEY);
    if (data === undefined || (data.claims.length === 0 && data.extended === undefined)) return { status: Status.unschedulable(ERR_REASON_NO_CLAIMS_TO_DEALLOCATE) };
    for (const index of [...data.unavailableClaims].sort((a, b) => a - b)) {
      const reservedFor = data.claims[index].claim.status?.reservedFor ?? [];
      if (reservedFor.length === 0 || (reservedFor.length === 1 && reservedFor[0].uid === pod.pod.metadata?.uid)) {
        // Upstream deallocates the claim here and the pod is retried later; a plan cannot wait for that.
        return { status: Status.unschedulable('deallocation of ResourceClaim completed') };
      }
    }
    // Upstream deletes an extended-resource claim left by an earlier cycle, and the pod is retried later.
    if (data.extended?.stale !== undefined) return { status: Status.unschedulable('deletion of ResourceClaim completed') };
    return { status: Status.unschedulable(ERR_REASON_STILL_NOT_SCHEDULABLE) };
  }

  /** Allocates the pod's claims on `node` (as its Filter did) and reserves every claim for the pod in the plan's catalog. */
  reserve(pod: PodInfo, node: NodeInfo, cluster: ClusterState): void {
    if (!this.features.enabled || ((pod.pod.spec?.resourceClaims?.length ?? 0) === 0 && !this.features.extendedResource)) return;
    const state = new CycleState();
    const preFilter = this.preFilter(state, pod, cluster);
    if (preFilter.status && !preFilter.status.isSkip) throw new PluginError(`running Reserve plugin "${this.name}": ${preFilter.status.message}`);
    const data = state.readOptional<DraState>(STATE_KEY) ?? EMPTY_STATE;
    if (data.claims.length === 0 && data.extended === undefined) return;
    const onNode = this.nodeClaims(data, pod, node);
    if ('status' in onNode) {
      if (onNode.status === null) return;
      throw new PluginError(`running Reserve plugin "${this.name}": ${onNode.status.message}`);
    }
    const allocator = onNode.allocator;
    const allocations = allocator?.allocate(node);
    if (allocator && allocations === undefined) throw new PluginError(`running Reserve plugin "${this.name}": claim allocation not found for node`);
    const allocatedByClaim = new Map<ResourceV1ResourceClaim, ClaimAllocation>();
    allocator?.claimsToAllocate.forEach((claim, index) => allocatedByClaim.set(claim, (allocations as ClaimAllocation[])[index]));
    const consumer = { resource: 'pods', name: pod.pod.metadata?.name ?? '', uid: pod.pod.metadata?.uid ?? '' };
    // PreBind creates the special claim under a generated name (podplan derives the suffix from the pod, as for template claims).
    const special = onNode.special && { ...onNode.special, metadata: { ...onNode.special.metadata, name: extendedResourceClaimName(pod) } };
    const updated = [...data.claims.map(({ claim }) => claim), ...(onNode.special ? [onNode.special] : [])].map((claim) => {
      const allocation = allocatedByClaim.get(claim);
      const reservedFor = isReservedForPod(pod.pod, claim) ? (claim.status?.reservedFor ?? []) : [...(claim.status?.reservedFor ?? []), consumer];
      return {
        ...(claim === onNode.special ? special! : claim),
        status: {
          ...claim.status,
          ...(allocation && { allocation: { devices: { results: allocation.devices.map((device) => ({ ...device })) }, ...(allocation.nodeSelector && { nodeSelector: allocation.nodeSelector as V1NodeSelector }) } }),
          reservedFor,
        },
      } as ResourceV1ResourceClaim;
    });
    cluster.withCatalog((catalog) => ({ ...catalog, dra: withResourceClaims(catalog.dra, updated) }));
  }
}

/** generateName `<pod>-extended-resources-` (the base cut as the API server cuts it) and a suffix derived from the pod. */
function extendedResourceClaimName(pod: PodInfo): string {
  const base = `${pod.pod.metadata?.name ?? ''}-extended-resources-`.slice(0, MAX_GENERATE_NAME_BASE);
  return `${base}${nameSuffix(`${pod.pod.metadata?.namespace || 'default'}/${pod.pod.metadata?.name ?? ''}/${SPECIAL_CLAIM_IN_MEMORY_NAME}`)}`;
}

function claimLabel(claim: ResourceV1ResourceClaim): string {
  return `${claim.metadata?.namespace || 'default'}/${claim.metadata?.name ?? ''}`;
}

/**
 * DynamicResources as v1.35 builds it: also a Score plugin (see
 * prioritized-list-score.ts), so the default profile weighs it like every
 * multiPoint plugin without a weight (1).
 */
export class ScoringDynamicResourcesPlugin extends DynamicResourcesPlugin implements ScorePlugin {
  // A pod without claims (PreFilter Skip) scores 0 on every node, so replica runs may take it.
  readonly scoreConstantWhenSkipped = true;

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const data = state.readOptional<DraState>(STATE_KEY);
    if (data === undefined || data.claims.length === 0) return 0;
    const requests = data.nodeRequests.get(node.name);
    if (requests === undefined) return 0;
    try {
      // Upstream's claim store lists the special claim after the pod's own (it has no firstAvailable request, so it adds nothing but its index).
      const claims = data.claims.map((info) => info.claim);
      return prioritizedListScore(data.extended ? [...claims, EXTENDED_RESOURCE_CLAIM_PLACEHOLDER] : claims, requests);
    } catch (error) {
      if (!(error instanceof ScoreError)) throw error;
      throw new PluginError(`running Score plugin "${this.name}": ${error.message}`);
    }
  }

  /**
   * Upstream has no PreScore here (v1.35 dynamicresources.go), so Score runs
   * on every feasible node and answers 0 for a pod without claims; that is
   * answered once for all nodes rather than node by node.
   */
  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], raw: Float64Array): void {
    const data = state.readOptional<DraState>(STATE_KEY);
    if (data === undefined || data.claims.length === 0) {
      raw.fill(0, 0, nodes.length);
      return;
    }
    for (let index = 0; index < nodes.length; index++) raw[index] = this.score(state, pod, nodes[index]);
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(100, false, scores);
  }
}
