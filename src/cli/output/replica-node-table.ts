/**
 * `--explain REPLICA`: one replica's verdict on every node — the chosen node
 * first, then the other feasible nodes best first, each with its weighted
 * score per plugin; then the rejected nodes with every failing filter and
 * upstream's reason text.
 */
import type { NodeExplanation } from '../../scheduling/planner/decision.js';
import type { ExplainedFilterFailure } from '../../simulation/volume-rejection-text.js';
import { filterFailureText } from '../../simulation/filter-facts.js';
import { unscoredPlugins } from '../../simulation/unscored-plugins.js';
import { textTable } from './text-table.js';

/** The shape of `GET /v1/plans/{id}/placements/{pod}/nodes`, all pages; offline runs print the same. */
export interface ReplicaNodes {
  readonly pod: string;
  readonly namespace: string;
  readonly node: string | null;
  readonly message: string;
  readonly totalCount: number;
  readonly items: readonly NodeExplanation[];
  readonly nextCursor: null;
}

const HEADERS = ['NODE', 'FEASIBLE', 'SCORE', 'DETAILS'];

function byVerdict(chosen: string | null) {
  return (a: NodeExplanation, b: NodeExplanation): number => {
    if ((a.node === chosen) !== (b.node === chosen)) return a.node === chosen ? -1 : 1;
    if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
    return (b.total ?? 0) - (a.total ?? 0) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
  };
}

/** `Plugin: reason`, and for a volume rejection the claim and PV behind it: `VolumeBinding: … (claim data-db-1 is bound to pv-1 in zone b)`. */
function failureText(filter: ExplainedFilterFailure): string {
  return filter.explanation ? `${filter.plugin}: ${filter.reason} (${filter.explanation})` : `${filter.plugin}: ${filter.reason}`;
}

function details(node: NodeExplanation): string {
  // A volume rejection carries its own explanation (the claim and PV); other filters' facts come from their details.
  if (!node.feasible) return (node.filters ?? []).map((filter: ExplainedFilterFailure) => (filter.explanation ? failureText(filter) : filterFailureText(filter))).join('; ');
  const parts = Object.entries(node.scores ?? {})
    .sort(([nameA, a], [nameB, b]) => b.weighted - a.weighted || (nameA < nameB ? -1 : 1))
    .map(([plugin, score]) => `${plugin} ${score.weighted}`);
  return parts.join(', ');
}

function notScored(items: readonly NodeExplanation[]): string {
  return unscoredPlugins(items.filter((node) => node.feasible))
    .map(({ plugin, reason }) => `\n${plugin} gave no score: its PreScore skips when ${reason} (or the scheduler configuration disables it).`)
    .join('');
}

/** A node fails for every failing filter at once; the counts of the summary add up to more than the nodes then. */
function rejectedNodes(items: readonly NodeExplanation[]): string {
  const rejected = items.filter((node) => !node.feasible);
  const reasons = rejected.reduce((sum, node) => sum + (node.filters?.length ?? 0), 0);
  if (reasons <= rejected.length) return '';
  return `\n${rejected.length} node(s) rejected for ${reasons} reasons: a node fails every filter it does not pass, and each failure is listed.`;
}

export function replicaNodesTable(explanation: ReplicaNodes): string {
  const rows = [...explanation.items]
    .sort(byVerdict(explanation.node))
    .map((node) => [node.node, node.feasible ? 'yes' : 'no', node.total === undefined ? '-' : String(node.total), details(node)]);
  const placed = explanation.node === null ? 'not placed' : `placed on ${explanation.node}`;
  const notes = `${notScored(explanation.items)}${rejectedNodes(explanation.items)}`;
  return `pod ${explanation.namespace}/${explanation.pod}: ${placed}\n${explanation.message}\n\n${textTable(HEADERS, rows)}${notes ? `${notes.slice(1)}\n` : ''}`;
}
