/**
 * Upstream noderesources/fit.go fitsRequest: the pod slot first, then cpu,
 * memory, ephemeral-storage, then each scalar resource. A resource is short
 * when the pod requests some of it and more than the node has left
 * (allocatable − requested); the shortfall is unresolvable when the request
 * alone exceeds the node's allocatable, so no eviction could make room
 * (InsufficientResource.Unresolvable, v1.33+).
 */
import type { NodeInfo } from '../../model/node-info.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS } from '../../model/resources.js';
import { type DraBackedScalars, type PodResourceRequest, requestsNothing } from './pod-resource-request.js';
import { ErrReasonTooManyPods, insufficientResourceReason } from './reasons.js';

export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  readonly unresolvable: boolean;
}

const NONE: readonly InsufficientResource[] = [];

function shortfall(resourceName: string, requested: number, used: number, capacity: number): InsufficientResource {
  const reason = insufficientResourceReason(resourceName);
  return { resourceName, reason, requested, used, capacity, unresolvable: requested > capacity };
}

/**
 * Appends a shortfall when the pod requests some of `name` and more than the
 * node has left. The list is created on the first shortfall, so a node that
 * fits costs no allocation.
 */
function checkResource(
  insufficient: InsufficientResource[] | undefined,
  node: NodeInfo,
  name: string,
  amount: number,
): InsufficientResource[] | undefined {
  return checkAmount(insufficient, name, amount, node.allocatable[name] ?? 0, node.requested[name] ?? 0);
}

/** checkResource with the node's allocatable and requested amounts given (cpu, memory, ephemeral-storage from NodeInfo's fields). */
function checkAmount(
  insufficient: InsufficientResource[] | undefined,
  name: string,
  amount: number,
  capacity: number,
  used: number,
): InsufficientResource[] | undefined {
  if (amount <= 0 || amount <= capacity - used) return insufficient;
  const list = insufficient ?? [];
  list.push(shortfall(name, amount, used, capacity));
  return list;
}

/** v1.35 `GetDeviceClass(rName) != nil && allocatable == 0`; v1.34 `(okDynamic || resourceToDeviceClass == nil) && !okScalar`. */
function leftToDra(backed: DraBackedScalars, name: string, node: NodeInfo): boolean {
  if (backed.names !== 'every scalar' && !backed.names.has(name)) return false;
  const allocatable = node.allocatable[name];
  return backed.devicePluginServes === 'listed' ? allocatable === undefined : !((allocatable ?? 0) > 0);
}

/** Every resource the node lacks for the pod, in upstream's order; empty when it fits. */
export function fitsRequest(request: PodResourceRequest, node: NodeInfo): readonly InsufficientResource[] {
  let insufficient: InsufficientResource[] | undefined;
  const podCount = node.pods.length;
  const allowedPodNumber = node.allowedPodNumber;
  if (podCount + 1 > allowedPodNumber) {
    // Upstream leaves Unresolvable false here: evicting pods frees slots.
    insufficient = [
      { resourceName: PODS, reason: ErrReasonTooManyPods, requested: 1, used: podCount, capacity: allowedPodNumber, unresolvable: false },
    ];
  }
  if (requestsNothing(request)) return insufficient ?? NONE;
  insufficient = checkAmount(insufficient, CPU, request.milliCPU, node.allocatableMilliCPU, node.requestedMilliCPU);
  insufficient = checkAmount(insufficient, MEMORY, request.memory, node.allocatableMemory, node.requestedMemory);
  insufficient = checkAmount(insufficient, EPHEMERAL_STORAGE, request.ephemeralStorage, node.allocatableEphemeralStorage, node.requestedEphemeralStorage);
  for (const scalar of request.checkedScalars) {
    // fit.go fitsRequest (DRAExtendedResource): a mapped resource the node does not serve by device plugin is DynamicResources' to allocate.
    if (request.draBacked !== undefined && leftToDra(request.draBacked, scalar.name, node)) continue;
    insufficient = checkResource(insufficient, node, scalar.name, scalar.quantity);
  }
  return insufficient ?? NONE;
}
