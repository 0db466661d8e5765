/**
 * The scheduler_perf workloads podplan benchmarks (test/integration/scheduler_perf/config/performance-config.yaml
 * shapes): each names its cluster and the Deployment whose replicas are measured.
 */
import type { V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { deployment, existingPod, type ClusterShape } from './synthetic-cluster.js';

export interface BenchWorkload {
  readonly name: string;
  readonly cluster: ClusterShape;
  readonly workload: V1Deployment | V1StatefulSet;
}

/**
 * Pods measured by scheduler_perf's `performance`-labelled case of each
 * workload at 5,000 nodes (performance-config.yaml: SchedulingBasic
 * 5000Nodes_10000Pods, SchedulingPodAntiAffinity 5000Nodes_2000Pods,
 * SchedulingPodAffinity / SchedulingPreferredPodAffinity /
 * SchedulingPreferredPodAntiAffinity / MixedSchedulingBasePod
 * 5000Nodes_5000Pods, SchedulingNodeAffinity 5000Nodes_10000Pods); spreading
 * uses 5,000 as its topology-spreading cases do.
 */
export const MEASURED_PODS: Readonly<Record<string, number>> = {
  basic: 10_000,
  'required-hostname-anti-affinity': 2_000,
  'required-zone-affinity': 5_000,
  'preferred-affinity': 5_000,
  'preferred-anti-affinity': 5_000,
  'topology-spread-do-not-schedule': 5_000,
  'topology-spread-schedule-anyway': 5_000,
  'required-node-affinity': 10_000,
  'mixed-10k-affinity-pods': 5_000,
};

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

/** The workloads, each with `replicas` pods, or scheduler_perf's count for it when `replicas` is undefined. */
export function benchWorkloads(nodes: number, existingPods: number, replicasOverride?: number): BenchWorkload[] {
  const cluster: ClusterShape = { nodes, existingPods };
  const replicasOf = (name: string) => replicasOverride ?? MEASURED_PODS[name];
  const labels = { app: 'measured' };
  return [
    { name: 'basic', cluster, workload: deployment('basic', replicasOf('basic'), labels) },
    {
      name: 'required-hostname-anti-affinity',
      cluster,
      workload: deployment('anti', replicasOf('required-hostname-anti-affinity'), { color: 'green' }, {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: hostname, labelSelector: { matchLabels: { color: 'green' } } }] } },
      }),
    },
    {
      name: 'required-zone-affinity',
      cluster,
      workload: deployment('affinity', replicasOf('required-zone-affinity'), { foo: '' }, {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: zone, labelSelector: { matchLabels: { foo: '' } } }] } },
      }),
    },
    {
      name: 'preferred-affinity',
      cluster,
      workload: deployment('preferred-affinity', replicasOf('preferred-affinity'), { foo: '' }, {
        affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { foo: '' } } } }] } },
      }),
    },
    {
      name: 'preferred-anti-affinity',
      cluster,
      workload: deployment('preferred-anti', replicasOf('preferred-anti-affinity'), { foo: '' }, {
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { foo: '' } } } }] } },
      }),
    },
    {
      name: 'topology-spread-do-not-schedule',
      cluster,
      workload: deployment('spread', replicasOf('topology-spread-do-not-schedule'), { spread: 'hard' }, {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { spread: 'hard' } } }],
      }),
    },
    {
      name: 'topology-spread-schedule-anyway',
      cluster,
      workload: deployment('spread-soft', replicasOf('topology-spread-schedule-anyway'), { spread: 'soft' }, {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: zone, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { spread: 'soft' } } }],
      }),
    },
    {
      name: 'required-node-affinity',
      cluster: { ...cluster, nodeLabels: (index) => ({ 'pool': index % 2 === 0 ? 'general' : 'batch' }) },
      workload: deployment('node-affinity', replicasOf('required-node-affinity'), labels, {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['general'] }] }] } } },
      }),
    },
    {
      name: 'mixed-10k-affinity-pods',
      cluster: { nodes, existingPods: Math.max(existingPods, 10_000), existingPod: affinityPod },
      workload: deployment('mixed', replicasOf('mixed-10k-affinity-pods'), { color: 'green' }, {
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: hostname, labelSelector: { matchLabels: { color: 'green' } } } }] } },
      }),
    },
  ];
}
