/**
 * The ResourceClaims a pod uses (dynamicresources.go foreachPodResourceClaim
 * and k8s.io/dynamic-resource-allocation/resourceclaim Name/IsForPod): a
 * claim named by `resourceClaimName`, or the claim the resourceclaim
 * controller created from `resourceClaimTemplateName`, which the pod's
 * status.resourceClaimStatuses names. Each problem is upstream's error text.
 */
import type { ResourceV1ResourceClaim, V1Pod } from '@kubernetes/client-node';
import { resourceClaimKey, type DraCatalog } from '../../model/dra-catalog.js';

export type PodClaimsResult = { readonly claims: ResourceV1ResourceClaim[] } | { readonly error: string };

function podLabel(pod: V1Pod): string {
  return `${pod.metadata?.namespace || 'default'}/${pod.metadata?.name ?? ''}`;
}

export function podResourceClaims(pod: V1Pod, catalog: DraCatalog): PodClaimsResult {
  const namespace = pod.metadata?.namespace || 'default';
  const claims: ResourceV1ResourceClaim[] = [];
  for (const podClaim of pod.spec?.resourceClaims ?? []) {
    let name: string | undefined;
    let mustCheckOwner = false;
    if (podClaim.resourceClaimName) name = podClaim.resourceClaimName;
    else if (podClaim.resourceClaimTemplateName) {
      const status = (pod.status?.resourceClaimStatuses ?? []).find((entry) => entry.name === podClaim.name);
      if (status === undefined) return { error: `pod "${podLabel(pod)}": ResourceClaim not created yet` };
      // No claim was generated for this entry (valid: the template may ask for nothing): skipped.
      if (!status.resourceClaimName) continue;
      name = status.resourceClaimName;
      mustCheckOwner = true;
    } else continue;
    const claim = catalog.resourceClaims.get(resourceClaimKey(namespace, name));
    if (claim === undefined) return { error: `resourceclaim "${name}" not found` };
    if (claim.metadata?.deletionTimestamp) return { error: `resourceclaim "${name}" is being deleted` };
    if (mustCheckOwner && !(claim.metadata?.ownerReferences ?? []).some((owner) => owner.controller === true && owner.uid === pod.metadata?.uid)) {
      return { error: `ResourceClaim ${namespace}/${name} was not created for pod ${podLabel(pod)} (pod is not owner)` };
    }
    claims.push(claim);
  }
  return { claims };
}

/** resourceclaim.IsReservedForPod. */
export function isReservedForPod(pod: V1Pod, claim: ResourceV1ResourceClaim): boolean {
  return (claim.status?.reservedFor ?? []).some((consumer) => consumer.resource === 'pods' && consumer.uid === pod.metadata?.uid);
}

/** resourceapi.ResourceClaimReservedForMaxSize. */
export const RESOURCE_CLAIM_RESERVED_FOR_MAX_SIZE = 256;

/** resourceclaim.CanBeReserved. */
export function canBeReserved(claim: ResourceV1ResourceClaim): boolean {
  return (claim.status?.reservedFor?.length ?? 0) < RESOURCE_CLAIM_RESERVED_FOR_MAX_SIZE;
}
