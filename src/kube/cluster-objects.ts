/**
 * The Kubernetes objects of one cluster that scheduling reads, after import
 * (validated, defaulted, stripped of what scheduling never looks at).
 * Shared by the importer (src/kube), the store (src/topologies) and the
 * engine's state builder (src/scheduling/model).
 */
import type {
  ResourceV1ResourceClaim,
  V1CSIDriver,
  V1CSIStorageCapacity,
  V1CSINode,
  V1Deployment,
  V1DeviceClass,
  V1Namespace,
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodDisruptionBudget,
  V1PriorityClass,
  V1ReplicaSet,
  V1ReplicationController,
  V1ResourceClaimTemplate,
  V1ResourceSlice,
  V1Service,
  V1StatefulSet,
  V1StorageClass,
  V1VolumeAttachment,
} from '@kubernetes/client-node';

/** The release the cluster says it runs (src/kube/cluster-version.ts). */
export interface ClusterVersion {
  /** As reported, e.g. `v1.34.2-eks-113cf36`. */
  readonly gitVersion: string;
  /** `serverVersion`: the API server's version document; `kubeletVersion`: the nodes' kubelets (a hint). */
  readonly source: 'serverVersion' | 'kubeletVersion';
}

export interface ClusterObjects {
  nodes: V1Node[];
  pods: V1Pod[];
  namespaces: V1Namespace[];
  services: V1Service[];
  replicaSets: V1ReplicaSet[];
  statefulSets: V1StatefulSet[];
  deployments: V1Deployment[];
  replicationControllers: V1ReplicationController[];
  priorityClasses: V1PriorityClass[];
  podDisruptionBudgets: V1PodDisruptionBudget[];
  /*
   * Storage objects (issue 13). Optional because revisions stored before
   * podplan imported them lack the keys; their dumps' storage objects were
   * skipped, so absent means none.
   */
  persistentVolumes?: V1PersistentVolume[];
  persistentVolumeClaims?: V1PersistentVolumeClaim[];
  storageClasses?: V1StorageClass[];
  csiNodes?: V1CSINode[];
  csiDrivers?: V1CSIDriver[];
  /** storage.k8s.io/v1 (and v1beta1) CSIStorageCapacity: what VolumeBinding's capacity check reads. */
  csiStorageCapacities?: V1CSIStorageCapacity[];
  /** storage.k8s.io/v1 VolumeAttachment: volumes attached to nodes, which NodeVolumeLimits counts toward the attach limit. */
  volumeAttachments?: V1VolumeAttachment[];
  /*
   * Dynamic Resource Allocation objects (issue 16), in resource.k8s.io/v1's
   * shape. Optional for the same reason: absent in older revisions means none.
   */
  resourceSlices?: V1ResourceSlice[];
  deviceClasses?: V1DeviceClass[];
  resourceClaims?: ResourceV1ResourceClaim[];
  resourceClaimTemplates?: V1ResourceClaimTemplate[];
  /** Absent when the dump does not say (and in revisions stored before releases were recorded). */
  clusterVersion?: ClusterVersion;
}

export function emptyClusterObjects(): ClusterObjects {
  return {
    nodes: [],
    pods: [],
    namespaces: [],
    services: [],
    replicaSets: [],
    statefulSets: [],
    deployments: [],
    replicationControllers: [],
    priorityClasses: [],
    podDisruptionBudgets: [],
    persistentVolumes: [],
    persistentVolumeClaims: [],
    storageClasses: [],
    csiNodes: [],
    csiDrivers: [],
    csiStorageCapacities: [],
    volumeAttachments: [],
    resourceSlices: [],
    deviceClasses: [],
    resourceClaims: [],
    resourceClaimTemplates: [],
  };
}
