/**
 * DynamicResources' Score from v1.35 (kubernetes PR 134711 "DRA: Add
 * scoring for Prioritized List feature"; dynamicresources.go Score,
 * computeScore and NormalizeScore): a node scores, for every firstAvailable
 * request of the pod's claims, FirstAvailableDeviceRequestMaxSize (8) minus
 * the index of the subrequest its allocation selected, so nodes that satisfy
 * the preferred alternatives rank higher; DefaultNormalizeScore scales the
 * sums to [0, 100]. Nodes without an allocation (every claim already
 * allocated) score 0.
 */
import type { ResourceV1ResourceClaim } from '@kubernetes/client-node';
import type { AllocatedRequests } from './allocator/structured-allocator.js';

/** resourceapi.FirstAvailableDeviceRequestMaxSize. */
export const FIRST_AVAILABLE_DEVICE_REQUEST_MAX_SIZE = 8;

export class ScoreError extends Error {}

/**
 * computeScore: claim i of the pod is read against allocation i, as
 * upstream indexes every claim (allocated ones included) into the
 * allocations of the claims it allocated; running past them is upstream's
 * error "number of allocations N is smaller than number of claims".
 */
export function prioritizedListScore(claims: readonly ResourceV1ResourceClaim[], allocations: AllocatedRequests): number {
  let score = 0;
  claims.forEach((claim, index) => {
    if (index >= allocations.length) throw new ScoreError(`number of allocations ${allocations.length} is smaller than number of claims`);
    const selected = new Set(allocations[index].filter((request) => request.includes('/')));
    for (const request of claim.spec.devices?.requests ?? []) {
      if (request.exactly) continue;
      (request.firstAvailable ?? []).forEach((sub, subIndex) => {
        if (selected.has(`${request.name}/${sub.name}`)) score += FIRST_AVAILABLE_DEVICE_REQUEST_MAX_SIZE - subIndex;
      });
    }
  });
  return score;
}
