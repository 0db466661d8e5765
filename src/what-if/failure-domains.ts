/**
 * Does high availability hold? For each value of a topology key (each zone,
 * each host, …) the domain's nodes are removed from a fork of the cluster;
 * the replicas they ran are lost, and the lost replicas of the workloads
 * under study are scheduled again, in workload order, onto the survivors
 * with their existing load and every rule. Replicas of other workloads on
 * the lost nodes are simply gone (they compete for nothing).
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { lostDevices } from './lost-devices.js';
import type { PodPlanner } from './pod-planner.js';
import { isNodeBound, nodeBoundWorkloadOf, workloadKey, workloadOfPod } from '../simulation/scenario/pod-owners.js';
import { placementVolumes } from '../simulation/placement-volumes.js';
import { replacePodClaims } from '../simulation/released-resource-claims.js';
import type { WorkloadRef } from '../simulation/simulation-result.js';
import type { DomainImpact, DomainWorkloadImpact, FailureVerdict, NodeBoundWorkload } from './analysis-types.js';

export const DEFAULT_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

function byKey<Value>(found: ReadonlyMap<string, Value>): Value[] {
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/** Every workload owning pods in the cluster that would be scheduled again elsewhere (not node-bound), in name order. */
export function workloadsInCluster(cluster: ClusterState): WorkloadRef[] {
  const found = new Map<string, WorkloadRef>();
  for (const node of cluster.nodes) {
    for (const pod of node.pods) {
      if (isNodeBound(pod.pod)) continue;
      const ref = workloadOfPod(pod.pod, cluster.objects);
      found.set(workloadKey(ref), ref);
    }
  }
  return byKey(found);
}

/** DaemonSets and mirror pods: they go with their node, so they are listed apart and have no verdict. */
export function nodeBoundInCluster(cluster: ClusterState): NodeBoundWorkload[] {
  const found = new Map<string, { workload: WorkloadRef; pods: number }>();
  for (const node of cluster.nodes) {
    for (const pod of node.pods) {
      if (!isNodeBound(pod.pod)) continue;
      const workload = nodeBoundWorkloadOf(pod.pod);
      const key = workloadKey(workload);
      const entry = found.get(key) ?? { workload, pods: 0 };
      entry.pods += 1;
      found.set(key, entry);
    }
  }
  return byKey(found);
}

/** The pod as its controller would recreate it: unbound. */
export function unbound(pod: V1Pod): V1Pod {
  const { nodeName: _lost, ...spec } = pod.spec!;
  return { ...pod, spec: { ...spec, containers: pod.spec!.containers }, status: { phase: 'Pending' } };
}

function loseDomain(planner: PodPlanner, cluster: ClusterState, domainNodes: readonly string[], workloads: readonly WorkloadRef[]): DomainWorkloadImpact[] {
  const fork = cluster.fork();
  const index = new Map(workloads.map((ref, position) => [workloadKey(ref), position]));
  const lost: V1Pod[][] = workloads.map(() => []);
  const removed: V1Pod[] = [];
  for (const pod of fork.removeNodes(domainNodes)) {
    removed.push(pod.pod);
    if (isNodeBound(pod.pod)) continue; // goes with its node
    const position = index.get(workloadKey(workloadOfPod(pod.pod, cluster.objects)));
    if (position !== undefined) lost[position].push(unbound(pod.pod));
  }
  for (const pods of lost) pods.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  replacePodClaims(fork, removed, lost.flat());
  const run = planner.plan(fork, lost.flat());
  let cursor = 0;
  return workloads.map((workload, position) => {
    const decisions = run.decisions.slice(cursor, cursor + lost[position].length);
    cursor += lost[position].length;
    const failedPods = lost[position].filter((_, index) => decisions[index]?.node === null);
    const volumes = [...new Set(failedPods.flatMap((pod) => (placementVolumes(pod, false, run.cluster.objects.storage) ?? []).flatMap((volume) => (volume.explanation ? [volume.explanation] : []))))];
    return {
      workload,
      lost: lost[position].length,
      rescheduled: decisions.length - failedPods.length,
      unplaceable: failedPods.length,
      messages: [...new Set(decisions.filter((decision) => decision.node === null).map((decision) => decision.failureMessage ?? ''))],
      ...(volumes.length > 0 && { volumes }),
    };
  });
}

export function analyzeFailureDomains(
  planner: PodPlanner,
  cluster: ClusterState,
  workloads: readonly WorkloadRef[],
  topologyKey: string,
): { domains: DomainImpact[]; verdicts: FailureVerdict[]; nodesWithoutKey: number } {
  const byDomain = new Map<string, string[]>();
  let nodesWithoutKey = 0;
  for (const node of cluster.nodes) {
    const value = node.labels[topologyKey];
    if (value === undefined) {
      nodesWithoutKey++;
      continue;
    }
    const members = byDomain.get(value) ?? [];
    members.push(node.name);
    byDomain.set(value, members);
  }
  const domains: DomainImpact[] = [...byDomain.keys()].sort().map((domain) => ({
    domain,
    nodes: byDomain.get(domain)!.length,
    workloads: loseDomain(planner, cluster, byDomain.get(domain)!, workloads),
    devices: lostDevices(cluster, new Set(byDomain.get(domain))),
  }));
  const verdicts = workloads.map((workload, position) => verdictFor(workload, topologyKey, domains.map((domain) => ({ domain: domain.domain, impact: domain.workloads[position] }))));
  return { domains, verdicts, nodesWithoutKey };
}

/** Why, when the replicas' disks keep them out: " (claim data-db-1 is bound to pv-1 in zone b)". */
function volumesClause(impact: DomainWorkloadImpact): string {
  const volumes = impact.volumes ?? [];
  return volumes.length > 0 ? ` (${volumes.join('; ')})` : '';
}

function verdictFor(workload: WorkloadRef, topologyKey: string, impacts: readonly { domain: string; impact: DomainWorkloadImpact }[]): FailureVerdict {
  const worst = [...impacts]
    .filter((entry) => entry.impact.lost > 0)
    .sort((a, b) => b.impact.unplaceable - a.impact.unplaceable || b.impact.lost - a.impact.lost || (a.domain < b.domain ? -1 : 1))[0];
  const fullyRecovers = impacts.every((entry) => entry.impact.unplaceable === 0);
  const what = `${workload.kind} ${workload.namespace}/${workload.name}`;
  const verdict = fullyRecovers
    ? `${what} survives the loss of any single ${topologyKey} domain: every lost replica is rescheduled`
    : `${what} does not survive the loss of ${topologyKey}=${worst!.domain}: ${worst!.impact.unplaceable} of ${worst!.impact.lost} lost replicas stay unplaceable${volumesClause(worst!.impact)}`;
  return { workload, fullyRecovers, worstDomain: worst?.domain ?? null, verdict };
}
