/**
 * The contract's `volumes` of a placement (shared/api-contract.md, Storage):
 * per claim the pod uses, the PV it is bound to (or null) and whether the
 * volume is to be dynamically provisioned, read from the cluster after the
 * plan (VolumeBinding's Reserve left each placed replica's bindings there).
 * An unplaced replica's entries also say, in one sentence, what ties the
 * claim down ("claim data-db-1 is bound to pv-123 in zone us-east-1b").
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { SELECTED_NODE_ANNOTATION } from '../kube/storage-stripping.js';
import { claimReferencesOf } from '../scheduling/model/pod-claims.js';
import { claimKey, type StorageCatalog } from '../scheduling/model/storage-catalog.js';
import { localVolumeNodeNames } from '../scheduling/plugins/volume-binding/eligible-nodes.js';
import { isClaimBound } from '../scheduling/plugins/volume-binding/pod-volume-claims.js';
import { claimClass } from '../scheduling/plugins/volume-binding/pv-matching.js';
import type { PlacementVolume } from './simulation-result.js';

const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.gke.io/zone', 'topology.ebs.csi.aws.com/zone'];

/** The zones a PV's required node affinity (or, failing that, its zone label) allows. */
export function volumeZones(volume: V1PersistentVolume): string[] {
  const zones = new Set<string>();
  for (const term of volume.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const expression of term.matchExpressions ?? []) {
      if (ZONE_KEYS.includes(expression.key) && expression.operator === 'In') for (const value of expression.values ?? []) zones.add(value);
    }
  }
  if (zones.size === 0) {
    for (const key of ZONE_KEYS) {
      const value = volume.metadata?.labels?.[key];
      if (value) for (const zone of value.split('__')) zones.add(zone);
    }
  }
  return [...zones].sort();
}

function where(volume: V1PersistentVolume): string {
  const zones = volumeZones(volume);
  if (zones.length > 0) return ` in zone ${zones.join(' or ')}`;
  const hosts = [...localVolumeNodeNames(volume)].sort();
  if (hosts.length > 0) return ` on node ${hosts.join(' or ')}`;
  return '';
}

/** What ties a claim down, in one sentence: the PV it is bound to and where, or its class when unbound. */
export function claimExplanation(claimName: string, claim: V1PersistentVolumeClaim | undefined, storage: StorageCatalog): string {
  if (!claim) return `claim ${claimName} does not exist`;
  const volumeName = claim.spec?.volumeName;
  if (volumeName) {
    const volume = storage.persistentVolumes.get(volumeName);
    return volume ? `claim ${claimName} is bound to ${volumeName}${where(volume)}` : `claim ${claimName} is bound to ${volumeName}, which does not exist`;
  }
  const className = claimClass(claim);
  const storageClass = storage.storageClasses.get(className);
  if (!storageClass) return className === '' ? `claim ${claimName} is unbound and has no StorageClass` : `claim ${claimName} is unbound and its StorageClass ${className} does not exist`;
  const selected = claim.metadata?.annotations?.[SELECTED_NODE_ANNOTATION];
  if (selected) return `claim ${claimName} is being provisioned for node ${selected}`;
  const mode = storageClass.volumeBindingMode ?? 'Immediate';
  const topologies = (storageClass.allowedTopologies ?? []).flatMap((term) => (term.matchLabelExpressions ?? []).map((expression) => `${expression.key} in (${(expression.values ?? []).join(', ')})`));
  return `claim ${claimName} is unbound (StorageClass ${className}, ${mode}${topologies.length > 0 ? `, allowedTopologies ${topologies.join('; ')}` : ''})`;
}

/** undefined for a pod without claims. */
export function placementVolumes(pod: V1Pod, placed: boolean, storage: StorageCatalog): PlacementVolume[] | undefined {
  const references = claimReferencesOf(pod);
  if (references.length === 0) return undefined;
  const namespace = pod.metadata?.namespace || 'default';
  return references.map((reference) => {
    const claim = storage.persistentVolumeClaims.get(claimKey(namespace, reference.claimName));
    const bound = claim !== undefined && isClaimBound(claim);
    const provisioned = placed && claim !== undefined && !bound && claim.metadata?.annotations?.[SELECTED_NODE_ANNOTATION] !== undefined;
    return {
      claim: reference.claimName,
      volume: bound ? (claim!.spec!.volumeName ?? null) : null,
      provisioned,
      ...(!placed && { explanation: claimExplanation(reference.claimName, claim, storage) }),
    };
  });
}
