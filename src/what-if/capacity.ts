/**
 * How many more replicas fit. Placements interact (anti-affinity, spreading,
 * balanced scoring), so the answer is not bisected: pods are placed one at a
 * time, each seeing the ones before, until one fails or maxReplicas is
 * reached. "each" starts every workload from the cluster as given; "joint"
 * fills the workloads in order on one evolving cluster.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ExpandedWorkload } from '../kube/workloads.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { addResourceClaimsForPods } from '../simulation/planned-resource-claims.js';
import type { PodPlanner } from './pod-planner.js';
import { ZONE_LABEL } from '../simulation/scenario/node-template.js';
import type { WorkloadCapacity } from './analysis-types.js';
import { capacityPods } from './capacity-workloads.js';
import { suggestFixes } from './suggestions.js';

export type CapacityMode = 'each' | 'joint';

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Places `pods` in order on `cluster` until one does not fit; returns the counts and the cluster after them. */
function fill(planner: PodPlanner, cluster: ClusterState, workload: ExpandedWorkload, pods: readonly V1Pod[], requestedReplicas: number): { capacity: WorkloadCapacity; cluster: ClusterState } {
  // One plan, each pod seeing those before it (as replica runs schedule them), stopped at the first that does not fit.
  const run = planner.plan(withCopiesClaims(cluster, pods), pods, { stopAtFirstUnplaced: true });
  const working = run.cluster;
  const byNode: Record<string, number> = {};
  const byZone: Record<string, number> = {};
  for (const [placed, decision] of run.decisions.entries()) {
    if (decision.node === null) {
      const capacity: WorkloadCapacity = {
        workload: workload.ref,
        additionalReplicas: placed,
        limitedBy: decision.failureMessage ?? '',
        reachedMaxReplicas: false,
        requestedReplicas,
        requestedReplicasFit: Math.min(placed, requestedReplicas),
        byNode,
        byZone,
        suggestions: suggestFixes(planner, working, pods[placed]),
      };
      return { capacity, cluster: working };
    }
    increment(byNode, decision.node);
    const zone = working.node(decision.node)?.labels[ZONE_LABEL];
    if (zone !== undefined) increment(byZone, zone);
  }
  const capacity: WorkloadCapacity = {
    workload: workload.ref,
    additionalReplicas: pods.length,
    limitedBy: null,
    reachedMaxReplicas: true,
    requestedReplicas,
    requestedReplicasFit: Math.min(pods.length, requestedReplicas),
    byNode,
    byZone,
    suggestions: [],
  };
  return { capacity, cluster: working };
}

/** The cluster with claims made from their templates for the copies of a bare Pod (a controller's pods have theirs). */
function withCopiesClaims(cluster: ClusterState, pods: readonly V1Pod[]): ClusterState {
  const needClaims = pods.filter((pod) => (pod.spec?.resourceClaims ?? []).some((entry) => entry.resourceClaimTemplateName) && pod.status?.resourceClaimStatuses === undefined);
  if (needClaims.length === 0) return cluster;
  const fork = cluster.fork();
  addResourceClaimsForPods(fork, needClaims);
  return fork;
}

export function computeCapacity(
  planner: PodPlanner,
  cluster: ClusterState,
  workloads: readonly ExpandedWorkload[],
  mode: CapacityMode,
  maxReplicas: number,
  requestedReplicas: readonly number[] = [],
): WorkloadCapacity[] {
  let shared = cluster;
  return workloads.map((workload, index) => {
    const requested = requestedReplicas[index] ?? workload.replicas;
    const { capacity, cluster: after } = fill(planner, mode === 'joint' ? shared : cluster, workload, capacityPods(workload, maxReplicas), requested);
    if (mode === 'joint') shared = after;
    return capacity;
  });
}
