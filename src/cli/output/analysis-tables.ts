/**
 * The what-if analyses as text: one row per workload (capacity), per added
 * node group (scale-up), per domain and workload (failure domains), in the
 * same `kubectl get` layout as placements.
 */
import { textTable } from './text-table.js';

interface WorkloadRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface CapacityDocument {
  readonly mode: string;
  readonly maxReplicas: number;
  readonly workloads: readonly {
    readonly workload: WorkloadRef;
    readonly additionalReplicas: number;
    readonly limitedBy: string | null;
    /** Absent from servers older than #21. */
    readonly requestedReplicas?: number;
    readonly requestedReplicasFit?: number;
    readonly byZone: Readonly<Record<string, number>>;
    readonly suggestions?: readonly SuggestionDocument[];
  }[];
}

export interface SuggestionDocument {
  readonly change: SuggestedChangeDocument;
  readonly feasibleNodes: number;
  readonly node: string;
}

export type SuggestedChangeDocument =
  | { readonly kind: 'tolerateTaint'; readonly taint: { readonly key: string; readonly value?: string | null; readonly effect: string } }
  | { readonly kind: 'dropAffinityTerm'; readonly path: string }
  | { readonly kind: 'dropSpreadConstraint'; readonly path: string; readonly topologyKey: string }
  | { readonly kind: 'lowerRequest'; readonly resource: string; readonly from: string; readonly to: string }
  | { readonly kind: 'removeSchedulingGates'; readonly gates: readonly string[] }
  | { readonly kind: 'addNode'; readonly zone: string | null; readonly like?: string; readonly nodeGroup?: string };

export type ScaleUpDocument =
  | {
      readonly feasible: true;
      readonly added: readonly { readonly nodeGroup: string; readonly zone: string | null; readonly count: number; readonly nodes: readonly string[] }[];
      readonly totalNodes: number;
      readonly totalPrice: number | null;
      readonly plan: { readonly summary: { readonly replicas: number; readonly scheduled: number; readonly unschedulable: number } };
    }
  | { readonly feasible: false; readonly reason: string };

export interface FailureDomainsDocument {
  readonly topologyKey: string;
  readonly domains: readonly {
    readonly domain: string;
    readonly nodes: number;
    readonly workloads: readonly {
      readonly workload: WorkloadRef;
      readonly lost: number;
      readonly rescheduled: number;
      readonly unplaceable: number;
      readonly messages: readonly string[];
    }[];
  }[];
  readonly verdicts: readonly { readonly workload: WorkloadRef; readonly fullyRecovers: boolean; readonly worstDomain: string | null; readonly verdict: string }[];
  /** Absent from servers older than the node-bound split. */
  readonly nodeBound?: readonly { readonly workload: WorkloadRef; readonly pods: number }[];
}

function workloadName(workload: WorkloadRef): string {
  return `${workload.kind.toLowerCase()}/${workload.name}`;
}

function counts(byKey: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byKey).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([key, count]) => `${key}=${count}`).join(',');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One suggested change as a person reads it. */
export function suggestionText(suggestion: SuggestionDocument): string {
  const { change } = suggestion;
  let what: string;
  switch (change.kind) {
    case 'tolerateTaint':
      what = `tolerate the taint ${change.taint.key}${change.taint.value ? `=${change.taint.value}` : ''}:${change.taint.effect}`;
      break;
    case 'dropAffinityTerm':
      what = `drop the affinity term ${change.path}`;
      break;
    case 'dropSpreadConstraint':
      what = `drop the spread constraint ${change.path} (topologyKey ${change.topologyKey})`;
      break;
    case 'lowerRequest':
      what = `lower the ${change.resource} request from ${change.from} to ${change.to}`;
      break;
    case 'removeSchedulingGates':
      what = `remove the scheduling gates ${change.gates.join(', ')}`;
      break;
    case 'addNode':
      what = `add a node${change.nodeGroup ? ` of group ${change.nodeGroup}` : change.like ? ` like ${change.like}` : ''}${change.zone ? ` in zone ${change.zone}` : ''}`;
      break;
  }
  return `${what}: ${plural(suggestion.feasibleNodes, 'feasible node')}, it would land on ${suggestion.node}`;
}

/** "3/6": how many of the replicas the workload asks for fit; "-" from a server that does not say. */
function requestedFit(entry: CapacityDocument['workloads'][number]): string {
  return entry.requestedReplicas === undefined || entry.requestedReplicasFit === undefined ? '-' : `${entry.requestedReplicasFit}/${entry.requestedReplicas}`;
}

export function capacityTable(document: CapacityDocument): string {
  const rows = document.workloads.map((entry) => [
    workloadName(entry.workload),
    entry.workload.namespace,
    requestedFit(entry),
    String(entry.additionalReplicas),
    counts(entry.byZone),
    entry.limitedBy ?? `reached --max-replicas ${document.maxReplicas}`,
  ]);
  const table = textTable(['WORKLOAD', 'NAMESPACE', 'REQUESTED FIT', 'ADDITIONAL', 'BY ZONE', 'LIMITED BY'], rows);
  const short = document.workloads
    .filter((entry) => entry.limitedBy !== null && entry.requestedReplicas !== undefined && entry.requestedReplicasFit !== undefined && entry.requestedReplicasFit < entry.requestedReplicas)
    .map((entry) => `${workloadName(entry.workload)} asks for ${entry.requestedReplicas} replicas; ${entry.requestedReplicasFit} fit\n`);
  const suggestions = document.workloads
    .filter((entry) => (entry.suggestions ?? []).length > 0)
    .map((entry) => `\nto fit one more ${workloadName(entry.workload)} (each change verified by scheduling that replica again):\n${entry.suggestions!.map((suggestion) => `  ${suggestionText(suggestion)}\n`).join('')}`);
  return `${table}${short.length > 0 ? `\n${short.join('')}` : ''}${suggestions.join('')}`;
}

/** Exit 3: a workload with no room for even one more, or fewer of its requested replicas than it asks for. */
export function capacityFallsShort(document: CapacityDocument): boolean {
  return document.workloads.some(
    (entry) =>
      entry.additionalReplicas === 0 ||
      (entry.limitedBy !== null && entry.requestedReplicas !== undefined && entry.requestedReplicasFit !== undefined && entry.requestedReplicasFit < entry.requestedReplicas),
  );
}

export function scaleUpText(document: ScaleUpDocument): string {
  if (!document.feasible) return `not feasible: ${document.reason}\n`;
  const rows = document.added.map((group) => [group.nodeGroup, group.zone ?? '<none>', String(group.count), group.nodes.join(',') || '<none>']);
  const price = document.totalPrice === null ? '' : `, total price ${document.totalPrice}`;
  const { summary } = document.plan;
  const table = rows.length === 0 ? 'No nodes need adding.\n' : textTable(['NODE GROUP', 'ZONE', 'COUNT', 'NODES'], rows);
  return `${table}\n${document.totalNodes} node(s) added${price}; ${summary.scheduled}/${summary.replicas} replicas placed\n`;
}

export function failureDomainsText(document: FailureDomainsDocument): string {
  const impacts = document.domains.flatMap((domain) =>
    domain.workloads.map((entry) => [
      domain.domain,
      String(domain.nodes),
      workloadName(entry.workload),
      String(entry.lost),
      String(entry.rescheduled),
      String(entry.unplaceable),
      entry.messages[0] ?? '',
    ]),
  );
  const verdicts = document.verdicts.map((verdict) => [
    workloadName(verdict.workload),
    verdict.workload.namespace,
    verdict.fullyRecovers ? 'yes' : 'no',
    verdict.worstDomain ?? '<none>',
    verdict.verdict,
  ]);
  const header = `losing each ${document.topologyKey}:\n`;
  const impactTable = impacts.length === 0 ? 'No domain holds a replica.\n' : textTable(['DOMAIN', 'NODES', 'WORKLOAD', 'LOST', 'RESCHEDULED', 'UNPLACEABLE', 'REASON'], impacts);
  const verdictTable = textTable(['WORKLOAD', 'NAMESPACE', 'RECOVERS', 'WORST DOMAIN', 'VERDICT'], verdicts);
  return `${header}${impactTable}\n${verdictTable}${nodeBoundText(document.nodeBound ?? [])}`;
}

/** DaemonSets and mirror pods: named apart, so nobody reads them as failures. */
function nodeBoundText(nodeBound: readonly { readonly workload: WorkloadRef; readonly pods: number }[]): string {
  if (nodeBound.length === 0) return '';
  const rows = nodeBound.map((entry) => [workloadName(entry.workload), entry.workload.namespace, String(entry.pods)]);
  return `\nnode-bound (DaemonSet and static pods go with their node: not rescheduled, not judged):\n${textTable(['WORKLOAD', 'NAMESPACE', 'PODS'], rows)}`;
}
