/**
 * Cluster dumps shaped like what EKS, GKE and AKS really return (label keys,
 * allocatable figures, system DaemonSets, taints), written by hand for these
 * tests. Each comes with the summary a correct import must report.
 */
import { stringify } from 'yaml';
import { kubectlList, makeNode, makePod, typedList } from './kube-builders.js';

type Json = Record<string, any>;

/** EKS: `kubectl get nodes,pods,namespaces,services,replicasets,configmaps -A -o json`. */
export function eksDump(): Json {
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  const nodes = zones.map((zone, index) =>
    makeNode(`ip-10-0-${index + 1}-17.ec2.internal`)
      .zone(zone)
      .instanceType('m5.large')
      .labels({
        'eks.amazonaws.com/nodegroup': 'general',
        'eks.amazonaws.com/capacityType': 'ON_DEMAND',
        'topology.k8s.aws/zone-id': `use1-az${index + 1}`,
      })
      .capacity({ cpu: '2', memory: '7934440Ki', pods: '29', 'ephemeral-storage': '83873772Ki' })
      .allocatable({ cpu: '1930m', memory: '7244264Ki', pods: '29', 'ephemeral-storage': '76224326324' })
      .build(),
  );
  const gpuNode = makeNode('ip-10-0-9-200.ec2.internal')
    .zone('us-east-1a')
    .instanceType('g5.xlarge')
    .labels({ 'eks.amazonaws.com/nodegroup': 'gpu', 'eks.amazonaws.com/capacityType': 'SPOT' })
    .allocatable({ cpu: '3920m', memory: '15136204Ki', pods: '58', 'nvidia.com/gpu': '1' })
    .taint({ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' })
    .build();
  const allNodes = [...nodes, gpuNode];
  const daemonPods = allNodes.flatMap((node, index) => [
    makePod(`aws-node-${index}abcd`, 'kube-system')
      .labels({ 'k8s-app': 'aws-node' })
      .requests({ cpu: '25m' })
      .ownedBy('DaemonSet', 'aws-node')
      .on(node.metadata!.name!)
      .build(),
    makePod(`kube-proxy-${index}wxyz`, 'kube-system')
      .labels({ 'k8s-app': 'kube-proxy' })
      .requests({ cpu: '100m' })
      .ownedBy('DaemonSet', 'kube-proxy')
      .on(node.metadata!.name!)
      .build(),
  ]);
  const coredns = [0, 1].map((index) =>
    makePod(`coredns-6f8d7c9b5-${index}x2k`, 'kube-system')
      .labels({ 'k8s-app': 'kube-dns', 'pod-template-hash': '6f8d7c9b5' })
      .requests({ cpu: '100m', memory: '70Mi' })
      .ownedBy('ReplicaSet', 'coredns-6f8d7c9b5')
      .on(nodes[index].metadata!.name!)
      .build(),
  );
  const web = [0, 1, 2].map((index) =>
    makePod(`web-7d4b9c8f6d-${index}q9zt`, 'shop')
      .labels({ app: 'web', 'pod-template-hash': '7d4b9c8f6d' })
      .requests({ cpu: '500m', memory: '512Mi' })
      .ownedBy('ReplicaSet', 'web-7d4b9c8f6d')
      .on(nodes[index].metadata!.name!)
      .build(),
  );
  const finishedJob = makePod('db-migrate-28bq4', 'shop')
    .requests({ cpu: '1', memory: '1Gi' })
    .ownedBy('Job', 'db-migrate', 'batch/v1')
    .on(nodes[0].metadata!.name!)
    .phase('Succeeded')
    .build();
  const pending = makePod('web-7d4b9c8f6d-pend1', 'shop')
    .labels({ app: 'web', 'pod-template-hash': '7d4b9c8f6d' })
    .requests({ cpu: '500m', memory: '512Mi' })
    .ownedBy('ReplicaSet', 'web-7d4b9c8f6d')
    .build();
  const namespaces = ['default', 'kube-system', 'shop'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    status: { phase: 'Active' },
  }));
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' },
  };
  const replicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-7d4b9c8f6d',
      namespace: 'shop',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-deploy-web', controller: true }],
    },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } },
        spec: { containers: [{ name: 'main', image: 'registry.example.com/app:1.0' }] },
      },
    },
    status: { replicas: 4, readyReplicas: 3 },
  };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'aws-auth', namespace: 'kube-system' },
    data: { mapRoles: '- rolearn: arn:aws:iam::123456789012:role/node' },
  };
  return kubectlList([...allNodes, ...daemonPods, ...coredns, ...web, finishedJob, pending, ...namespaces, service, replicaSet, configMap]);
}

export const EKS_SUMMARY = {
  nodes: 4,
  // 8 DaemonSet pods + 2 coredns + 3 web; the Succeeded job and the pending pod do not count.
  pods: 13,
  pendingPods: 1,
  ignoredPods: 1,
  namespaces: 3,
  zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

/** GKE: separate typed lists from the API (items without kind), as client-go prints them. */
export function gkeNodeList(): Json {
  const zones = ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'];
  return typedList(
    'NodeList',
    zones.map((zone, index) =>
      makeNode(`gke-prod-default-pool-3f2a1b7c-${index}x7q`)
        .zone(zone, 'europe-west1')
        .instanceType('e2-standard-4')
        .labels({
          'cloud.google.com/gke-nodepool': 'default-pool',
          'cloud.google.com/gke-os-distribution': 'cos',
          'cloud.google.com/machine-family': 'e2',
        })
        .capacity({ cpu: '4', memory: '16390056Ki', pods: '110' })
        .allocatable({ cpu: '3920m', memory: '13465512Ki', pods: '110' })
        .withoutKind()
        .build(),
    ),
  );
}

export function gkePodList(): Json {
  const nodeNames = [0, 1, 2].map((index) => `gke-prod-default-pool-3f2a1b7c-${index}x7q`);
  const pods = [
    ...nodeNames.map((nodeName, index) =>
      makePod(`fluentbit-gke-${index}m2w`, 'kube-system')
        .requests({ cpu: '50m', memory: '100Mi' })
        .ownedBy('DaemonSet', 'fluentbit-gke')
        .on(nodeName)
        .withoutKind()
        .build(),
    ),
    makePod('checkout-5c9d8b7f4-abcde', 'payments')
      .requests({ cpu: '1500m', memory: '2Gi' })
      .ownedBy('ReplicaSet', 'checkout-5c9d8b7f4')
      .on(nodeNames[1])
      .withoutKind()
      .build(),
    // Captured while a node was being replaced: its node is not in the NodeList.
    makePod('checkout-5c9d8b7f4-fghij', 'payments')
      .requests({ cpu: '1500m', memory: '2Gi' })
      .ownedBy('ReplicaSet', 'checkout-5c9d8b7f4')
      .on('gke-prod-default-pool-3f2a1b7c-gone')
      .withoutKind()
      .build(),
  ];
  return typedList('PodList', pods);
}

export const GKE_SUMMARY = {
  nodes: 3,
  pods: 4,
  pendingPods: 0,
  ignoredPods: 1,
  namespaces: 2,
  zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
};

/** AKS: a multi-document YAML stream (`kubectl get nodes,pods -o yaml` per object). */
export function aksYaml(): string {
  const systemNode = makeNode('aks-system-12345678-vmss000000')
    .zone('eastus-1', 'eastus')
    .instanceType('Standard_D4s_v5')
    .labels({ 'kubernetes.azure.com/agentpool': 'system', 'kubernetes.azure.com/mode': 'system', agentpool: 'system' })
    .allocatable({ cpu: '3860m', memory: '12880260Ki', pods: '110' })
    .taint({ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' })
    .build();
  const userNodes = ['eastus-1', 'eastus-2'].map((zone, index) =>
    makeNode(`aks-user-87654321-vmss00000${index}`)
      .zone(zone, 'eastus')
      .instanceType('Standard_D8s_v5')
      .labels({ 'kubernetes.azure.com/agentpool': 'user', 'kubernetes.azure.com/mode': 'user', agentpool: 'user' })
      .allocatable({ cpu: '7820m', memory: '28892100Ki', pods: '110' })
      .build(),
  );
  const pods = [
    makePod('konnectivity-agent-6c9f7b6d7-k2lx9', 'kube-system')
      .requests({ cpu: '20m', memory: '20Mi' })
      .ownedBy('ReplicaSet', 'konnectivity-agent-6c9f7b6d7')
      .toleration({ key: 'CriticalAddonsOnly', operator: 'Exists' })
      .on(systemNode.metadata!.name!)
      .build(),
    makePod('api-84c7f9d6b5-7ghqk', 'orders')
      .requests({ cpu: '2', memory: '4Gi' })
      .ownedBy('ReplicaSet', 'api-84c7f9d6b5')
      .on(userNodes[0].metadata!.name!)
      .build(),
    makePod('api-84c7f9d6b5-m4ws2', 'orders').requests({ cpu: '2', memory: '4Gi' }).ownedBy('ReplicaSet', 'api-84c7f9d6b5').build(),
  ];
  return [systemNode, ...userNodes, ...pods].map((object) => stringify(object)).join('---\n');
}

export const AKS_SUMMARY = {
  nodes: 3,
  pods: 2,
  pendingPods: 1,
  ignoredPods: 0,
  namespaces: 2,
  zones: ['eastus-1', 'eastus-2'],
};
