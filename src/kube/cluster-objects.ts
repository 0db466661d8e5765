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
