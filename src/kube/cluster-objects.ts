/**
 * The Kubernetes objects of one cluster that scheduling reads, after import
 * (validated, defaulted, stripped of what scheduling never looks at).
 * Shared by the importer (src/kube), the store (src/topologies) and the
 * engine's state builder (src/scheduling/model).
 */
import type {
  V1Deployment,
  V1Namespace,
  V1Node,
  V1Pod,
  V1PodDisruptionBudget,
  V1PriorityClass,
  V1ReplicaSet,
  V1ReplicationController,
  V1Service,
  V1StatefulSet,
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
  };
}
