/**
 * GetEligibleNodes (binder.go) with storage/util
 * GetLocalPersistentVolumeNodeNames: the bound PVs whose required node
 * affinity names hosts (kubernetes.io/hostname In …) restrict the pod to the
 * intersection of those hosts; any missing PV lifts the restriction.
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { StorageCatalog } from '../../model/storage-catalog.js';

const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** Per term, the intersection of its hostname In lists; the union over terms. */
export function localVolumeNodeNames(volume: V1PersistentVolume): Set<string> {
  const result = new Set<string>();
  for (const term of volume.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    let nodes: Set<string> | undefined;
    for (const expression of term.matchExpressions ?? []) {
      if (expression.key !== LABEL_HOSTNAME || expression.operator !== 'In') continue;
      const values = new Set(expression.values ?? []);
      nodes = nodes === undefined ? values : new Set([...nodes].filter((name) => values.has(name)));
    }
    for (const name of nodes ?? []) result.add(name);
  }
  return result;
}

export function eligibleNodes(boundClaims: readonly V1PersistentVolumeClaim[], storage: StorageCatalog): ReadonlySet<string> | undefined {
  let eligible: Set<string> | undefined;
  for (const claim of boundClaims) {
    const volume = storage.persistentVolumes.get(claim.spec?.volumeName ?? '');
    if (!volume) return undefined;
    const names = localVolumeNodeNames(volume);
    if (names.size === 0) continue;
    eligible = eligible === undefined ? names : new Set([...eligible].filter((name) => names.has(name)));
  }
  return eligible;
}
