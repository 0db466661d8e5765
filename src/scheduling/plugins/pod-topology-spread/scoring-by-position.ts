/**
 * Score (podtopologyspread/scoring.go) for every scored node at once, by
 * the nodes' positions in the cluster: each constraint's topology values
 * are the cluster's interned ids (model/topology-value-ids.ts), its domain
 * counts an array by id and its hostname counts an array by position, so
 * the per-node loop reads typed arrays, not label objects and string maps
 * (issue 14). The same numbers as scoreNodesInto, summed in the same order.
 */
import type { NodePlacement } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { countNodePodsMatchSelector } from './constraint.js';
import { LABEL_HOSTNAME, scoreForCount, type PreScoreState } from './scoring.js';

export function scoreNodesByPosition(state: PreScoreState, pod: PodInfo, nodes: readonly NodeInfo[], raw: Float64Array, placement: NodePlacement): void {
  const { constraints, ignoredNodes } = state;
  const { cluster, positions } = placement;
  const anyIgnored = ignoredNodes.size > 0;
  const count = constraints.length;
  const valueIds: Int32Array[] = [];
  /** Per constraint: matching pods by value id (domain constraints) or by node position (hostname constraints whose counts the label index gave). */
  const matchingCounts: (Float64Array | undefined)[] = [];
  /** Per constraint: true when hostname counts must be taken on the node (the label index gave none). */
  const countOnNode: boolean[] = [];
  const weights = state.topologyNormalizingWeight;
  const skewTerms: number[] = [];
  for (let index = 0; index < count; index++) {
    const constraint = constraints[index];
    const interned = cluster.topologyValueIds(constraint.topologyKey);
    valueIds.push(interned.ids);
    skewTerms.push(constraint.maxSkew);
    if (constraint.topologyKey === LABEL_HOSTNAME) {
      const sparse = state.hostnameCounts?.[index];
      countOnNode.push(sparse === undefined);
      if (sparse === undefined || sparse.size === 0) {
        matchingCounts.push(undefined);
        continue;
      }
      const byPosition = new Float64Array(cluster.nodes.length);
      for (const [nodeName, matching] of sparse) {
        const position = cluster.indexOf(nodeName);
        if (position !== undefined) byPosition[position] = matching;
      }
      matchingCounts.push(byPosition);
    } else {
      countOnNode.push(false);
      const byId = new Float64Array(interned.idOf.size);
      for (const [value, matching] of state.topologyValueToPodCounts[index]) {
        const id = interned.idOf.get(value);
        if (id !== undefined) byId[id] = matching;
      }
      matchingCounts.push(byId);
    }
  }
  const byHostname = constraints.map((constraint) => constraint.topologyKey === LABEL_HOSTNAME);
  for (let scored = 0; scored < nodes.length; scored++) {
    const node = nodes[scored];
    if (anyIgnored && ignoredNodes.has(node.name)) {
      raw[scored] = 0;
      continue;
    }
    const position = positions[scored];
    let score = 0;
    for (let index = 0; index < count; index++) {
      const id = valueIds[index][position];
      // The node lacks the constraint's topology key.
      if (id < 0) continue;
      const counts = matchingCounts[index];
      let matching: number;
      if (byHostname[index]) {
        if (countOnNode[index]) matching = countNodePodsMatchSelector(node, constraints[index].selector, pod.namespace);
        else matching = counts === undefined ? 0 : counts[position];
      } else matching = counts![id];
      score += scoreForCount(matching, skewTerms[index], weights[index]);
    }
    raw[scored] = Math.round(score);
  }
}
