/**
 * What differs between the kube-scheduler releases podplan emulates, in one
 * table: feature gates (their stage and default per release), and the
 * behaviours that changed without a gate (messages). Every row cites where
 * upstream made the change. Everything release-dependent in the engine reads
 * its value from here, through ./emulation.ts.
 *
 * Gate rows restate pkg/features/kube_features.go's versioned specs
 * (defaultVersionedKubernetesFeatureGates): the entry in force at each minor
 * release. A gate absent from a release (`undefined`) does not exist there.
 * Only gates that change what kube-scheduler decides or says, or what the
 * API server does to a pod before it is scheduled, are listed; `modelled`
 * says what podplan does with each.
 */
import type { KubernetesRelease } from './kubernetes-release.js';

export type GateStage = 'Alpha' | 'Beta' | 'GA';

export interface GateSpec {
  readonly stage: GateStage;
  readonly default: boolean;
  /** LockToDefault: the gate cannot be set to anything else. */
  readonly locked?: boolean;
}

export interface FeatureGateRow {
  readonly gate: string;
  /** The upstream change (KEP, PR or release note) behind the stages below. */
  readonly upstream: string;
  /** What podplan does with the gate. */
  readonly modelled: string;
  readonly releases: Readonly<Record<KubernetesRelease, GateSpec | undefined>>;
}

const alphaOff: GateSpec = { stage: 'Alpha', default: false };
const betaOff: GateSpec = { stage: 'Beta', default: false };
const betaOn: GateSpec = { stage: 'Beta', default: true };
const gaOn: GateSpec = { stage: 'GA', default: true };
const gaLocked: GateSpec = { stage: 'GA', default: true, locked: true };

export const FEATURE_GATE_ROWS: readonly FeatureGateRow[] = [
  {
    gate: 'DynamicResourceAllocation',
    upstream: 'KEP-4381: beta (off) in v1.32, GA and on in v1.34 (v1.34 release notes); locked on in v1.35 (kubernetes PR 134452)',
    modelled:
      'on: DynamicResources joins the default profile before DefaultPreemption (default_plugins.go applyFeatureGates): PreFilter/Filter allocate the pods\' ResourceClaims with the structured allocator, Reserve takes the devices for later pods of the plan; its PostFilter adds "no new claims to deallocate" to FailedScheduling.',
    releases: { 'v1.32': betaOff, 'v1.33': betaOff, 'v1.34': gaOn, 'v1.35': gaLocked },
  },
  {
    gate: 'DRAAdminAccess',
    upstream: 'KEP-5018: alpha (off) in v1.32 and v1.33, beta and on in v1.34',
    modelled: 'off: a request with adminAccess fails allocation ("admin access is requested, but the feature is disabled"); on: such requests may take devices in use',
    releases: { 'v1.32': alphaOff, 'v1.33': alphaOff, 'v1.34': betaOn, 'v1.35': betaOn },
  },
  {
    gate: 'DRAPrioritizedList',
    upstream: 'KEP-4816: alpha (off) in v1.33, beta and on in v1.34',
    modelled: 'off: a request with firstAvailable subrequests is unschedulable ("has subrequests, but the DRAPrioritizedList feature is disabled"); on: the first subrequest that can be allocated is used',
    releases: { 'v1.32': undefined, 'v1.33': alphaOff, 'v1.34': betaOn, 'v1.35': betaOn },
  },
  {
    gate: 'DRAPartitionableDevices',
    upstream: 'KEP-4815: alpha (off) in v1.33, v1.34 and v1.35 (beta and on in v1.36)',
    modelled:
      'on: ResourceSlices may carry shared counter sets and devices consume them (consumesCounters); a device fits while no counter is overdrawn by the devices allocated in the cluster and in the plan; slices with perDeviceNodeSelection place each device by its own nodeName/nodeSelector/allNodes. off: such slices are ignored and devices consuming counters are never allocated (structured allocator, pools_incubating.go)',
    releases: { 'v1.32': undefined, 'v1.33': alphaOff, 'v1.34': alphaOff, 'v1.35': alphaOff },
  },
  {
    gate: 'DRADeviceTaints',
    upstream: 'KEP-5055: alpha (off) in v1.33, v1.34 and v1.35 (beta and on in v1.36)',
    modelled:
      'on: a device with a NoSchedule or NoExecute taint is allocated only to a request whose tolerations tolerate it, and the allocation result records the tolerations (allocator_incubating.go taintPreventsAllocation). off: device taints are ignored. DeviceTaintRules (DRADeviceTaintRules) are not imported',
    releases: { 'v1.32': undefined, 'v1.33': alphaOff, 'v1.34': alphaOff, 'v1.35': alphaOff },
  },
  {
    gate: 'DRAConsumableCapacity',
    upstream: 'KEP-5075: alpha (off) in v1.34 and v1.35',
    modelled:
      'on: devices with allowMultipleAllocations are shared: each allocation gets a shareID and consumes capacity by the request\'s capacity.requests, rounded up by the capacity\'s requestPolicy (default, validRange min/step/max, validValues), beside what shares allocated in the cluster and in the plan consume; every capacity request must fit the device; distinctAttribute constraints apply (structured allocator, allocator_experimental.go, consumable_capacity.go). off: such devices are dedicated, capacity requests are ignored, and a distinctAttribute constraint fails the claim',
    releases: { 'v1.32': undefined, 'v1.33': undefined, 'v1.34': alphaOff, 'v1.35': alphaOff },
  },
  {
    gate: 'DRAExtendedResource',
    upstream: 'KEP-5004: alpha (off) in v1.34 and v1.35 (beta and on in v1.36)',
    modelled:
      'on: an extended resource in container requests that a DeviceClass maps (spec.extendedResourceName, or the implicit deviceclass.resource.kubernetes.io/<class>) and the node does not advertise in allocatable is left by NodeResourcesFit to DynamicResources, which allocates devices of the class through a claim it makes for the pod (`<pod>-extended-resources-<suffix>`, one request per container and resource); an unmapped name no node advertises fails with "cannot fit resource". What differs between v1.34 and v1.35 (mapping, implicit names, allocatable 0, scoring) is DRA_EXTENDED_RESOURCE_RULES. Off: such requests need allocatable, as any extended resource',
    releases: { 'v1.32': undefined, 'v1.33': undefined, 'v1.34': alphaOff, 'v1.35': alphaOff },
  },
  {
    gate: 'PodLevelResources',
    upstream: 'KEP-2837: alpha (off) in v1.32, beta and on in v1.34',
    modelled:
      'on: pod-level spec.resources.requests replace the container aggregate for cpu, memory (and hugepages-* where POD_LEVEL_HUGE_PAGES says so) in NodeResourcesFit, BalancedAllocation and node sums (component-helpers PodRequests). off: the API server drops spec.resources of created pods, and the scheduler ignores them on pods already in the cluster (SkipPodLevelResources)',
    releases: { 'v1.32': alphaOff, 'v1.33': alphaOff, 'v1.34': betaOn, 'v1.35': betaOn },
  },
  {
    gate: 'MatchLabelKeysInPodAffinity',
    upstream: 'KEP-3633: beta and on in v1.31, GA and locked in v1.33',
    modelled: 'off: the API server drops (mis)matchLabelKeys from pod (anti-)affinity terms of created pods instead of merging them into the selectors',
    releases: { 'v1.32': betaOn, 'v1.33': gaLocked, 'v1.34': gaLocked, 'v1.35': gaLocked },
  },
  {
    gate: 'MatchLabelKeysInPodTopologySpread',
    upstream: 'KEP-3243: beta and on since v1.27',
    modelled: 'off: PodTopologySpread ignores matchLabelKeys',
    releases: { 'v1.32': betaOn, 'v1.33': betaOn, 'v1.34': betaOn, 'v1.35': betaOn },
  },
  {
    gate: 'MatchLabelKeysInPodTopologySpreadSelectorMerge',
    upstream: 'KEP-3243: new in v1.34 (beta, on): the API server merges matchLabelKeys into labelSelector at pod creation instead of the scheduler at scheduling time',
    modelled: 'recorded; the merged and the scheduler-side selectors select the same pods, so plans do not change',
    releases: { 'v1.32': undefined, 'v1.33': undefined, 'v1.34': betaOn, 'v1.35': betaOn },
  },
  {
    gate: 'NodeInclusionPolicyInPodTopologySpread',
    upstream: 'KEP-3094: beta and on since v1.26, GA and locked in v1.33',
    modelled: 'off: PodTopologySpread ignores nodeAffinityPolicy and nodeTaintsPolicy (nodes are included as before the KEP: Honor affinity, Ignore taints)',
    releases: { 'v1.32': betaOn, 'v1.33': gaLocked, 'v1.34': gaLocked, 'v1.35': gaLocked },
  },
  {
    gate: 'SidecarContainers',
    upstream: 'KEP-753: beta and on since v1.29, GA and locked in v1.33',
    modelled: 'off: the API server drops initContainers[].restartPolicy of created pods, so they start as ordinary init containers',
    releases: { 'v1.32': betaOn, 'v1.33': gaLocked, 'v1.34': gaLocked, 'v1.35': gaLocked },
  },
  {
    gate: 'PodSchedulingReadiness',
    upstream: 'KEP-3521: GA and locked since v1.30',
    modelled: 'pods with spec.schedulingGates are not scheduled (SchedulingGates PreEnqueue)',
    releases: { 'v1.32': gaLocked, 'v1.33': gaLocked, 'v1.34': gaLocked, 'v1.35': gaLocked },
  },
  {
    gate: 'VolumeLimitScaling',
    upstream: 'KEP-5030: new in v1.35 (alpha, off; kube_features.go), kubernetes PR 135012 "Do not schedule pods to a node without CSI driver" (CHANGELOG-1.35)',
    modelled:
      'on: NodeVolumeLimits rejects a node for a pod with a new volume of a CSI driver whose CSIDriver sets spec.preventPodSchedulingIfMissing when the node\'s CSINode does not list the driver ("<driver> CSI driver is not installed on the node"; csi.go checkCSIDriverOnNode). off: the field is ignored',
    releases: { 'v1.32': undefined, 'v1.33': undefined, 'v1.34': undefined, 'v1.35': alphaOff },
  },
  {
    gate: 'TaintTolerationComparisonOperators',
    upstream: 'KEP-5471: new in v1.35 (alpha, off): tolerations with operator Gt / Lt',
    modelled: 'off: a Gt/Lt toleration tolerates nothing; on: it compares the taint value as an integer',
    releases: { 'v1.32': undefined, 'v1.33': undefined, 'v1.34': undefined, 'v1.35': alphaOff },
  },
];

/** Behaviours that changed between releases without a feature gate. */
export interface BehaviourRow<T> {
  readonly behaviour: string;
  readonly upstream: string;
  readonly releases: Readonly<Record<KubernetesRelease, T>>;
}

/** How TaintToleration's Filter words its reason. */
export type UntoleratedTaintWording = 'names the taint' | 'generic';

export const UNTOLERATED_TAINT_WORDING: BehaviourRow<UntoleratedTaintWording> = {
  behaviour:
    'TaintToleration Filter reason: `node(s) had untolerated taint {key: value}` before, `node(s) had untolerated taint(s)` after (taint keys and values no longer reach pod status)',
  upstream: 'kubernetes PR 134740 (v1.35), cherry-picked to release-1.34 by PR 135023 (in the v1.34 patch releases since November 2025)',
  releases: { 'v1.32': 'names the taint', 'v1.33': 'names the taint', 'v1.34': 'generic', 'v1.35': 'generic' },
};

export const POD_LEVEL_HUGE_PAGES: BehaviourRow<boolean> = {
  behaviour:
    'Pod-level resources may set hugepages-* besides cpu and memory (component-helpers IsSupportedPodLevelResource); before, a pod-level hugepages request is not applied',
  upstream: 'kubernetes PR 130577 "[PodLevelResources] Pod Level Hugepage Resources" (merged for v1.33)',
  releases: { 'v1.32': false, 'v1.33': true, 'v1.34': true, 'v1.35': true },
};

/** How the DRA allocator treats incomplete and invalid resource pools (see DRA_POOL_RULES). */
export interface DraPoolRules {
  /** A pool is complete when all its slices exist, counting slices for other nodes; a newer generation elsewhere makes it obsolete. */
  readonly completenessAcrossNodes: boolean;
  /** Devices of an incomplete pool may be allocated to ExactCount requests ("All" always refuses incomplete pools). */
  readonly incompletePoolsAllocatable: boolean;
  /** An invalid pool (a repeated device name): an error once a selectable free device of it is reached, once the search reaches the pool, or skipped (an error for the node only when nothing else fits). */
  readonly invalidPool: 'error at a selectable device' | 'error at the pool' | 'skipped';
}

export const DRA_POOL_RULES: BehaviourRow<DraPoolRules> = {
  behaviour:
    'DRA allocator pools. v1.32: devices of incomplete pools are allocatable, and meeting a selectable free device of an invalid pool fails the pod ("pool P is invalid: duplicate device name D"). v1.33 and v1.34: the same, but the search fails as soon as it reaches an invalid pool. v1.35: pool completeness counts the slices for other nodes (multi-host pools; a newer generation elsewhere makes the pool obsolete), incomplete and invalid pools are skipped, and the node fails with "invalid resource pools were encountered" only when nothing else fits',
  upstream:
    'k8s.io/dynamic-resource-allocation v0.32 structured/allocator.go, v0.33/v0.34 internal/incubating/allocator_incubating.go allocateOne; v0.35: kubernetes commit 5e0d0608 "DRA allocator: partial support transition between nodes, fix \'is incomplete\'" (pools_incubating.go checkSlicesInPool) and "DRA: Update allocator for Partitionable Devices" (ErrFailedAllocationOnNode)',
  releases: {
    'v1.32': { completenessAcrossNodes: false, incompletePoolsAllocatable: true, invalidPool: 'error at a selectable device' },
    'v1.33': { completenessAcrossNodes: false, incompletePoolsAllocatable: true, invalidPool: 'error at the pool' },
    'v1.34': { completenessAcrossNodes: false, incompletePoolsAllocatable: true, invalidPool: 'error at the pool' },
    'v1.35': { completenessAcrossNodes: true, incompletePoolsAllocatable: false, invalidPool: 'skipped' },
  },
};

export const DRA_PRIORITIZED_LIST_SCORING: BehaviourRow<boolean> = {
  behaviour:
    'DynamicResources is also a Score plugin: nodes whose allocation selects earlier firstAvailable subrequests score higher (8 minus the subrequest index per request, normalized to 0–100, weight 1 in the default profile)',
  upstream: 'kubernetes PR 134711 "DRA: Add scoring for Prioritized List feature" (v1.35; dynamicresources.go Score, computeScore, NormalizeScore)',
  releases: { 'v1.32': false, 'v1.33': false, 'v1.34': false, 'v1.35': true },
};

/** How DRAExtendedResource, when turned on, maps and places extended resources (see DRA_EXTENDED_RESOURCE_RULES). */
export interface DraExtendedResourceRules {
  /**
   * extended.DeviceClassMapping. 'explicit or implicit': a class maps its
   * spec.extendedResourceName when set, else its implicit
   * `deviceclass.resource.kubernetes.io/<class>`; classes sharing a name: the
   * last listed. 'both': every class maps its implicit name, and its
   * explicit one; classes sharing a name: the newest, then the first by name.
   */
  readonly mapping: 'explicit or implicit' | 'both';
  /** Implicit names are requests DynamicResources and NodeResourcesFit treat as extended (IsDRAExtendedResourceName); else only IsExtendedResourceName, which they fail (they carry kubernetes.io/). */
  readonly implicitNamesRequestable: boolean;
  /** A node serves a resource by device plugin when its allocatable lists it ('listed', even at 0) or lists it above zero. */
  readonly devicePluginServes: 'listed' | 'above zero';
  /** NodeResourcesFit leaves to DynamicResources every scalar the node does not list when the pod asks for no extended resource name (fit.go: resourceToDeviceClass nil). */
  readonly fitSkipsUnlistedScalarsWithoutMapping: boolean;
  /** The pod's claim on a node also requests the mapped resources the node's device plugin serves (createDeviceRequests over every mapped resource). */
  readonly claimRequestsDevicePluginResources: boolean;
  /** NodeResourcesFit scores a DRA-backed resource by the node's devices of its class (allocatable) and those allocated (requested). */
  readonly scoring: boolean;
}

export const DRA_EXTENDED_RESOURCE_RULES: BehaviourRow<DraExtendedResourceRules> = {
  behaviour:
    'Extended resources backed by DRA (when DRAExtendedResource is on). v1.34: a DeviceClass maps its extendedResourceName, or its implicit name when it has none; implicit names are not served (NodeResourcesFit skips them on nodes that do not list them, DynamicResources ignores them); a node listing the resource in allocatable, even at 0, serves it by device plugin; a pod asking for no extended resource name has every scalar its node does not list skipped by NodeResourcesFit; the claim also requests the mapped resources the device plugin serves on the node; no scoring. v1.35: every class maps its implicit name besides its explicit one (the newest class, then the first by name, wins a shared name); implicit names are served; allocatable 0 means no device plugin; NodeResourcesFit scores a DRA-backed resource the node does not advertise by the devices of its class on the node (allocatable) and those allocated, plus the pod\'s request (requested)',
  upstream:
    'v1.34: release-1.34 dynamicresources.go (preFilterExtendedResources, filterExtendedResources and createDeviceRequests over v1helper.IsExtendedResourceName), extended/util.go DeviceClassMapping, noderesources/fit.go withDeviceClass and fitsRequest (`(okDynamic || resourceToDeviceClass == nil) && !okScalar`); kubernetes PR 130653 release note "NodeResourcesFit plugin scoring won\'t work for extended resources backed by DRA". v1.35 (CHANGELOG-1.35 "since v1.34.0"): PR 133363 (implicit name always usable), PR 135037 (one device class deterministically), PR 133784 (allocatable 0 treated as inactive), PR 134058 (scoring, resource_allocation.go calculateDRAExtendedResourceAllocatableRequest)',
  releases: {
    'v1.32': { mapping: 'explicit or implicit', implicitNamesRequestable: false, devicePluginServes: 'listed', fitSkipsUnlistedScalarsWithoutMapping: true, claimRequestsDevicePluginResources: true, scoring: false },
    'v1.33': { mapping: 'explicit or implicit', implicitNamesRequestable: false, devicePluginServes: 'listed', fitSkipsUnlistedScalarsWithoutMapping: true, claimRequestsDevicePluginResources: true, scoring: false },
    'v1.34': { mapping: 'explicit or implicit', implicitNamesRequestable: false, devicePluginServes: 'listed', fitSkipsUnlistedScalarsWithoutMapping: true, claimRequestsDevicePluginResources: true, scoring: false },
    'v1.35': { mapping: 'both', implicitNamesRequestable: true, devicePluginServes: 'above zero', fitSkipsUnlistedScalarsWithoutMapping: false, claimRequestsDevicePluginResources: false, scoring: true },
  },
};

/** Every behaviour row, for documentation and tests. */
export const BEHAVIOUR_ROWS: readonly BehaviourRow<unknown>[] = [UNTOLERATED_TAINT_WORDING, POD_LEVEL_HUGE_PAGES, DRA_POOL_RULES, DRA_PRIORITIZED_LIST_SCORING, DRA_EXTENDED_RESOURCE_RULES];
