/**
 * Distinct-pod workloads (issue 14): pods that are NOT long runs of identical
 * replicas, so every one of them goes through the one-by-one path. Seeded, so
 * every bench run places the same pods.
 *
 * - `distinct-small-workloads`: 2,000 Deployments of 1–3 replicas, each with
 *   its own labels; a quarter with required hostname anti-affinity to
 *   themselves, a quarter spreading over zones (DoNotSchedule), the rest plain.
 * - `whole-cluster-replay`: every pod of a 5,000-node / 50,000-pod topology
 *   planned again on the emptied nodes, owners of 1–3 pods with their own
 *   labels and varied requests (a real cluster's mix, not one shape).
 * - `unique-label-basic` / `unique-label-spread`: scheduler_perf's
 *   SchedulingBasic and topology-spreading shapes with a label unique to
 *   each pod (one-replica Deployments), so no two pods are identical.
 */
import type { V1Deployment, V1PodSpec } from '@kubernetes/client-node';
import { SeededRandom } from '../src/scheduling/planner/seeded-random.js';
import { basicSpec, deployment, type ClusterShape } from './synthetic-cluster.js';

const hostname = 'kubernetes.io/hostname';
const zone = 'topology.kubernetes.io/zone';

export interface DistinctBenchWorkload {
  readonly name: string;
  readonly cluster: ClusterShape;
  readonly workloads: readonly V1Deployment[];
}

/** One small workload of the distinct mix: `shape` 0 plain, 1 hostname self-anti-affinity, 2 zone spreading. */
function smallWorkload(name: string, replicas: number, shape: number, spec: Partial<V1PodSpec> = {}): V1Deployment {
  const labels = { app: name };
  if (shape === 1) {
    return deployment(name, replicas, labels, {
      ...spec,
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: hostname, labelSelector: { matchLabels: labels } }] } },
    });
  }
  if (shape === 2) {
    return deployment(name, replicas, labels, {
      ...spec,
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }],
    });
  }
  return deployment(name, replicas, labels, spec);
}

/** 2,000 small workloads (1–3 replicas each; ¼ anti-affinity, ¼ spreading, ½ plain). */
export function distinctSmallWorkloads(count: number, seed = 14): V1Deployment[] {
  const random = new SeededRandom(seed);
  const workloads: V1Deployment[] = [];
  for (let index = 0; index < count; index++) {
    const shape = index % 4 === 1 ? 1 : index % 4 === 3 ? 2 : 0;
    workloads.push(smallWorkload(`svc-${index}`, 1 + random.intn(3), shape));
  }
  return workloads;
}

const CPU = ['50m', '100m', '250m', '500m'];
const MEMORY = ['64Mi', '256Mi', '500Mi', '1Gi'];

/** The pods of a cluster with `pods` pods, as owners of 1–3 pods with varied requests (about a tenth with anti-affinity or spreading). */
export function clusterReplayWorkloads(pods: number, seed = 15): V1Deployment[] {
  const random = new SeededRandom(seed);
  const workloads: V1Deployment[] = [];
  let placed = 0;
  for (let index = 0; placed < pods; index++) {
    const replicas = Math.min(1 + random.intn(3), pods - placed);
    const draw = random.intn(20);
    const shape = draw === 0 ? 1 : draw === 1 ? 2 : 0;
    const requests = { cpu: CPU[random.intn(CPU.length)], memory: MEMORY[random.intn(MEMORY.length)] };
    const spec = basicSpec();
    spec.containers[0].resources = { requests };
    workloads.push(smallWorkload(`owner-${index}`, replicas, shape, { containers: spec.containers }));
    placed += replicas;
  }
  return workloads;
}

/** scheduler_perf shapes with a label unique to each pod: one one-replica Deployment per pod. */
export function uniqueLabelWorkloads(pods: number, spread: boolean): V1Deployment[] {
  const workloads: V1Deployment[] = [];
  for (let index = 0; index < pods; index++) {
    const name = `${spread ? 'spread' : 'basic'}-${index}`;
    const labels = { app: name, tier: 'measured' };
    workloads.push(
      deployment(name, 1, labels, spread
        ? { topologySpreadConstraints: [{ maxSkew: 5, topologyKey: zone, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { tier: 'measured' } } }] }
        : {}),
    );
  }
  return workloads;
}

/**
 * The distinct workloads at `nodes` nodes and `existingPods` running pods;
 * `limit` caps each workload's pod count (BENCH_DISTINCT_PODS, for quick runs).
 */
export function distinctBenchWorkloads(nodes: number, existingPods: number, limit?: number): DistinctBenchWorkload[] {
  const cap = (count: number) => (limit === undefined ? count : Math.min(count, limit));
  const cluster: ClusterShape = { nodes, existingPods };
  const capPods = (workloads: V1Deployment[]) => {
    if (limit === undefined) return workloads;
    const kept: V1Deployment[] = [];
    let pods = 0;
    for (const workload of workloads) {
      if (pods >= limit) break;
      kept.push(workload);
      pods += workload.spec?.replicas ?? 1;
    }
    return kept;
  };
  return [
    { name: 'distinct-small-workloads', cluster, workloads: capPods(distinctSmallWorkloads(2000)) },
    { name: 'whole-cluster-replay', cluster: { nodes, existingPods: 0 }, workloads: clusterReplayWorkloads(cap(nodes * 10)) },
    { name: 'unique-label-basic', cluster, workloads: uniqueLabelWorkloads(cap(5000), false) },
    { name: 'unique-label-spread', cluster, workloads: uniqueLabelWorkloads(cap(5000), true) },
  ];
}
