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
import { type PodResourceRequest, requestsNothing } from './pod-resource-request.js';
import { ErrReasonTooManyPods, insufficientResourceReason } from './reasons.js';

export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  readonly unresolvable: boolean;
}

function shortfall(resourceName: string, requested: number, used: number, capacity: number): InsufficientResource {
  const reason = insufficientResourceReason(resourceName);
  return { resourceName, reason, requested, used, capacity, unresolvable: requested > capacity };
}

/** Every resource the node lacks for the pod, in upstream's order; empty when it fits. */
export function fitsRequest(request: PodResourceRequest, node: NodeInfo): InsufficientResource[] {
  const insufficient: InsufficientResource[] = [];
  const podCount = node.pods.length;
  const allowedPodNumber = node.allowedPodNumber;
  if (podCount + 1 > allowedPodNumber) {
    // Upstream leaves Unresolvable false here: evicting pods frees slots.
    insufficient.push({
      resourceName: PODS,
      reason: ErrReasonTooManyPods,
      requested: 1,
      used: podCount,
      capacity: allowedPodNumber,
      unresolvable: false,
    });
  }
  if (requestsNothing(request)) return insufficient;

  const allocatable = node.allocatable;
  const requested = node.requested;
  const check = (name: string, amount: number): void => {
    const capacity = allocatable[name] ?? 0;
    const used = requested[name] ?? 0;
    if (amount > 0 && amount > capacity - used) insufficient.push(shortfall(name, amount, used, capacity));
  };
  check(CPU, request.milliCPU);
  check(MEMORY, request.memory);
  check(EPHEMERAL_STORAGE, request.ephemeralStorage);
  for (const scalar of request.checkedScalars) check(scalar.name, scalar.quantity);
  return insufficient;
}
