/**
 * What the resource scorers see, as upstream noderesources/resource_allocation.go:
 * for each configured resource, the node's allocatable and what would be
 * requested with the pod placed there.
 *
 * - cpu and memory come from the node's NonZeroRequested (pods without a
 *   request count 100m / 200Mi) plus the pod's non-zero request, unless the
 *   scorer uses plain requests (BalancedAllocation's `useRequested`);
 * - ephemeral-storage always uses plain requests;
 * - a scalar resource (extended, hugepages-*, …) the pod does not request is
 *   left out, so nodes are not penalised for devices the pod ignores;
 * - a resource the node has none of is left out too (allocatable 0) —
 *   unless DRA backs it (v1.35 with DRAExtendedResource: its devices on the
 *   node count, dra-extended-resource-totals.ts);
 * - any other name (pods, storage, …) never takes part.
 */
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY } from '../../model/resources.js';
import type { DraExtendedResourceTotals } from './dra-extended-resource-totals.js';
import { isScalarResourceName } from './resource-names.js';
import type { ResourceScorer } from './resource-scorer.js';
import type { ResourceSpec } from './resource-spec.js';

/** Per-pod scoring state: the pod's requests per resource and scratch arrays reused for every node. */
export interface ResourceAllocationState {
  readonly podRequests: Float64Array;
  readonly requested: Float64Array;
  readonly allocatable: Float64Array;
  /** PreScore's DRA view (draPreScoreState) when a scored resource may be backed by DRA. */
  readonly dra?: DraExtendedResourceTotals;
}

/** How a configured resource is read from a node (worked out once per resource, not per node). */
enum ResourceKind {
  Cpu,
  Memory,
  EphemeralStorage,
  Scalar,
  /** pods, storage, …: never takes part. */
  Other,
}

function kindOf(name: string): ResourceKind {
  if (name === CPU) return ResourceKind.Cpu;
  if (name === MEMORY) return ResourceKind.Memory;
  if (name === EPHEMERAL_STORAGE) return ResourceKind.EphemeralStorage;
  return isScalarResourceName(name) ? ResourceKind.Scalar : ResourceKind.Other;
}

export class ResourceAllocation {
  private readonly kinds: readonly ResourceKind[];

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly scorer: ResourceScorer,
    /** true: cpu/memory use plain requests (BalancedAllocation); false: non-zero requests (NodeResourcesFit). */
    private readonly useRequested: boolean,
  ) {
    this.kinds = resources.map((resource) => kindOf(resource.name));
  }

  /** Upstream calculatePodResourceRequestList: cpu in millicores, others in whole units. */
  podRequests(pod: PodInfo): Float64Array {
    const requests = new Float64Array(this.resources.length);
    this.resources.forEach((resource, index) => {
      const name = resource.name;
      const source = !this.useRequested && (name === CPU || name === MEMORY) ? pod.scoringRequests : pod.requests;
      requests[index] = source[name] ?? 0;
    });
    return requests;
  }

  state(pod: PodInfo, dra?: DraExtendedResourceTotals): ResourceAllocationState {
    const size = this.resources.length;
    return { podRequests: this.podRequests(pod), requested: new Float64Array(size), allocatable: new Float64Array(size), ...(dra && { dra }) };
  }

  score(state: ResourceAllocationState, node: NodeInfo): number {
    const { podRequests, requested, allocatable } = state;
    const kinds = this.kinds;
    for (let index = 0; index < kinds.length; index++) {
      const podRequest = podRequests[index];
      requested[index] = 0;
      allocatable[index] = 0;
      let nodeAllocatable = 0;
      let nodeAllocated = 0;
      switch (kinds[index]) {
        case ResourceKind.Cpu:
          nodeAllocatable = node.allocatableMilliCPU;
          nodeAllocated = this.useRequested ? node.requestedMilliCPU : node.nonZeroMilliCPU;
          break;
        case ResourceKind.Memory:
          nodeAllocatable = node.allocatableMemory;
          nodeAllocated = this.useRequested ? node.requestedMemory : node.nonZeroMemory;
          break;
        case ResourceKind.EphemeralStorage:
          nodeAllocatable = node.allocatableEphemeralStorage;
          nodeAllocated = node.requestedEphemeralStorage;
          break;
        case ResourceKind.Scalar: {
          if (podRequest === 0) break;
          const name = this.resources[index].name;
          const listed = node.allocatable[name];
          // calculateResourceAllocatableRequest: allocatable 0 means no device plugin; DRA's devices count if it has some.
          const devices = !listed && state.dra ? state.dra.totals(name, node) : undefined;
          if (devices !== undefined && devices.capacity > 0) {
            nodeAllocatable = devices.capacity;
            nodeAllocated = devices.allocated;
          } else if (listed !== undefined) {
            nodeAllocatable = listed;
            nodeAllocated = node.requested[name] ?? 0;
          }
          break;
        }
        case ResourceKind.Other:
          break;
      }
      if (nodeAllocatable === 0) continue;
      allocatable[index] = nodeAllocatable;
      requested[index] = nodeAllocated + podRequest;
    }
    return this.scorer(requested, allocatable);
  }
}
