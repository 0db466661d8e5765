/**
 * What happens to ResourceClaims when pods go with their node (a lost
 * failure domain) or are evicted by a drain, and their controllers create
 * them again elsewhere:
 * - a claim a pod owns (made from its ResourceClaimTemplate) is deleted by
 *   the garbage collector with its pod, so its devices are free again;
 * - every other claim drops the pod from `status.reservedFor`, and a claim
 *   nobody reserves any more is deallocated (pkg/controller/resourceclaim
 *   controller.go syncClaim, upstream case "clear-reserved-structured");
 * - the pod created again has no claim statuses yet: the resourceclaim
 *   controller makes new claims from its templates (planned-resource-claims).
 */
import type { ResourceV1ResourceClaim, V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { withClaimChanges } from '../scheduling/model/dra-catalog.js';
import { addResourceClaimsForPods } from './planned-resource-claims.js';
import { requestsDraExtendedResource } from '../scheduling/plugins/dynamic-resources/extended-resources.js';

/** Pods that may hold claims: their own, or the one DynamicResources made for their extended resources (DRAExtendedResource). */
function hasClaims(pod: V1Pod): boolean {
  return (pod.spec?.resourceClaims?.length ?? 0) > 0 || requestsDraExtendedResource(pod);
}

function releasedBy(claim: ResourceV1ResourceClaim, gone: ReadonlySet<string>): ResourceV1ResourceClaim | undefined {
  const reservedFor = claim.status?.reservedFor ?? [];
  const kept = reservedFor.filter((consumer) => !(consumer.resource === 'pods' && gone.has(consumer.uid)));
  if (kept.length === reservedFor.length) return undefined;
  if (kept.length > 0) return { ...claim, status: { ...claim.status, reservedFor: kept } };
  const { allocation: _deallocated, ...status } = claim.status ?? {};
  return { ...claim, status: { ...status, reservedFor: [] } };
}

/** Releases the claims of `removed` pods in `cluster`'s catalog. */
export function releaseResourceClaims(cluster: ClusterState, removed: readonly V1Pod[]): void {
  const gone = new Set(removed.filter(hasClaims).map((pod) => pod.metadata?.uid ?? ''));
  gone.delete('');
  if (gone.size === 0) return;
  const deleted = new Set<string>();
  const replaced: ResourceV1ResourceClaim[] = [];
  for (const [key, claim] of cluster.objects.dra.resourceClaims) {
    if ((claim.metadata?.ownerReferences ?? []).some((owner) => owner.controller === true && gone.has(owner.uid))) {
      deleted.add(key);
      continue;
    }
    const released = releasedBy(claim, gone);
    if (released) replaced.push(released);
  }
  cluster.withCatalog((catalog) => ({ ...catalog, dra: withClaimChanges(catalog.dra, deleted, replaced) }));
}

/** Releases the claims of `removed` pods, then gives `recreated` (unbound, without claim statuses) claims from their templates. */
export function replacePodClaims(cluster: ClusterState, removed: readonly V1Pod[], recreated: readonly V1Pod[]): void {
  releaseResourceClaims(cluster, removed);
  if (recreated.some(hasClaims)) addResourceClaimsForPods(cluster, recreated);
}
