/**
 * The claims a plan's controllers create (StatefulSet volumeClaimTemplates,
 * generic ephemeral volumes) join the cluster before the pods are scheduled,
 * as the controllers create them before (StatefulSet) or right after (the
 * ephemeral volume controller, which the scheduler waits for) their pods. A
 * claim of the same name already there is kept: that is how a StatefulSet
 * replica finds the disk it had. New claims get the DefaultStorageClass
 * admission plugin's class.
 */
import type { V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { BETA_DEFAULT_CLASS_ANNOTATION, BETA_STORAGE_CLASS_ANNOTATION, DEFAULT_CLASS_ANNOTATION } from '../kube/storage-stripping.js';
import type { ExpandedWorkload } from '../kube/workloads.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { claimKey, withClaims } from '../scheduling/model/storage-catalog.js';

/** storage/util IsDefaultAnnotation. */
function isDefaultClass(storageClass: V1StorageClass): boolean {
  const annotations = storageClass.metadata?.annotations ?? {};
  return annotations[DEFAULT_CLASS_ANNOTATION] === 'true' || annotations[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/** storage/util GetDefaultClass: of several defaults, the newest (then the lowest name). */
export function defaultStorageClass(classes: Iterable<V1StorageClass>): V1StorageClass | undefined {
  const defaults = [...classes].filter(isDefaultClass);
  const created = (storageClass: V1StorageClass): number => Date.parse(String(storageClass.metadata?.creationTimestamp ?? '')) || 0;
  defaults.sort((a, b) => created(b) - created(a) || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  return defaults[0];
}

/** setdefault/admission.go Admit: a claim with no class (not even "") and no beta annotation gets the default class. */
function admitted(claim: V1PersistentVolumeClaim, defaultClass: V1StorageClass | undefined): V1PersistentVolumeClaim {
  if (!defaultClass || claim.spec?.storageClassName !== undefined || claim.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined) return claim;
  return { ...claim, spec: { ...claim.spec, storageClassName: defaultClass.metadata?.name } };
}

export function addPlannedClaims(working: ClusterState, workloads: readonly ExpandedWorkload[]): void {
  const storage = working.objects.storage;
  const defaultClass = defaultStorageClass(storage.storageClasses.values());
  const created = new Map<string, V1PersistentVolumeClaim>();
  for (const workload of workloads) {
    for (const claim of workload.claims) {
      const key = claimKey(claim.metadata?.namespace || 'default', claim.metadata?.name ?? '');
      if (!storage.persistentVolumeClaims.has(key) && !created.has(key)) created.set(key, admitted(claim, defaultClass));
    }
  }
  if (created.size > 0) working.withCatalog((catalog) => ({ ...catalog, storage: withClaims(catalog.storage, created.values()) }));
}
