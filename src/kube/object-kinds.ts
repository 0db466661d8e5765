/**
 * The kinds podplan reads, where each goes in ClusterObjects, and how list
 * documents are recognised. Kinds are matched by API group, not version, so
 * older dumps (`extensions/v1beta1` Deployments, `policy/v1beta1` PDBs,
 * `storage.k8s.io/v1beta1` StorageClasses, CSINodes and CSIStorageCapacities, `resource.k8s.io/v1beta1|v1beta2` DRA objects) import too; the stored objects carry the current apiVersion.
 */
import type { ClusterObjects } from './cluster-objects.js';

export type ClusterKind =
  | 'Node'
  | 'Pod'
  | 'Namespace'
  | 'Service'
  | 'ReplicationController'
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'PriorityClass'
  | 'PodDisruptionBudget'
  | 'PersistentVolume'
  | 'PersistentVolumeClaim'
  | 'StorageClass'
  | 'CSINode'
  | 'CSIDriver'
  | 'CSIStorageCapacity'
  | 'VolumeAttachment'
  | 'ResourceSlice'
  | 'DeviceClass'
  | 'ResourceClaim'
  | 'ResourceClaimTemplate';

interface KindInfo {
  /** What the stored object's apiVersion is set to. */
  apiVersion: string;
  /** API groups the kind is accepted from; '' is the core group. */
  groups: readonly string[];
  collection: keyof ClusterObjects;
  namespaced: boolean;
}

export const CLUSTER_KINDS: Readonly<Record<ClusterKind, KindInfo>> = {
  Node: { apiVersion: 'v1', groups: [''], collection: 'nodes', namespaced: false },
  Pod: { apiVersion: 'v1', groups: [''], collection: 'pods', namespaced: true },
  Namespace: { apiVersion: 'v1', groups: [''], collection: 'namespaces', namespaced: false },
  Service: { apiVersion: 'v1', groups: [''], collection: 'services', namespaced: true },
  ReplicationController: { apiVersion: 'v1', groups: [''], collection: 'replicationControllers', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], collection: 'deployments', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', groups: ['apps', 'extensions'], collection: 'replicaSets', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', groups: ['apps'], collection: 'statefulSets', namespaced: true },
  PriorityClass: { apiVersion: 'scheduling.k8s.io/v1', groups: ['scheduling.k8s.io'], collection: 'priorityClasses', namespaced: false },
  PodDisruptionBudget: { apiVersion: 'policy/v1', groups: ['policy'], collection: 'podDisruptionBudgets', namespaced: true },
  PersistentVolume: { apiVersion: 'v1', groups: [''], collection: 'persistentVolumes', namespaced: false },
  PersistentVolumeClaim: { apiVersion: 'v1', groups: [''], collection: 'persistentVolumeClaims', namespaced: true },
  StorageClass: { apiVersion: 'storage.k8s.io/v1', groups: ['storage.k8s.io'], collection: 'storageClasses', namespaced: false },
  CSINode: { apiVersion: 'storage.k8s.io/v1', groups: ['storage.k8s.io'], collection: 'csiNodes', namespaced: false },
  CSIDriver: { apiVersion: 'storage.k8s.io/v1', groups: ['storage.k8s.io'], collection: 'csiDrivers', namespaced: false },
  // storage.k8s.io/v1 since v1.24; v1beta1 dumps have the same fields.
  CSIStorageCapacity: { apiVersion: 'storage.k8s.io/v1', groups: ['storage.k8s.io'], collection: 'csiStorageCapacities', namespaced: true },
  // storage.k8s.io/v1 since v1.13; v1beta1 dumps have the same fields.
  VolumeAttachment: { apiVersion: 'storage.k8s.io/v1', groups: ['storage.k8s.io'], collection: 'volumeAttachments', namespaced: false },
  // resource.k8s.io v1, v1beta1 and v1beta2 (converted to v1 by dra-conversion.ts).
  ResourceSlice: { apiVersion: 'resource.k8s.io/v1', groups: ['resource.k8s.io'], collection: 'resourceSlices', namespaced: false },
  DeviceClass: { apiVersion: 'resource.k8s.io/v1', groups: ['resource.k8s.io'], collection: 'deviceClasses', namespaced: false },
  ResourceClaim: { apiVersion: 'resource.k8s.io/v1', groups: ['resource.k8s.io'], collection: 'resourceClaims', namespaced: true },
  ResourceClaimTemplate: { apiVersion: 'resource.k8s.io/v1', groups: ['resource.k8s.io'], collection: 'resourceClaimTemplates', namespaced: true },
};

/** Controllers whose pods appear in dumps as pods; the controllers themselves are not simulated. */
const POD_OWNING_KINDS_NOT_SIMULATED = new Set(['DaemonSet', 'Job', 'CronJob']);

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function clusterKindOf(kind: string, apiVersion: string): ClusterKind | undefined {
  if (!Object.prototype.hasOwnProperty.call(CLUSTER_KINDS, kind)) return undefined;
  const clusterKind = kind as ClusterKind;
  return CLUSTER_KINDS[clusterKind].groups.includes(apiGroupOf(apiVersion)) ? clusterKind : undefined;
}

/** Why objects of a kind podplan does not read were skipped. */
export function skipReason(kind: string): string {
  return POD_OWNING_KINDS_NOT_SIMULATED.has(kind)
    ? 'their pods are imported as pods; the controller itself is not simulated'
    : 'podplan does not use this kind';
}

/** `List` (kubectl) and typed lists (`NodeList`, `PodList`, …) as the API returns them. */
export function isListKind(kind: string): boolean {
  return kind === 'List' || (kind.endsWith('List') && kind.length > 'List'.length);
}

/** The kind of the items of a typed list, whose items often omit it. */
export function itemKindOfList(listKind: string): string | undefined {
  return listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
}
