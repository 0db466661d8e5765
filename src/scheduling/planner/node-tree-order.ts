/**
 * The order in which upstream's snapshot lists nodes: its NodeTree groups
 * nodes by zone (region + zone labels) and lists them round-robin across
 * zones, zones in the order they were first seen (internal/cache/node_tree.go).
 * Faithful mode walks nodes in this order from a rotating start index.
 */
import type { NodeInfo } from '../model/node-info.js';

const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';

/** utilnode.GetZoneKey: "region:\x00:zone", or "" when the node has neither label. */
export function zoneKey(node: NodeInfo): string {
  const region = node.labels[REGION] ?? '';
  const zone = node.labels[ZONE] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}

export function nodeTreeOrder(nodes: readonly NodeInfo[]): NodeInfo[] {
  const zones = new Map<string, NodeInfo[]>();
  for (const node of nodes) {
    const key = zoneKey(node);
    let members = zones.get(key);
    if (!members) zones.set(key, (members = []));
    members.push(node);
  }
  const groups = [...zones.values()];
  const ordered: NodeInfo[] = [];
  for (let round = 0; ordered.length < nodes.length; round++) {
    for (const group of groups) {
      if (round < group.length) ordered.push(group[round]);
    }
  }
  return ordered;
}
