/**
 * The DRA devices of a placed replica, as its placement lists them: the
 * allocation results Reserve wrote into the plan's claims
 * (status.allocation.devices.results), one entry per result with upstream's
 * DeviceRequestAllocationResult fields — request (or request/subrequest),
 * driver, pool, device, and adminAccess, shareID and consumedCapacity when
 * set (DRAAdminAccess, DRAConsumableCapacity).
 */
import type { V1DeviceRequestAllocationResult, V1Pod } from '@kubernetes/client-node';
import type { PodDecision } from '../scheduling/planner/decision.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { findExtendedResourceClaim, requestsDraExtendedResource } from '../scheduling/plugins/dynamic-resources/extended-resources.js';
import { podResourceClaims } from '../scheduling/plugins/dynamic-resources/pod-claims.js';
import type { AllocatedDevice, Placement } from './simulation-result.js';

/** The devices of a placed pod's claims, read from the plan's final claims (Reserve wrote them). */
export function allocatedDevices(decision: PodDecision, pod: V1Pod, cluster: ClusterState): Pick<Placement, 'devices'> {
  if (decision.node === null) return {};
  const claims = (pod.spec?.resourceClaims?.length ?? 0) === 0 ? [] : podResourceClaims(pod, cluster.objects.dra);
  if ('error' in claims) return {};
  // DRAExtendedResource: the claim DynamicResources made for the pod's extended resources.
  const extended = requestsDraExtendedResource(pod) ? findExtendedResourceClaim(pod, cluster.objects.dra.resourceClaims.values()) : undefined;
  const found = [...('claims' in claims ? claims.claims : []), ...(extended ? [extended] : [])];
  if (found.length === 0) return {};
  const devices = found.flatMap((claim) => (claim.status?.allocation?.devices?.results ?? []).map((result) => allocatedDevice(claim.metadata?.name ?? '', result)));
  return devices.length > 0 ? { devices } : {};
}

/** One allocation result as a placement names it: upstream's DeviceRequestAllocationResult fields, adminAccess, shareID and consumedCapacity only when set. */
function allocatedDevice(claim: string, result: V1DeviceRequestAllocationResult): AllocatedDevice {
  return {
    claim,
    request: result.request,
    driver: result.driver,
    pool: result.pool,
    device: result.device,
    ...(result.adminAccess === true && { adminAccess: true as const }),
    ...(result.shareID !== undefined && { shareID: result.shareID }),
    ...(result.consumedCapacity !== undefined && Object.keys(result.consumedCapacity).length > 0 && { consumedCapacity: { ...result.consumedCapacity } }),
  };
}
