/**
 * Filtering and keyset paging over one revision's nodes. Revisions are
 * immutable, so a page cursor is simply the last node name returned (nodes are
 * listed by name, which upstream guarantees unique).
 */
import type { CompiledSelector } from '../../kube/label-selector.js';
import { InvalidInputError } from '../../kube/field-error.js';
import type { NodeUsage } from './node-usage.js';

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

function byName(left: NodeUsage, right: NodeUsage): number {
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}

export function pageNodes(
  nodes: readonly NodeUsage[],
  filter: NodeFilter,
  afterName: string | undefined,
  limit: number,
): { totalCount: number; items: NodeUsage[]; lastName: string | null } {
  const matching = nodes
    .filter((node) => filter.zone === undefined || node.zone === filter.zone)
    .filter((node) => filter.labelSelector === undefined || filter.labelSelector.matches(node.labels))
    .sort(byName);
  const start = afterName === undefined ? 0 : matching.findIndex((node) => node.name > afterName);
  const remaining = start === -1 ? [] : matching.slice(start);
  const items = remaining.slice(0, limit);
  return {
    totalCount: matching.length,
    items,
    lastName: remaining.length > limit ? items[items.length - 1].name : null,
  };
}
