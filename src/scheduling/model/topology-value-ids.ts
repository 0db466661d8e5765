/**
 * One label key's values on a cluster's nodes, interned to small ints by
 * node position: topology plugins that score every node (PodTopologySpread)
 * index typed arrays with them instead of looking a node's label up in the
 * node's label object and the value in a string map for every node of
 * every cycle (issue 14). Built once per key while the cluster's node
 * objects are unchanged (ClusterState.topologyValueIds).
 */
import type { NodeInfo } from './node-info.js';

export interface TopologyValueIds {
  /** Per node position: the id of the node's value for the key, or -1 when the node lacks the key. */
  readonly ids: Int32Array;
  /** Value → id (ids are dense, 0 … size − 1, in order of first appearance). */
  readonly idOf: ReadonlyMap<string, number>;
}

export function internTopologyValues(nodes: readonly NodeInfo[], key: string): TopologyValueIds {
  const ids = new Int32Array(nodes.length);
  const idOf = new Map<string, number>();
  for (let position = 0; position < nodes.length; position++) {
    const labels = nodes[position].labels;
    if (!Object.hasOwn(labels, key)) {
      ids[position] = -1;
      continue;
    }
    const value = labels[key];
    let id = idOf.get(value);
    if (id === undefined) idOf.set(value, (id = idOf.size));
    ids[position] = id;
  }
  return { ids, idOf };
}
