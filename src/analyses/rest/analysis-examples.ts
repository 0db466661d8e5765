/** Request examples of the what-if analyses, published in the OpenAPI document. */
import type { ExamplesObject } from '@nestjs/swagger';

const topologyId = '3f1c4bd0-0d0e-4b59-9a43-5f0c6a8ee1a2';

const api = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'api', image: 'api:1.4', resources: { requests: { cpu: '1', memory: '2Gi' } } }] },
    },
  },
};

const m5Template = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { labels: { 'node.kubernetes.io/instance-type': 'm5.xlarge' } },
  status: { allocatable: { cpu: '3920m', memory: '15Gi', pods: '58' } },
};

const m5Group = { name: 'm5-xlarge', template: m5Template, zones: ['us-east-1a', 'us-east-1b'], maxCount: 10, price: 0.192 };

export const ANALYSIS_EXAMPLES: Record<
  'capacity' | 'scaleUp' | 'failureDomains' | 'fitSuggestions' | 'compareConfigs' | 'consolidation' | 'migration',
  ExamplesObject
> = {
  capacity: { each: { summary: 'how many more api replicas fit, each workload alone', value: { topologyId, workloads: [api], mode: 'each', maxReplicas: 500 } } },
  scaleUp: { m5: { summary: 'the m5.xlarge nodes to add so 2 api replicas fit', value: { topologyId, workloads: [api], nodeGroups: [m5Group] } } },
  failureDomains: {
    running: { summary: 'what every running workload loses with each zone', value: { topologyId, topologyKey: 'topology.kubernetes.io/zone' } },
    planned: { summary: 'the api Deployment once placed', value: { topologyId, workloads: [api] } },
  },
  fitSuggestions: { api: { summary: 'changes that would let the api replicas fit', value: { topologyId, workloads: [api], nodeGroups: [m5Group] } } },
  compareConfigs: {
    upgrade: {
      summary: 'the api Deployment on Kubernetes 1.33 and 1.34',
      value: { topologyId, workloads: [api], configs: [{ name: 'v1.33', kubernetesVersion: 'v1.33' }, { name: 'v1.34', kubernetesVersion: 'v1.34' }] },
    },
  },
  consolidation: {
    nodes: { summary: 'nodes that can go, one kept per zone, PDBs respected', value: { topologyId, keepPerZone: 1, respectPdbs: true, objective: 'nodes' } },
  },
  migration: {
    m5: { summary: 'move the m4 nodes onto m5.xlarge', value: { topologyId, from: 'node.kubernetes.io/instance-type=m4.xlarge', nodeGroups: [m5Group], keepOld: false } },
  },
};
