/**
 * What a node costs, read from node groups (the scale-up groups): a node is a
 * member of the first group whose template labels it carries, all of them
 * (the per-node labels a template cannot fix — hostname and zone — aside);
 * its price is that group's. A node no priced group claims has no price.
 */
import type { NodeInfo } from '../scheduling/model/node-info.js';
import { HOSTNAME_LABEL, ZONE_LABEL } from '../simulation/scenario/node-template.js';
import type { NodeGroup } from './scale-up.js';

export interface NodePrice {
  readonly nodeGroup: string;
  readonly price: number;
}

function identifyingLabels(group: NodeGroup): [string, string][] {
  return Object.entries(group.template.node.metadata?.labels ?? {}).filter(([key]) => key !== HOSTNAME_LABEL && key !== ZONE_LABEL);
}

/** The node's group and price, or undefined when no priced group claims it. */
export function nodePrice(node: NodeInfo, groups: readonly NodeGroup[]): NodePrice | undefined {
  for (const group of groups) {
    if (group.price === undefined) continue;
    const labels = identifyingLabels(group);
    if (labels.length > 0 && labels.every(([key, value]) => node.labels[key] === value)) return { nodeGroup: group.name, price: group.price };
  }
  return undefined;
}

/** Sum rounded to micro-units, as scale-up rounds its totals. */
export function roundPrice(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
