/** Request examples of the plan and simulation routes, published in the OpenAPI document. */
import type { ExamplesObject } from '@nestjs/swagger';

const frontend = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'frontend', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'frontend' } },
    template: {
      metadata: { labels: { app: 'frontend' } },
      spec: {
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'frontend' } } },
        ],
        containers: [{ name: 'web', image: 'frontend:2.1', resources: { requests: { cpu: '500m', memory: '512Mi' } } }],
      },
    },
  },
};

const node = (name: string, zone: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
});

export const PLAN_EXAMPLES: Record<'simulation' | 'plan' | 'rerun', ExamplesObject> = {
  simulation: {
    inlineCluster: {
      summary: 'a Deployment spread over two zones of an inline cluster',
      value: { cluster: { objects: [node('node-a', 'eu-west-1a'), node('node-b', 'eu-west-1b')] }, workloads: [frontend], explain: 'summary' },
    },
    savedTopology: {
      summary: 'the same Deployment on a saved topology, emulating Kubernetes 1.34',
      value: { topologyId: '3f1c4bd0-0d0e-4b59-9a43-5f0c6a8ee1a2', workloads: [frontend], kubernetesVersion: 'v1.34' },
    },
  },
  plan: {
    deployment: { summary: 'a named plan of one Deployment', value: { name: 'frontend-rollout', workloads: [frontend] } },
  },
  rerun: {
    latest: { summary: 'again, on the latest revision', value: {} },
    revision: { summary: 'again, on revision 4, under a new name', value: { revision: 4, name: 'frontend-after-resize' } },
  },
};
