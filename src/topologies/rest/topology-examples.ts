/** Request examples of the topology routes, published in the OpenAPI document. */
import type { ExamplesObject } from '@nestjs/swagger';

const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-a', labels: { 'kubernetes.io/hostname': 'node-a', 'topology.kubernetes.io/zone': 'eu-west-1a' } },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
};

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api-0', namespace: 'default', labels: { app: 'api' } },
  spec: { nodeName: 'node-a', containers: [{ name: 'api', image: 'api:1.4', resources: { requests: { cpu: '500m', memory: '1Gi' } } }] },
  status: { phase: 'Running' },
};

export const TOPOLOGY_EXAMPLES: Record<'create' | 'replace', ExamplesObject> = {
  create: {
    nodesAndPods: { summary: 'a node and a pod bound to it', value: { name: 'prod-eu', objects: [node, pod] } },
    kubectlList: { summary: 'the output of kubectl get nodes,pods -A -o json', value: { name: 'prod-eu', objects: { apiVersion: 'v1', kind: 'List', items: [node, pod] } } },
  },
  replace: {
    newRevision: { summary: 'the cluster as it is now; revision guards against a concurrent write', value: { objects: [node], revision: 1 } },
  },
};
