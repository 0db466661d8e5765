/**
 * The scheduler_perf workloads podplan benchmarks (test/integration/scheduler_perf/config/performance-config.yaml
 * shapes): each names its cluster and the Deployment whose replicas are measured.
 */
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { deployment, existingPod, type ClusterShape } from './synthetic-cluster.js';

export interface BenchWorkload {
  readonly name: string;
  readonly cluster: ClusterShape;
  readonly workload: V1Deployment;
}

const hostname = 'kubernetes.io/hostname';
const zone = 'topology.kubernetes.io/zone';

function affinityPod(index: number, nodeName: string): V1Pod {
  // The mixed cluster: existing pods that themselves carry (anti-)affinity, as in scheduler_perf's MixedSchedulingBasePod.
  const labels = { color: index % 2 === 0 ? 'green' : 'blue', app: `existing-${index % 20}` };
  return existingPod(index, nodeName, labels, {
    affinity:
      index % 2 === 0
        ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { color: 'green' } } } }] } }
        : { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: zone, labelSelector: { matchLabels: { color: 'blue' } } } }] } },
  });
}

export function benchWorkloads(nodes: number, existingPods: number, replicas: number): BenchWorkload[] {
  const cluster: ClusterShape = { nodes, existingPods };
  const labels = { app: 'measured' };
  return [
    { name: 'basic', cluster, workload: deployment('basic', replicas, labels) },
    {
      name: 'required-hostname-anti-affinity',
      cluster,
      workload: deployment('anti', replicas, { color: 'green' }, {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: hostname, labelSelector: { matchLabels: { color: 'green' } } }] } },
      }),
    },
    {
      name: 'required-zone-affinity',
      cluster,
      workload: deployment('affinity', replicas, { foo: '' }, {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: zone, labelSelector: { matchLabels: { foo: '' } } }] } },
      }),
    },
    {
      name: 'preferred-affinity',
      cluster,
      workload: deployment('preferred-affinity', replicas, { foo: '' }, {
        affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { foo: '' } } } }] } },
      }),
    },
    {
      name: 'preferred-anti-affinity',
      cluster,
      workload: deployment('preferred-anti', replicas, { foo: '' }, {
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { foo: '' } } } }] } },
      }),
    },
    {
      name: 'topology-spread-do-not-schedule',
      cluster,
      workload: deployment('spread', replicas, { spread: 'hard' }, {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { spread: 'hard' } } }],
      }),
    },
    {
      name: 'topology-spread-schedule-anyway',
      cluster,
      workload: deployment('spread-soft', replicas, { spread: 'soft' }, {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: zone, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { spread: 'soft' } } }],
      }),
    },
    {
      name: 'required-node-affinity',
      cluster: { ...cluster, nodeLabels: (index) => ({ 'pool': index % 2 === 0 ? 'general' : 'batch' }) },
      workload: deployment('node-affinity', replicas, labels, {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['general'] }] }] } } },
      }),
    },
    {
      name: 'mixed-10k-affinity-pods',
      cluster: { nodes, existingPods: Math.max(existingPods, 10_000), existingPod: affinityPod },
      workload: deployment('mixed', replicas, { color: 'green' }, {
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { color: 'green' } } } }] } },
      }),
    },
  ];
}
