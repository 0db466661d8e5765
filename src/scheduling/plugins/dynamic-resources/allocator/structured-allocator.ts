/**
 * The structured-parameters allocator, pure: which devices of the pools a
 * node can use satisfy every claim of a pod (k8s.io/dynamic-resource-allocation
 * structured/internal/stable/allocator_stable.go, Allocator.Allocate and
 * allocator.allocateOne). An exhaustive depth-first search over claims,
 * requests (or one of their firstAvailable subrequests, in order) and
 * devices: the first full solution wins; devices already allocated in the
 * cluster or earlier in the search are skipped unless the request asks for
 * admin access; device class selectors then request selectors are CEL
 * (src/kube/cel); matchAttribute constraints are checked as devices are added.
 *
 * Returns the allocation of every claim, or undefined when the node cannot
 * satisfy them all (no error: upstream's nil result). Throws AllocatorError
 * for what upstream returns as an error (a request naming a missing class, a
 * CEL runtime error, admin access with the gate off, "All" on an incomplete pool).
 */
import type { ResourceV1ResourceClaim, V1Device, V1DeviceClass, V1DeviceSelector, V1DeviceToleration, V1NodeSelector, V1OpaqueDeviceConfiguration, V1ResourceSlice } from '@kubernetes/client-node';
import { compileDeviceSelector, SelectorRuntimeError } from '../../../../kube/cel/device-selector.js';
import { deviceId } from '../../../model/dra-catalog.js';
import type { SelectableNode } from '../../node-affinity/node-selector-term.js';
import { MatchAttributeConstraint, type DeviceConstraint } from './match-attribute-constraint.js';
import { DistinctAttributeConstraint } from './distinct-attribute-constraint.js';
import { AllocatingCapacity, consumedCapacityOf, consumedNanos, requestFitsCapacity, type ConsumedCapacity } from './consumable-capacity.js';
import { shareIdFor } from './share-id.js';
import type { DraPoolRules } from '../../../release/release-table.js';
import { SharedCounters } from './shared-counters.js';
import { selectorMatchesDevice } from './device-selector-results.js';
import { nodeMatches, poolsForNode, type Pool, type PoolDevice, type PoolOptions } from './pools.js';
import { DevicesInUse, equivalenceSignature } from './node-equivalence.js';
// resourceclaim/devicetoleration.go ToleratesTaint is the pod toleration rule (v1helper ToleratesTaint) on device taints.
import { tolerationToleratesTaint } from '../../helper/tolerations.js';
import { exactRequest, requestName, subRequest, type RequestAccessor, type RequestData } from './request-data.js';

/** resourceapi.AllocationResultsMaxSize. */
export const ALLOCATION_RESULTS_MAX_SIZE = 32;

/** internal.Features: what the allocator may use, by feature gate. */
export interface AllocatorFeatures {
  /** DRAAdminAccess. */
  readonly adminAccess: boolean;
  /** DRAPrioritizedList (firstAvailable). */
  readonly prioritizedList: boolean;
  /** DRAPartitionableDevices: shared counters, consumesCounters, per-device node selection. */
  readonly partitionableDevices: boolean;
  /** DRADeviceTaints: NoSchedule/NoExecute device taints keep devices from requests without a toleration. */
  readonly deviceTaints: boolean;
  /**
   * DRADeviceBindingConditions with DRAResourceClaimDeviceStatus (upstream's
   * DeviceBindingAndStatus): devices with binding conditions are selectable,
   * results carry the conditions, and a device that binds to its node pins
   * the claim there (allocator_experimental.go). Absent: off. No release
   * offers these gates yet (docs/dra-allocator.md).
   */
  readonly deviceBindingAndStatus?: boolean;
  /**
   * DRAConsumableCapacity (upstream's ConsumableCapacity, which makes
   * upstream run its `experimental` allocator): devices with
   * allowMultipleAllocations may be allocated again while their capacity
   * lasts, requests consume capacity by its requestPolicy, and
   * distinctAttribute constraints apply. Absent: off.
   */
  readonly consumableCapacity?: boolean;
  /** Not a gate: how the release treats incomplete and invalid pools (release-table.ts DRA_POOL_RULES). Absent: as v1.35. */
  readonly poolRules?: DraPoolRules;
}

const V1_35_POOL_RULES: DraPoolRules = { completenessAcrossNodes: true, incompletePoolsAllocatable: false, invalidPool: 'skipped' };

export class AllocatorError extends Error {
  /**
   * structured.ErrFailedAllocationOnNode: this node cannot be used, but the
   * claims are fine (the plugin rejects the node instead of failing the pod).
   */
  constructor(
    message: string,
    readonly failedOnNode = false,
  ) {
    super(message);
  }
}

/** One allocated device (resourceapi.DeviceRequestAllocationResult). */
export interface DeviceResult {
  /** The request, or `request/subrequest`. */
  readonly request: string;
  readonly driver: string;
  readonly pool: string;
  readonly device: string;
  readonly adminAccess?: boolean;
  /** The request's tolerations (set when it has some). */
  readonly tolerations?: readonly V1DeviceToleration[];
  /** With DeviceBindingAndStatus: the device's binding conditions (set when it has some). */
  readonly bindingConditions?: readonly string[];
  readonly bindingFailureConditions?: readonly string[];
  /** With DRAConsumableCapacity, on a device that allows multiple allocations: this allocation's share. */
  readonly shareID?: string;
  /** With DRAConsumableCapacity, on a multi-allocatable device with capacity: what this share consumes, by capacity name. */
  readonly consumedCapacity?: Readonly<Record<string, string>>;
}

/** resourceapi.DeviceAllocationConfiguration: a class's or the claim's opaque config and the requests it applies to. */
export interface AllocationConfig {
  readonly source: 'FromClass' | 'FromClaim';
  readonly requests?: readonly string[];
  readonly opaque?: V1OpaqueDeviceConfiguration;
}

/** resourceapi.AllocationResult of one claim. */
export interface ClaimAllocation {
  readonly devices: readonly DeviceResult[];
  /** Set when a class or the claim carries config. */
  readonly config?: readonly AllocationConfig[];
  /** Where the devices can be used: the node of a node-local slice, or the slices' selectors; absent: everywhere. */
  readonly nodeSelector?: V1NodeSelector;
}

/** Per claim, the request (or `request/subrequest`) of each allocated device. */
export type AllocatedRequests = readonly (readonly string[])[];

interface DeviceIndices {
  readonly claim: number;
  readonly request: number;
  readonly subRequest: number;
  readonly device: number;
}

interface InternalResult extends DeviceResult {
  readonly slice: V1ResourceSlice;
  readonly deviceObject: V1Device;
}

const STOP_MAX_SIZE = Symbol('allocation max size exceeded');

/** klog.KObj: `namespace/name`, or the name alone for an object without namespace. */
function claimName(claim: ResourceV1ResourceClaim): string {
  const namespace = claim.metadata?.namespace;
  return namespace ? `${namespace}/${claim.metadata?.name ?? ''}` : (claim.metadata?.name ?? '');
}

export class StructuredAllocator {
  constructor(
    private readonly features: AllocatorFeatures,
    readonly claimsToAllocate: readonly ResourceV1ResourceClaim[],
    private readonly allocatedDevices: ReadonlyMap<string, true>,
    private readonly deviceClasses: ReadonlyMap<string, V1DeviceClass>,
    private readonly slices: readonly V1ResourceSlice[],
    /** With DRAConsumableCapacity: what the shares allocated in the cluster consume, by device id (AllocatedState.AggregatedCapacity). */
    private readonly aggregatedCapacity: ReadonlyMap<string, ConsumedCapacity> = new Map(),
  ) {}

  /** Search steps over every allocate call (upstream's Stats.NumAllocateOneInvocations). */
  numAllocateOneInvocations = 0;

  /** Verdicts per node class (node-equivalence.ts): a claim's requests when allocatable, null when not. */
  private readonly requestsByClass = new Map<string, AllocatedRequests | null>();
  private devicesInUse?: DevicesInUse;
  private devicesWithShares?: DevicesInUse;

  allocate(node: SelectableNode): ClaimAllocation[] | undefined {
    return this.run(node, this.poolsOf(node));
  }

  /**
   * What Filter and Score need of `node`'s allocation: per claim, the
   * request (or `request/subrequest`) of each allocated device, in order;
   * undefined when the node cannot satisfy the claims, and the same errors
   * as allocate. Searched once per class of equivalent nodes
   * (node-equivalence.ts); allocate gives the devices themselves.
   */
  allocatedRequests(node: SelectableNode): AllocatedRequests | undefined {
    const pools = this.poolsOf(node);
    // A node whose devices have shares consumed in the cluster is searched on its own (the amounts decide).
    const shared = this.features.consumableCapacity === true && this.aggregatedCapacity.size > 0 ? (this.devicesWithShares ??= new DevicesInUse(this.aggregatedCapacity)) : undefined;
    const signature = equivalenceSignature(this.slices, pools, (this.devicesInUse ??= new DevicesInUse(this.allocatedDevices)), shared);
    if (signature !== undefined) {
      const known = this.requestsByClass.get(signature);
      if (known !== undefined) return known ?? undefined;
    }
    // An error is not kept: its message may name the node's pool or device, so each node of the class reports its own.
    const requests = this.run(node, pools)?.map((allocation) => allocation.devices.map((device) => device.request));
    if (signature !== undefined) this.requestsByClass.set(signature, requests ?? null);
    return requests;
  }

  /** How pools are gathered under these features (one object for every node: Filter asks for each). */
  private poolOptions?: PoolOptions;

  private poolsOf(node: SelectableNode): Pool[] {
    if (this.poolOptions === undefined) {
      const rules = this.features.poolRules ?? V1_35_POOL_RULES;
      this.poolOptions = { partitionableDevices: this.features.partitionableDevices, completenessAcrossNodes: rules.completenessAcrossNodes, incompletePoolsAllocatable: rules.incompletePoolsAllocatable };
    }
    return poolsForNode(this.slices, node, this.poolOptions);
  }

  private run(node: SelectableNode, pools: readonly Pool[]): ClaimAllocation[] | undefined {
    const run = new AllocationRun(this.features, this.features.poolRules ?? V1_35_POOL_RULES, this.claimsToAllocate, this.allocatedDevices, this.aggregatedCapacity, this.deviceClasses, pools, node);
    try {
      return run.run();
    } finally {
      this.numAllocateOneInvocations += run.steps;
    }
  }
}

class AllocationRun {
  private readonly requestData = new Map<string, RequestData>();
  private readonly selectedSubRequest = new Map<string, number>();
  private readonly constraints: DeviceConstraint[][] = [];
  private readonly allocating = new Map<string, Set<number>>();
  private readonly results: InternalResult[][];
  private readonly matchCache = new Map<string, boolean>();
  /** allocateOne calls so far. */
  steps = 0;
  private readonly counters: SharedCounters;
  /** allocatingCapacity: what this search's shares consume, by device id. */
  private readonly allocatingCapacity = new AllocatingCapacity();

  constructor(
    private readonly features: AllocatorFeatures,
    private readonly rules: DraPoolRules,
    private readonly claims: readonly ResourceV1ResourceClaim[],
    private readonly allocatedDevices: ReadonlyMap<string, true>,
    private readonly aggregatedCapacity: ReadonlyMap<string, ConsumedCapacity>,
    private readonly deviceClasses: ReadonlyMap<string, V1DeviceClass>,
    private readonly pools: readonly Pool[],
    private readonly node: SelectableNode,
  ) {
    this.results = claims.map(() => []);
    this.counters = new SharedCounters(allocatedDevices);
  }

  run(): ClaimAllocation[] | undefined {
    this.claims.forEach((claim, claimIndex) => this.prepareClaim(claim, claimIndex));
    const done = this.allocateOne({ claim: 0, request: 0, subRequest: 0, device: 0 }, false);
    if (done !== true) {
      const invalid = this.pools.find((pool) => pool.isInvalid);
      // v1.35: not fatal for the pod, the node is rejected with this text (ErrFailedAllocationOnNode).
      if (invalid !== undefined && this.rules.invalidPool === 'skipped') throw new AllocatorError('invalid resource pools were encountered', true);
      return undefined;
    }
    return this.results.map((devices, claimIndex) => {
      const nodeSelector = allocationNodeSelector(devices, this.node, this.features.deviceBindingAndStatus === true);
      const config = this.allocationConfig(claimIndex);
      return { devices: devices.map(({ slice: _slice, deviceObject: _device, ...result }) => result), ...(config.length > 0 && { config }), ...(nodeSelector && { nodeSelector }) };
    });
  }

  /** The request data in use: the request's, or that of its selected subrequest. */
  private selectedData(claimIndex: number, requestIndex: number): RequestData {
    const first = this.requestData.get(this.key(claimIndex, requestIndex, 0)) as RequestData;
    if (first.parent === undefined) return first;
    return this.requestData.get(this.key(claimIndex, requestIndex, this.selectedSubRequest.get(this.key(claimIndex, requestIndex, 0)) ?? 0)) as RequestData;
  }

  /**
   * allocator_incubating.go Allocate: the classes' config first (once per
   * class, naming every request that used it), then the claim's config that
   * applies to no request in particular, to a request, or to the subrequest
   * that got selected.
   */
  private allocationConfig(claimIndex: number): AllocationConfig[] {
    const claim = this.claims[claimIndex];
    const requests = claim.spec.devices?.requests ?? [];
    const config: { source: 'FromClass' | 'FromClaim'; requests?: string[]; opaque?: V1OpaqueDeviceConfiguration }[] = [];
    const classRanges = new Map<string, [number, number]>();
    requests.forEach((_request, requestIndex) => {
      const data = this.selectedData(claimIndex, requestIndex);
      const className = data.deviceClass.metadata?.name ?? '';
      const range = classRanges.get(className);
      if (range !== undefined) {
        for (let index = range[0]; index < range[1]; index++) config[index].requests?.push(requestName(data));
        return;
      }
      const start = config.length;
      for (const entry of data.deviceClass.spec.config ?? []) config.push({ source: 'FromClass', requests: [requestName(data)], ...(entry.opaque && { opaque: entry.opaque }) });
      classRanges.set(className, [start, config.length]);
    });
    for (const entry of claim.spec.devices?.config ?? []) {
      const fromClaim = { source: 'FromClaim' as const, ...((entry.requests?.length ?? 0) > 0 && { requests: [...(entry.requests as string[])] }), ...(entry.opaque && { opaque: entry.opaque }) };
      if ((entry.requests?.length ?? 0) === 0) {
        config.push(fromClaim);
        continue;
      }
      requests.forEach((request, requestIndex) => {
        if (entry.requests?.includes(request.name)) {
          config.push(fromClaim);
          return;
        }
        const data = this.selectedData(claimIndex, requestIndex);
        if (data.parent !== undefined && entry.requests?.includes(requestName(data))) config.push(fromClaim);
      });
    }
    return config;
  }

  private key(claim: number, request: number, sub: number): string {
    return `${claim}/${request}/${sub}`;
  }

  private prepareClaim(claim: ResourceV1ResourceClaim, claimIndex: number): void {
    let minDevices = 0;
    const requests = claim.spec.devices?.requests ?? [];
    requests.forEach((request, requestIndex) => {
      const subRequests = request.firstAvailable ?? [];
      if (subRequests.length > 0 && !this.features.prioritizedList) {
        throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: has subrequests, but the DRAPrioritizedList feature is disabled`);
      }
      // allocator_experimental.go Allocate (the allocator upstream runs once the binding gates are on):
      // capacity requests need DRAConsumableCapacity.
      if (this.features.deviceBindingAndStatus === true && this.features.consumableCapacity !== true) {
        if (request.exactly?.capacity !== undefined) {
          throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: has capacity requests, but the DRAConsumableCapacity feature is disabled`);
        }
        const withCapacity = subRequests.find((sub) => sub.capacity !== undefined);
        if (withCapacity !== undefined) {
          throw new AllocatorError(`claim ${claimName(claim)}, subrequest ${withCapacity.name}: has capacity requests, but the DRAConsumableCapacity feature is disabled`);
        }
      }
      if (subRequests.length > 0) {
        let minForRequest = Number.MAX_SAFE_INTEGER;
        const parent = exactRequest(request);
        subRequests.forEach((sub, subIndex) => {
          const data = this.validateRequest(claim, subRequest(sub), parent);
          this.requestData.set(this.key(claimIndex, requestIndex, subIndex), data);
          minForRequest = Math.min(minForRequest, data.numDevices);
        });
        minDevices += minForRequest;
      } else {
        const data = this.validateRequest(claim, exactRequest(request), undefined);
        this.requestData.set(this.key(claimIndex, requestIndex, 0), data);
        minDevices += data.numDevices;
      }
    });
    if (minDevices > ALLOCATION_RESULTS_MAX_SIZE) {
      throw new AllocatorError(`claim ${claimName(claim)}: number of requested devices ${minDevices} exceeds the claim limit of ${ALLOCATION_RESULTS_MAX_SIZE}`);
    }
    // allocator_experimental.go (run with DRAConsumableCapacity or the binding gates) knows distinctAttribute; incubating does not.
    const experimental = this.features.consumableCapacity === true || this.features.deviceBindingAndStatus === true;
    this.constraints[claimIndex] = (claim.spec.devices?.constraints ?? []).map((constraint, index): DeviceConstraint => {
      if (constraint.matchAttribute) return new MatchAttributeConstraint(constraint.matchAttribute, new Set(constraint.requests ?? []));
      if (experimental && constraint.distinctAttribute) return new DistinctAttributeConstraint(constraint.distinctAttribute, new Set(constraint.requests ?? []));
      throw new AllocatorError(`claim ${claimName(claim)}, constraint #${index}: empty constraint (unsupported constraint type?)`);
    });
  }

  /** allocator_stable.go validateDeviceRequest. */
  private validateRequest(claim: ResourceV1ResourceClaim, request: RequestAccessor, parent: RequestAccessor | undefined): RequestData {
    const name = parent ? `${parent.name}/${request.name}` : request.name;
    request.selectors.forEach((selector, index) => {
      if (!selector.cel) throw new AllocatorError(`claim ${claimName(claim)}, request ${name}, selector #${index}: CEL expression empty (unsupported selector type?)`);
    });
    if (!this.features.adminAccess && request.hasAdminAccess) {
      throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: admin access is requested, but the feature is disabled`);
    }
    if (request.deviceClassName === '') throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: missing device class name (unsupported request type?)`);
    const deviceClass = this.deviceClasses.get(request.deviceClassName);
    if (deviceClass === undefined) {
      throw new AllocatorError(
        `claim ${claimName(claim)}, request ${request.name}: could not retrieve device class ${request.deviceClassName}: deviceclass.resource.k8s.io "${request.deviceClassName}" not found`,
      );
    }
    if (request.allocationMode === 'ExactCount') return { request, ...(parent && { parent }), deviceClass, numDevices: request.count };
    if (request.allocationMode !== 'All') throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: unsupported count mode ${request.allocationMode}`);
    const partial: RequestData = { request, ...(parent && { parent }), deviceClass, numDevices: 0 };
    const allDevices: PoolDevice[] = [];
    for (const pool of this.pools) {
      if (pool.isIncomplete) throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: asks for all devices, but resource pool ${pool.driver}/${pool.pool} is currently being updated`);
      if (pool.isInvalid) throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: asks for all devices, but resource pool ${pool.driver}/${pool.pool} is currently invalid`);
      for (const device of poolDevices(pool)) {
        // allocator_experimental.go validateDeviceRequest: with DRAConsumableCapacity, "all" means the devices with room for the request now.
        if (this.isSelectable(claim, partial, device) && this.capacityFits(request, device)) allDevices.push(device);
      }
    }
    return { ...partial, numDevices: allDevices.length, allDevices };
  }

  /** allocator_stable.go allocateOne: true when everything from `r` on got allocated. */
  private allocateOne(r: DeviceIndices, allocatingSubRequest: boolean): boolean | typeof STOP_MAX_SIZE {
    this.steps++;
    if (r.claim >= this.claims.length) return true;
    const claim = this.claims[r.claim];
    const requests = claim.spec.devices?.requests ?? [];
    if (r.request >= requests.length) {
      const next = this.allocateOne({ claim: r.claim + 1, request: 0, subRequest: 0, device: 0 }, false);
      // Not propagated: another allocation of an earlier claim may leave room for fewer devices here.
      return next === STOP_MAX_SIZE ? false : next;
    }
    const data = this.requestData.get(this.key(r.claim, r.request, r.subRequest)) as RequestData;
    if (!allocatingSubRequest && data.parent !== undefined) {
      let allExceeded = true;
      for (let sub = 0; ; sub++) {
        if (!this.requestData.has(this.key(r.claim, r.request, sub))) return allExceeded ? STOP_MAX_SIZE : false;
        const outcome = this.allocateOne({ ...r, subRequest: sub }, true);
        if (outcome === STOP_MAX_SIZE) continue;
        allExceeded = false;
        if (outcome === true) {
          this.selectedSubRequest.set(this.key(r.claim, r.request, 0), sub);
          return true;
        }
      }
    }
    const request = data.request;
    const allMode = request.allocationMode === 'All';
    if (allMode && (data.allDevices?.length ?? 0) === 0) return false;
    if (r.device >= data.numDevices) return this.allocateOne({ claim: r.claim, request: r.request + 1, subRequest: 0, device: 0 }, false);
    if (this.results[r.claim].length + data.numDevices - r.device > ALLOCATION_RESULTS_MAX_SIZE) return STOP_MAX_SIZE;
    const nextDevice = { ...r, device: r.device + 1 };
    if (allMode) {
      const device = (data.allDevices as readonly PoolDevice[])[r.device];
      const undo = this.allocateDevice(r, data, device, true);
      if (undo === undefined) return false;
      const done = this.allocateOne(nextDevice, allocatingSubRequest);
      if (done !== true) undo();
      return done;
    }
    for (const pool of this.pools) {
      if (pool.isInvalid && this.rules.invalidPool === 'error at the pool') throw invalidPoolError(pool);
      if ((pool.isIncomplete && !this.rules.incompletePoolsAllocatable) || (pool.isInvalid && this.rules.invalidPool === 'skipped')) continue;
      for (const device of poolDevices(pool)) {
        if (request.adminAccess ? this.allocating.get(device.id)?.has(r.claim) === true : this.inUse(device.id)) continue;
        if (!this.isSelectable(claim, data, device, r)) continue;
        if (!this.capacityFits(request, device)) continue;
        if (pool.isInvalid) throw invalidPoolError(pool);
        const undo = this.allocateDevice(r, data, device, false);
        if (undo === undefined) continue;
        const done = this.allocateOne(nextDevice, allocatingSubRequest);
        if (done === true) return true;
        undo();
        if (done === STOP_MAX_SIZE) return STOP_MAX_SIZE;
      }
    }
    return false;
  }

  /** allocator_experimental.go CmpRequestOverCapacity (with DRAConsumableCapacity; always true without). */
  private capacityFits(request: RequestAccessor, device: PoolDevice): boolean {
    if (this.features.consumableCapacity !== true) return true;
    return requestFitsCapacity(request.capacity, device.device.capacity, this.aggregatedCapacity.get(device.id), this.allocatingCapacity.get(device.id));
  }

  private inUse(id: string): boolean {
    return this.allocatedDevices.has(id) || (this.allocating.get(id)?.size ?? 0) > 0;
  }

  /** allocator_stable.go isSelectable: the class's selectors, then the request's (cached per device and request). */
  private isSelectable(claim: ResourceV1ResourceClaim, data: RequestData, device: PoolDevice, r?: DeviceIndices): boolean {
    const cacheKey = r ? `${device.id}\u0000${this.key(r.claim, r.request, r.subRequest)}` : undefined;
    if (cacheKey !== undefined) {
      const cached = this.matchCache.get(cacheKey);
      if (cached !== undefined) return cached;
    }
    // allocator_experimental.go isSelectable: with the binding gates off, devices with binding conditions are not supported.
    const matches =
      ((device.device.bindingConditions?.length ?? 0) === 0 || this.features.deviceBindingAndStatus === true) &&
      this.selectorsMatch(claim, device, data.deviceClass.spec.selectors ?? [], data.deviceClass) &&
      this.selectorsMatch(claim, device, data.request.selectors, undefined) &&
      (device.slice.spec.perDeviceNodeSelection !== true || nodeMatches(this.node, device.device.nodeName, device.device.allNodes, device.device.nodeSelector));
    if (cacheKey !== undefined) this.matchCache.set(cacheKey, matches);
    return matches;
  }

  private selectorsMatch(claim: ResourceV1ResourceClaim, device: PoolDevice, selectors: readonly V1DeviceSelector[], deviceClass: V1DeviceClass | undefined): boolean {
    const owner = deviceClass ? `class ${deviceClass.metadata?.name ?? ''}` : `claim ${claimName(claim)}`;
    for (let index = 0; index < selectors.length; index++) {
      const compiled = compileDeviceSelector(selectors[index].cel?.expression ?? '');
      if (compiled.error !== undefined) throw new AllocatorError(`${owner}: selector #${index}: CEL compile error: ${compiled.error}`);
      let matches: boolean;
      try {
        matches = selectorMatchesDevice(compiled, device.device, device.driver);
      } catch (error) {
        // Every DeviceMatches error, cel-go's "operation cancelled: actual cost limit exceeded" included (compile.go cel.CostLimit).
        if (!(error instanceof SelectorRuntimeError)) throw error;
        throw new AllocatorError(`${owner}: selector #${index}: CEL runtime error: ${error.message}`);
      }
      if (!matches) return false;
    }
    return true;
  }

  /**
   * allocator_stable.go allocateDevice (allocator_experimental.go with
   * DRAConsumableCapacity): the undo function, or undefined when the device
   * cannot be taken.
   */
  private allocateDevice(r: DeviceIndices, data: RequestData, device: PoolDevice, must: boolean): (() => void) | undefined {
    const request = data.request;
    const multipleAllocations = this.features.consumableCapacity === true && device.device.allowMultipleAllocations === true;
    if (request.adminAccess ? !multipleAllocations && this.allocating.get(device.id)?.has(r.claim) === true : this.inUse(device.id)) return undefined;
    const consumesCounters = (device.device.consumesCounters?.length ?? 0) > 0;
    if (consumesCounters && !this.features.partitionableDevices) return undefined;
    // A multi-allocatable device whose capacity is already in use has its counters taken already.
    const skipCounters = multipleAllocations && (this.aggregatedCapacity.has(device.id) || this.allocatingCapacity.has(device.id));
    if (!skipCounters && consumesCounters && !this.counters.take(device)) return undefined;
    // As upstream: the undo gives counters back for a dedicated device only, so a
    // multi-allocatable device's counters stay taken for the rest of the run.
    const releaseCounters = (): void => {
      if (consumesCounters && !multipleAllocations) this.counters.release(device);
    };
    // As upstream (allocator_incubating.go allocateDevice, still so at HEAD):
    // a device refused for a taint or a constraint after its counters were
    // taken keeps them taken for the rest of this run.
    if (this.features.deviceTaints && taintPreventsAllocation(device.device, request)) return undefined;
    const base = data.parent ? data.parent.name : request.name;
    const sub = data.parent ? request.name : undefined;
    const constraints = this.constraints[r.claim];
    for (let index = 0; index < constraints.length; index++) {
      if (!constraints[index].add(base, sub, device.device, device.driver)) {
        if (must) {
          const claim = this.claims[r.claim];
          throw new AllocatorError(`claim ${claimName(claim)}, request ${request.name}: cannot add device ${device.id} because a claim constraint would not be satisfied`);
        }
        for (let undoIndex = 0; undoIndex < index; undoIndex++) constraints[undoIndex].remove(base, sub);
        return undefined;
      }
    }
    let claims = this.allocating.get(device.id);
    if (claims === undefined) this.allocating.set(device.id, (claims = new Set()));
    if (!multipleAllocations) claims.add(r.claim);
    const results = this.results[r.claim];
    const before = results.length;
    let share: Pick<DeviceResult, 'shareID' | 'consumedCapacity'> = {};
    let consumed: ConsumedCapacity | undefined;
    if (this.features.consumableCapacity === true) {
      // As upstream, checked again after the constraints took the device: a
      // refusal here (a device of "all" whose room went to an earlier request)
      // leaves them and the counters taken for the rest of the run.
      if (!this.capacityFits(request, device)) return undefined;
      if (multipleAllocations) {
        const consumedCapacity = consumedCapacityOf(request.capacity, device.device.capacity);
        const amounts = consumedNanos(consumedCapacity);
        this.allocatingCapacity.insert(device.id, amounts);
        // Upstream removes the amounts on undo only when there are some, so a device without capacity stays "in use" (counters skipped).
        if (amounts.size > 0) consumed = amounts;
        share = { shareID: shareIdFor(claimName(this.claims[r.claim]), before, device.id), ...(amounts.size > 0 && { consumedCapacity }) };
      }
    }
    results.push({
      request: requestName(data),
      driver: device.driver,
      pool: device.pool,
      device: device.device.name,
      ...(request.adminAccess && { adminAccess: true }),
      ...(request.tolerations.length > 0 && { tolerations: request.tolerations }),
      ...(this.features.deviceBindingAndStatus === true && bindingConditionsOf(device.device)),
      ...share,
      slice: device.slice,
      deviceObject: device.device,
    });
    return () => {
      for (const constraint of constraints) constraint.remove(base, sub);
      claims.delete(r.claim);
      if (consumed !== undefined) this.allocatingCapacity.remove(device.id, consumed);
      releaseCounters();
      results.length = before;
    };
  }
}

/** Before v1.35 (allocateOne): an invalid pool met in the search fails the pod. */
function invalidPoolError(pool: Pool): AllocatorError {
  return new AllocatorError(`pool ${pool.pool} is invalid: ${pool.invalidReason ?? ''}`);
}

function* poolDevices(pool: Pool): Generator<PoolDevice> {
  for (const slice of pool.slices) {
    for (const device of slice.spec.devices ?? []) {
      yield { id: deviceId(pool.driver, pool.pool, device.name), driver: pool.driver, pool: pool.pool, device, slice, source: pool };
    }
  }
}

/** allocator_incubating.go taintPreventsAllocation: a NoSchedule or NoExecute taint no toleration of the request tolerates. */
function taintPreventsAllocation(device: V1Device, request: RequestAccessor): boolean {
  return (device.taints ?? []).some(
    (taint) => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !request.tolerations.some((toleration) => tolerationToleratesTaint(toleration, taint)),
  );
}

/** allocator_experimental.go: a result copies the device's binding conditions (absent when it has none). */
function bindingConditionsOf(device: V1Device): Pick<DeviceResult, 'bindingConditions' | 'bindingFailureConditions'> {
  return {
    ...((device.bindingConditions?.length ?? 0) > 0 && { bindingConditions: device.bindingConditions }),
    ...((device.bindingFailureConditions?.length ?? 0) > 0 && { bindingFailureConditions: device.bindingFailureConditions }),
  };
}

/**
 * allocator_stable.go createNodeSelector: a node-local device pins the claim
 * to its node (with DeviceBindingAndStatus, so does a device that binds to
 * the node it is allocated for: allocator_experimental.go, bindsToNode);
 * selectors of other slices are merged into one term.
 */
function allocationNodeSelector(results: readonly InternalResult[], node: SelectableNode, bindsToNode: boolean): V1NodeSelector | undefined {
  const term: { matchFields: NonNullable<V1NodeSelector['nodeSelectorTerms'][number]['matchFields']>; matchExpressions: NonNullable<V1NodeSelector['nodeSelectorTerms'][number]['matchExpressions']> } = {
    matchFields: [],
    matchExpressions: [],
  };
  const contains = (list: typeof term.matchFields, requirement: (typeof term.matchFields)[number]): boolean =>
    list.some((existing) => existing.key === requirement.key && existing.operator === requirement.operator && JSON.stringify([...(existing.values ?? [])].sort()) === JSON.stringify([...(requirement.values ?? [])].sort()));
  for (const { slice, deviceObject } of results) {
    const perDevice = slice.spec.perDeviceNodeSelection === true;
    const nodeName = perDevice ? deviceObject.nodeName : slice.spec.nodeName;
    const selector = perDevice ? deviceObject.nodeSelector : slice.spec.nodeSelector;
    if (nodeName) return { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
    if (bindsToNode && deviceObject.bindsToNode === true) return { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }] };
    if (selector && selector.nodeSelectorTerms.length > 1) throw new AllocatorError(`unsupported ResourceSlice.NodeSelector with ${selector.nodeSelectorTerms.length} terms`);
    if (selector && selector.nodeSelectorTerms.length === 1) {
      const [only] = selector.nodeSelectorTerms;
      for (const requirement of only.matchFields ?? []) if (!contains(term.matchFields, requirement)) term.matchFields.push(requirement);
      for (const requirement of only.matchExpressions ?? []) if (!contains(term.matchExpressions, requirement)) term.matchExpressions.push(requirement);
    }
  }
  if (term.matchFields.length === 0 && term.matchExpressions.length === 0) return undefined;
  return {
    nodeSelectorTerms: [{ ...(term.matchFields.length > 0 && { matchFields: term.matchFields }), ...(term.matchExpressions.length > 0 && { matchExpressions: term.matchExpressions }) }],
  };
}
