/**
 * Filtering and keyset paging over one revision's nodes. Revisions are
 * immutable and every order (node-order.ts) ends in the node name, which
 * upstream guarantees unique, so a page cursor is simply the last node name
 * returned: the next page starts after it in the same order.
 */
import type { CompiledSelector } from '../../kube/label-selector.js';
import { InvalidInputError } from '../../kube/field-error.js';
import type { NodeUsage } from './node-usage.js';
import { orderNodes, type NodeOrder } from './node-order.js';

export interface NodeFilter {
  labelSelector?: CompiledSelector;
  zone?: string;
}

export interface NodeUsagePage {
  topologyId: string;
  revision: number;
  /** Nodes matching the filter, over all pages. */
  totalCount: number;
  items: NodeUsage[];
  nextCursor: string | null;
}

export function encodeNodeCursor(nodeName: string): string {
  return Buffer.from(`node:${nodeName}`, 'utf8').toString('base64url');
}

export function decodeNodeCursor(cursor: string, path: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('node:') || decoded.length === 'node:'.length) {
    throw new InvalidInputError([{ path, message: 'is not a cursor returned by this API' }]);
  }
  return decoded.slice('node:'.length);
}

/** Where the page after `afterName` starts; by name, also after a node no longer listed. */
function startAfter(ordered: readonly NodeUsage[], order: NodeOrder, afterName: string, cursorPath: string): number {
  if (order.sort === 'name') {
    const start = ordered.findIndex((node) => node.name > afterName);
    return start === -1 ? ordered.length : start;
  }
  const index = ordered.findIndex((node) => node.name === afterName);
  if (index === -1) throw new InvalidInputError([{ path: cursorPath, message: 'is not a cursor of this list (the sort or filters changed)' }]);
  return index + 1;
}

export function pageNodes(
  nodes: readonly NodeUsage[],
  filter: NodeFilter,
  order: NodeOrder,
  after: { name: string; path: string } | undefined,
  limit: number,
): { totalCount: number; items: NodeUsage[]; lastName: string | null } {
  const matching = nodes
    .filter((node) => filter.zone === undefined || node.zone === filter.zone)
    .filter((node) => filter.labelSelector === undefined || filter.labelSelector.matches(node.labels));
  const ordered = orderNodes(matching, order);
  const remaining = ordered.slice(after === undefined ? 0 : startAfter(ordered, order, after.name, after.path));
  const items = remaining.slice(0, limit);
  return {
    totalCount: ordered.length,
    items,
    lastName: remaining.length > limit ? items[items.length - 1].name : null,
  };
}
