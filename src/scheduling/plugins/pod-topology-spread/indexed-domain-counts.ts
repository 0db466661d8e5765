/**
 * PreFilter's matching-pod counts per domain (upstream
 * podtopologyspread/filtering.go calPreFilterState) without visiting every
 * node: when every node carrying the constraints' topology keys counts as a
 * domain (no node inclusion policy narrows them for this pod), the domains
 * are a fact of the node set, kept while the nodes are unchanged, and the
 * counts come from the pods the plan's pod label index says the selector
 * matches. A distinct pod with a zone constraint then costs the pods its
 * selector matches, not 5,000 nodes (issue 14).
 *
 * The counts are the ones the node-by-node loop builds, in the same order of
 * first appearance of each domain in the node list, so the critical paths
 * (and every decision and explanation) are the same.
 */
import type { ClusterState } from '../../model/cluster-state.js';
import type { SparseNodeCounts } from '../../model/pod-label-index.js';
import type { TopologyValueIds } from '../../model/topology-value-ids.js';
import type { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';
import { HONOR, type SpreadConstraint } from './constraint.js';

/** Per value-id table of a constraint's key: the eligible domains for each set of required keys, in node order. */
const domainOrders = new WeakMap<TopologyValueIds, Map<string, readonly string[]>>();

/**
 * True when the inclusion policies admit every node for this pod: node
 * affinity is ignored or the pod has no nodeSelector / required node
 * affinity, and taints are ignored (the default policies).
 */
export function everyNodeIncluded(constraints: readonly SpreadConstraint[], requiredNodeAffinity: RequiredNodeAffinity): boolean {
  for (const constraint of constraints) {
    if (constraint.nodeAffinityPolicy === HONOR && !requiredNodeAffinity.admitsEveryNode) return false;
    if (constraint.nodeTaintsPolicy === HONOR) return false;
  }
  return true;
}

/** The values of `key` on nodes carrying every key of `keys`, in order of first appearance (what the node loop inserts). */
function eligibleDomains(cluster: ClusterState, keys: readonly string[], key: string): readonly string[] {
  const ids = cluster.topologyValueIds(key);
  let byKeys = domainOrders.get(ids);
  if (!byKeys) domainOrders.set(ids, (byKeys = new Map()));
  const keysKey = keys.join('\u0000');
  let domains = byKeys.get(keysKey);
  if (!domains) {
    const required = keys.map((each) => cluster.topologyValueIds(each).ids);
    const values = [...ids.idOf.keys()];
    const seen = new Set<string>();
    for (let position = 0; position < ids.ids.length; position++) {
      if (!hasAll(required, position)) continue;
      seen.add(values[ids.ids[position]]);
    }
    byKeys.set(keysKey, (domains = [...seen]));
  }
  return domains;
}

function hasAll(required: readonly Int32Array[], position: number): boolean {
  for (const ids of required) if (ids[position] < 0) return false;
  return true;
}

/**
 * Per constraint: domain → matching pods, from `matching` (per constraint,
 * matching pods by node name). Only call when everyNodeIncluded holds.
 */
export function indexedDomainCounts(
  cluster: ClusterState,
  constraints: readonly SpreadConstraint[],
  matching: readonly SparseNodeCounts[],
): Map<string, number>[] {
  const keys = constraints.map((constraint) => constraint.topologyKey);
  const required = keys.map((key) => cluster.topologyValueIds(key).ids);
  return constraints.map((constraint, index) => {
    const counts = new Map<string, number>();
    for (const domain of eligibleDomains(cluster, keys, constraint.topologyKey)) counts.set(domain, 0);
    for (const [nodeName, count] of matching[index]) {
      const position = cluster.indexOf(nodeName);
      // Pods on nodes outside the cluster, or on nodes lacking a key, count nowhere (the node loop never sees them).
      if (position === undefined || !hasAll(required, position)) continue;
      const domain = cluster.nodes[position].labels[constraint.topologyKey];
      counts.set(domain, counts.get(domain)! + count);
    }
    return counts;
  });
}
