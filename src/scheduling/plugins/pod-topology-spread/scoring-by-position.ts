/**
 * Score (podtopologyspread/scoring.go) for every scored node at once, by
 * the nodes' positions in the cluster (issue 14). Each constraint's
 * topology values are the cluster's interned ids
 * (model/topology-value-ids.ts), so a domain constraint's term
 * `scoreForCount(count, maxSkew, weight)` is worked out once per domain,
 * and a hostname constraint's term is the one of 0 matching pods except on
 * the few nodes holding a matching pod (PositionCounts).
 *
 * With at most one domain constraint and at most one hostname constraint
 * counted by the label index (default spreading: hostname and zone), a
 * node with no matching pod of its own scores what its domain scores:
 * Math.round of the same terms summed in the same order, so the rounded
 * score is worked out once per domain and the per-node loop is two array
 * reads. Nodes holding matching pods, or lacking the hostname label, and
 * every other shape of constraints are scored term by term, as upstream.
 */
import type { NodePlacement } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { countNodePodsMatchSelector } from './constraint.js';
import { PositionCounts } from './position-counts.js';
import { LABEL_HOSTNAME, scoreForCount, type PreScoreState } from './scoring.js';

/** `scratch`: the caller's reusable count buffers, one per constraint index (added here as needed). */
export function scoreNodesByPosition(
  state: PreScoreState,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  raw: Float64Array,
  placement: NodePlacement,
  scratch: PositionCounts[],
): void {
  const { constraints, ignoredNodes } = state;
  const { cluster, positions } = placement;
  const count = constraints.length;
  const weights = state.topologyNormalizingWeight;
  const valueIds: Int32Array[] = [];
  /** Domain constraints: the term per value id. */
  const domainTerms: (Float64Array | undefined)[] = [];
  /** Hostname constraints: matching pods by node position (undefined: none anywhere, or counted on the node). */
  const hostnameCounts: (Float64Array | undefined)[] = [];
  /** Hostname constraints whose counts must be taken on the node (the label index gave none). */
  const countOnNode: boolean[] = [];
  let domainConstraint = -1;
  let domainConstraints = 0;
  let hostnameConstraint = -1;
  let hostnameConstraints = 0;
  let anyCountOnNode = false;
  const used: PositionCounts[] = [];
  for (let index = 0; index < count; index++) {
    const constraint = constraints[index];
    const interned = cluster.topologyValueIds(constraint.topologyKey);
    valueIds.push(interned.ids);
    if (constraint.topologyKey === LABEL_HOSTNAME) {
      hostnameConstraint = index;
      hostnameConstraints++;
      domainTerms.push(undefined);
      const sparse = state.hostnameCounts?.[index];
      countOnNode.push(sparse === undefined);
      if (sparse === undefined) anyCountOnNode = true;
      if (sparse === undefined || sparse.size === 0) {
        hostnameCounts.push(undefined);
        continue;
      }
      const buffer = (scratch[index] ??= new PositionCounts());
      used.push(buffer);
      hostnameCounts.push(buffer.fill(cluster, sparse));
    } else {
      domainConstraint = index;
      domainConstraints++;
      countOnNode.push(false);
      hostnameCounts.push(undefined);
      const terms = new Float64Array(interned.idOf.size).fill(scoreForCount(0, constraint.maxSkew, weights[index]));
      for (const [value, matching] of state.topologyValueToPodCounts[index]) {
        const id = interned.idOf.get(value);
        if (id !== undefined) terms[id] = scoreForCount(matching, constraint.maxSkew, weights[index]);
      }
      domainTerms.push(terms);
    }
  }

  /** scoreNode, term by term. */
  const scoreAt = (node: NodeInfo, position: number): number => {
    let score = 0;
    for (let index = 0; index < count; index++) {
      const id = valueIds[index][position];
      // The node lacks the constraint's topology key.
      if (id < 0) continue;
      const terms = domainTerms[index];
      if (terms !== undefined) {
        score += terms[id];
        continue;
      }
      const byPosition = hostnameCounts[index];
      const matching = countOnNode[index]
        ? countNodePodsMatchSelector(node, constraints[index].selector, pod.namespace)
        : byPosition === undefined
          ? 0
          : byPosition[position];
      score += scoreForCount(matching, constraints[index].maxSkew, weights[index]);
    }
    return Math.round(score);
  };

  const anyIgnored = ignoredNodes.size > 0;
  try {
    if (domainConstraints > 1 || hostnameConstraints > 1 || anyCountOnNode) {
      for (let scored = 0; scored < nodes.length; scored++) {
        const node = nodes[scored];
        raw[scored] = anyIgnored && ignoredNodes.has(node.name) ? 0 : scoreAt(node, positions[scored]);
      }
      return;
    }
    // Per domain id + 1 (0: the node lacks the domain key), the score of a node carrying the hostname label with no matching pod.
    const domainIds = domainConstraint >= 0 ? valueIds[domainConstraint] : undefined;
    const byDomain = new Float64Array(domainConstraint >= 0 ? domainTerms[domainConstraint]!.length + 1 : 1);
    for (let slot = 0; slot < byDomain.length; slot++) {
      let score = 0;
      for (let index = 0; index < count; index++) {
        if (index === hostnameConstraint) score += scoreForCount(0, constraints[index].maxSkew, weights[index]);
        else if (slot > 0) score += domainTerms[index]![slot - 1];
      }
      byDomain[slot] = Math.round(score);
    }
    const hostnameIds = hostnameConstraint >= 0 ? valueIds[hostnameConstraint] : undefined;
    const hostnameMissing = hostnameConstraint >= 0 && cluster.labelDomains(LABEL_HOSTNAME).missing > 0;
    const ownCounts = hostnameConstraint >= 0 ? hostnameCounts[hostnameConstraint] : undefined;
    for (let scored = 0; scored < nodes.length; scored++) {
      if (anyIgnored && ignoredNodes.has(nodes[scored].name)) {
        raw[scored] = 0;
        continue;
      }
      const position = positions[scored];
      if ((ownCounts !== undefined && ownCounts[position] !== 0) || (hostnameMissing && hostnameIds![position] < 0)) {
        raw[scored] = scoreAt(nodes[scored], position);
      } else raw[scored] = byDomain[domainIds === undefined ? 0 : domainIds[position] + 1];
    }
  } finally {
    for (const buffer of used) buffer.clear();
  }
}
