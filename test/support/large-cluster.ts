/**
 * A large `kubectl get nodes,pods -A -o json` List, generated
 * deterministically: `nodeCount` nodes over three zones and `podsPerNode`
 * pods on each (a DaemonSet pod plus Deployment replicas), with the
 * managedFields, annotations and status noise real dumps carry.
 */
import { kubectlList, makeNode, makePod } from './kube-builders.js';

export interface LargeClusterShape {
  nodeCount: number;
  podsPerNode: number;
}

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export function largeClusterList({ nodeCount, podsPerNode }: LargeClusterShape): Record<string, unknown> {
  const items: unknown[] = [];
  for (let index = 0; index < nodeCount; index += 1) {
    items.push(
      makeNode(`ip-10-${Math.floor(index / 250)}-${index % 250}-1.ec2.internal`)
        .zone(ZONES[index % ZONES.length])
        .instanceType(index % 10 === 0 ? 'm5.4xlarge' : 'm5.2xlarge')
        .labels({ 'eks.amazonaws.com/nodegroup': index % 10 === 0 ? 'large' : 'general', 'eks.amazonaws.com/capacityType': 'ON_DEMAND' })
        .allocatable({ cpu: '7910m', memory: '31482132Ki', pods: '58', 'ephemeral-storage': '95491281146' })
        .build(),
    );
  }
  for (let nodeIndex = 0; nodeIndex < nodeCount; nodeIndex += 1) {
    const nodeName = `ip-10-${Math.floor(nodeIndex / 250)}-${nodeIndex % 250}-1.ec2.internal`;
    items.push(
      makePod(`aws-node-${nodeIndex.toString(36)}`, 'kube-system')
        .labels({ 'k8s-app': 'aws-node', 'controller-revision-hash': '6b8d9f7c5' })
        .requests({ cpu: '25m' })
        .ownedBy('DaemonSet', 'aws-node')
        .on(nodeName)
        .build(),
    );
    for (let replica = 1; replica < podsPerNode; replica += 1) {
      const app = `svc-${(nodeIndex * podsPerNode + replica) % 400}`;
      items.push(
        makePod(`${app}-7d4b9c8f6d-${nodeIndex.toString(36)}${replica}`, `team-${(nodeIndex + replica) % 40}`)
          .labels({ app, 'pod-template-hash': '7d4b9c8f6d', 'app.kubernetes.io/part-of': 'platform' })
          .requests({ cpu: '250m', memory: '512Mi' })
          .ownedBy('ReplicaSet', `${app}-7d4b9c8f6d`)
          .on(nodeName)
          .build(),
      );
    }
  }
  return kubectlList(items);
}
