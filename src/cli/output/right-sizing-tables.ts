/**
 * Consolidation and node-pool migration as text: one row per node (removed,
 * in drain order, then kept with the reason) or per added node group, then
 * what it saves, in the `kubectl get` layout of the other analyses.
 */
import { textTable } from './text-table.js';

interface Stats {
  readonly mean: number;
}

export interface ConsolidationDocument {
  readonly removable: readonly { readonly node: string; readonly order: number; readonly zone: string | null; readonly utilisation: number; readonly evicted: readonly { readonly pod: string; readonly to: string }[] }[];
  readonly kept: readonly { readonly node: string; readonly because: string; readonly reason: string; readonly message: string | null }[];
  readonly before: { readonly nodes: number; readonly cpu: Stats; readonly memory: Stats };
  readonly after: { readonly nodes: number; readonly cpu: Stats; readonly memory: Stats };
  readonly savings: number | null;
  readonly search: { readonly stoppedBy: string | null };
}

export interface MigrationDocument {
  readonly feasible: boolean;
  readonly fromNodes: readonly string[];
  readonly added: readonly { readonly nodeGroup: string; readonly zone: string | null; readonly count: number }[];
  readonly totalNodes: number;
  readonly unmovable: readonly { readonly pod: string; readonly namespace: string; readonly from: string; readonly message: string }[];
  readonly placements: readonly unknown[];
  readonly cost: { readonly before: number | null; readonly after: number | null };
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function consolidationText(document: ConsolidationDocument): string {
  const rows = [
    ...document.removable.map((node) => [String(node.order), node.node, node.zone ?? '<none>', percent(node.utilisation), 'remove', `${node.evicted.length} pod(s) move: ${node.evicted.map((pod) => `${pod.pod}→${pod.to}`).join(', ') || 'none'}`]),
    ...document.kept.map((node) => ['-', node.node, '', '', 'keep', `${node.because}: ${node.reason}${node.message ? ` (${node.message})` : ''}`]),
  ];
  const table = rows.length === 0 ? 'No candidate nodes.\n' : textTable(['ORDER', 'NODE', 'ZONE', 'UTILISATION', 'ACTION', 'WHY'], rows);
  const { before, after } = document;
  const saved = document.savings === null ? '' : `, saving ${document.savings}`;
  const stopped = document.search.stoppedBy ? ` (the search's ${document.search.stoppedBy} budget ran out)` : '';
  return `${table}\n${document.removable.length} of ${before.nodes} node(s) can go${saved}${stopped}; cpu ${percent(before.cpu.mean)} → ${percent(after.cpu.mean)}, memory ${percent(before.memory.mean)} → ${percent(after.memory.mean)} (mean requested); verified by replaying the answer\n`;
}

export function migrationText(document: MigrationDocument): string {
  const rows = document.added.map((group) => [group.nodeGroup, group.zone ?? '<none>', String(group.count)]);
  const table = rows.length === 0 ? 'No nodes need adding.\n' : textTable(['NODE GROUP', 'ZONE', 'COUNT'], rows);
  const unmovable =
    document.unmovable.length === 0 ? '' : `\n${textTable(['POD', 'NAMESPACE', 'FROM', 'WHY NOT'], document.unmovable.map((pod) => [pod.pod, pod.namespace, pod.from, pod.message]))}`;
  const cost = document.cost.before === null && document.cost.after === null ? '' : `; cost ${document.cost.before ?? '?'} → ${document.cost.after ?? '?'}`;
  return `${table}${unmovable}\n${document.placements.length} pod(s) of ${document.fromNodes.length} node(s) move to ${document.totalNodes} new node(s)${cost}${document.feasible ? '' : `; ${document.unmovable.length} cannot move`}\n`;
}
