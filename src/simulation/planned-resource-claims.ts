/**
 * The ResourceClaims the resourceclaim controller creates for a plan's pods
 * (pkg/controller/resourceclaim/controller.go handleClaim): one per pod entry
 * naming a ResourceClaimTemplate, from the template's spec, owned by the pod
 * (controller reference), annotated `resource.kubernetes.io/pod-claim-name`,
 * and named by generateName `<pod>-<claim entry>-` (the base cut to 57
 * characters) plus five characters. The API server draws those at random;
 * podplan derives them from the pod and entry names (hashing.ts nameSuffix),
 * so the same plan names the same claims. The pod's
 * status.resourceClaimStatuses then names each claim, as the controller
 * records it. A template that does not exist creates nothing: the pod waits
 * ("ResourceClaim not created yet"), as in a cluster.
 */
import type { ResourceV1ResourceClaim, V1Pod } from '@kubernetes/client-node';
import { nameSuffix } from '../kube/expansion/hashing.js';
import type { ExpandedWorkload } from '../kube/workloads.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { resourceClaimKey, withResourceClaims } from '../scheduling/model/dra-catalog.js';

/** resourceclaim controller: annotation naming the pod's claim entry. */
export const POD_CLAIM_NAME_ANNOTATION = 'resource.kubernetes.io/pod-claim-name';
const MAX_GENERATE_NAME_BASE = 57;

export function generatedResourceClaimName(podName: string, claimEntry: string): string {
  let base = `${podName}-${claimEntry}`;
  if (base.length > MAX_GENERATE_NAME_BASE) base = base.slice(0, MAX_GENERATE_NAME_BASE);
  return `${base}-${nameSuffix(`${podName}/${claimEntry}`)}`;
}

function claimsFor(pod: V1Pod, working: ClusterState): ResourceV1ResourceClaim[] {
  const namespace = pod.metadata?.namespace || 'default';
  const templates = working.objects.dra.resourceClaimTemplates;
  const claims: ResourceV1ResourceClaim[] = [];
  const statuses: { name: string; resourceClaimName: string }[] = [...(pod.status?.resourceClaimStatuses ?? []).map((status) => ({ name: status.name, resourceClaimName: status.resourceClaimName ?? '' }))];
  for (const entry of pod.spec?.resourceClaims ?? []) {
    if (!entry.resourceClaimTemplateName || statuses.some((status) => status.name === entry.name)) continue;
    const template = templates.get(resourceClaimKey(namespace, entry.resourceClaimTemplateName));
    if (template === undefined) continue;
    const name = generatedResourceClaimName(pod.metadata?.name ?? '', entry.name);
    claims.push({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceClaim',
      metadata: {
        name,
        namespace,
        uid: `${pod.metadata?.uid ?? ''}-${entry.name}`,
        annotations: { ...template.spec.metadata?.annotations, [POD_CLAIM_NAME_ANNOTATION]: entry.name },
        ...(template.spec.metadata?.labels && { labels: template.spec.metadata.labels }),
        ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: template.spec.spec,
    });
    statuses.push({ name: entry.name, resourceClaimName: name });
  }
  if (claims.length > 0) pod.status = { ...pod.status, resourceClaimStatuses: statuses };
  return claims;
}

/** Creates the plan's template claims in `working` and records them in their pods' status. */
export function addPlannedResourceClaims(working: ClusterState, workloads: readonly ExpandedWorkload[]): void {
  addResourceClaimsForPods(working, workloads.flatMap((workload) => workload.pods));
}

/** The same for pods that are not a workload's expansion (capacity's copies of a Pod, pods created again elsewhere). */
export function addResourceClaimsForPods(working: ClusterState, pods: readonly V1Pod[]): void {
  const created = pods.flatMap((pod) => claimsFor(pod, working));
  if (created.length > 0) working.withCatalog((catalog) => ({ ...catalog, dra: withResourceClaims(catalog.dra, created) }));
}
