/**
 * A cluster whose running pods belong to many small Deployments: the pods of
 * the whole-cluster replay's owners (distinct-workloads.ts
 * clusterReplayWorkloads: 1–3 pods each, varied requests, about a tenth with
 * hostname anti-affinity or zone spreading) bound round-robin to the nodes,
 * each with its ReplicaSet as controller and its `pod-template-hash` label,
 * so workloadOfPod names the Deployment (as in a `kubectl get -o json` dump
 * without the ReplicaSets). An owner's pods land on consecutive nodes, hence
 * on distinct hosts and zones: every rule holds in the starting cluster.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { emptyClusterObjects, type ClusterObjects } from '../src/kube/cluster-objects.js';
import { clusterReplayWorkloads } from './distinct-workloads.js';
import { syntheticNode } from './synthetic-cluster.js';

export function ownedCluster(nodes: number, pods: number): ClusterObjects {
  const objects = emptyClusterObjects();
  for (let index = 0; index < nodes; index++) objects.nodes.push(syntheticNode(index));
  let placed = 0;
  for (const [position, workload] of clusterReplayWorkloads(pods).entries()) {
    const hash = `h${position.toString(36)}`;
    const name = workload.metadata!.name!;
    const template = workload.spec!.template;
    for (let replica = 0; replica < (workload.spec!.replicas ?? 1); replica++) {
      const pod: V1Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${name}-${hash}-${replica}`,
          namespace: 'default',
          labels: { ...template.metadata!.labels, 'pod-template-hash': hash },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}`, uid: `${name}-${hash}`, controller: true }],
        },
        spec: { ...template.spec!, nodeName: objects.nodes[placed % nodes].metadata!.name! },
        status: { phase: 'Running' },
      };
      objects.pods.push(pod);
      placed++;
    }
  }
  return objects;
}
