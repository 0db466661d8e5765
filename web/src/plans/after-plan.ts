/**
 * Utilisation once a plan's replicas are added to what already runs: the
 * node's (or zone's) requested totals plus each placed replica's requests,
 * over what is allocatable — the same share Topology.nodes' utilisation
 * gives for the pods already bound (requested ÷ allocatable, null where
 * nothing is allocatable).
 */
import type { PodRequests, ResourceTotals, Utilisation } from '../api/types.js';

function share(requested: number, allocatable: number): number | null {
  return allocatable > 0 ? requested / allocatable : null;
}

/**
 * The shares after the plan. A replica from a plan stored before requests
 * were recorded (requests null) makes cpu and memory unknown: they stay at
 * today's share rather than claim a number; pods always count.
 */
export function utilisationAfterPlan(
  requested: ResourceTotals,
  allocatable: ResourceTotals,
  replicas: readonly { requests: PodRequests | null }[],
): Utilisation {
  let cpu = requested.cpuMillicores;
  let memory = requested.memoryBytes;
  let known = true;
  for (const replica of replicas) {
    if (replica.requests === null) {
      known = false;
      continue;
    }
    cpu += replica.requests.cpuMillicores;
    memory += replica.requests.memoryBytes;
  }
  return {
    cpu: share(known ? cpu : requested.cpuMillicores, allocatable.cpuMillicores),
    memory: share(known ? memory : requested.memoryBytes, allocatable.memoryBytes),
    pods: share(requested.pods + replicas.length, allocatable.pods),
  };
}
