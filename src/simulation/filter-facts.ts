/**
 * The facts behind a failing filter, as a person reads them: upstream's
 * reason says "Insufficient cpu", the details say how much was asked, how
 * much is in use and how much the node has. Rendered from the structured
 * details the engine records where it decides (FilterFailure.details); a
 * shape this does not know keeps upstream's reason alone. One rendering for
 * the CLI's --explain table and the API's FilterFailure.facts (the viewer).
 */
import type { FilterFailure } from '../scheduling/planner/decision.js';

type Detail = Readonly<Record<string, unknown>>;

const BINARY_UNITS: readonly [string, number][] = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage']);
const NAMED_PODS = 3;

/** A resource amount in the units `kubectl describe node` shows: cpu in millicores, bytes in the largest exact binary unit. */
export function formatResourceAmount(resourceName: string, amount: number): string {
  if (resourceName === 'cpu') return `${amount}m`;
  if (BYTE_RESOURCES.has(resourceName) || resourceName.startsWith('hugepages-')) {
    for (const [unit, size] of BINARY_UNITS) if (amount !== 0 && amount % size === 0) return `${amount / size}${unit}`;
  }
  return String(amount);
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function podNames(pods: unknown, count: unknown): string {
  const names = Array.isArray(pods) ? pods.map(text) : [];
  const total = typeof count === 'number' ? count : names.length;
  const shown = names.slice(0, NAMED_PODS).join(', ');
  return total > Math.min(names.length, NAMED_PODS) ? `${shown} and ${total - Math.min(names.length, NAMED_PODS)} more` : shown;
}

function resourceFact(detail: Detail): string | undefined {
  const name = text(detail.resourceName);
  if (!name || typeof detail.requested !== 'number' || typeof detail.used !== 'number' || typeof detail.capacity !== 'number') return undefined;
  const amount = (value: number) => formatResourceAmount(name, value);
  return `${name}: requested ${amount(detail.requested)}, in use ${amount(detail.used)} of ${amount(detail.capacity)} allocatable`;
}

function affinityFact(detail: Detail): string | undefined {
  const term = `${detail.kind === 'requiredAffinity' ? 'affinity' : 'anti-affinity'} term ${text(detail.termIndex)} (${text(detail.selector) || 'every pod'}, topologyKey ${text(detail.topologyKey)})`;
  const domain = `${text(detail.topologyKey)}=${text(detail.topologyValue)}`;
  switch (detail.cause) {
    case 'matchingPodInDomain':
      return `${term}: ${podNames(detail.pods, detail.matchingPods)} already in ${domain}`;
    case 'existingPodAntiAffinity':
      return `${text(detail.pod)} on ${text(detail.podNode)} has ${term} matching this pod in ${domain}`;
    case 'noMatchingPodInDomain':
      return `${term}: no matching pod in ${domain}`;
    case 'nodeLacksTopologyKey':
      return `${term}: the node has no ${text(detail.topologyKey)} label`;
    default:
      return undefined;
  }
}

function taintFact(detail: Detail): string | undefined {
  const taint = detail.taint as { key?: unknown; value?: unknown; effect?: unknown } | undefined;
  if (!taint || typeof taint.key !== 'string') return undefined;
  return `taint ${taint.key}${taint.value ? `=${text(taint.value)}` : ''}:${text(taint.effect)} is not tolerated`;
}

function spreadFact(detail: Detail): string | undefined {
  if (typeof detail.skew !== 'number') return typeof detail.topologyKey === 'string' ? `the node has no ${detail.topologyKey} label` : undefined;
  const selfMatch = detail.selfMatch === 1 ? ' (+1 with this pod)' : '';
  return (
    `${text(detail.topologyKey)}=${text(detail.domain)} holds ${text(detail.matchingPods)} matching pod(s)${selfMatch}, ` +
    `the fewest of ${text(detail.eligibleDomains)} domain(s) holds ${text(detail.globalMinimum)}: skew ${detail.skew} > maxSkew ${text(detail.maxSkew)}`
  );
}

/** What the node has for a key: `the node has disktype=hdd`, or that the label is missing. */
function nodeHas(key: string, actual: unknown): string {
  return typeof actual === 'string' ? `the node has ${key}=${actual}` : `label ${key} missing`;
}

/** One unmatched required term: its first failing requirement against the node's value, or that it does not parse. */
function unmatchedTermFact(term: Detail): string {
  const requirement = term.requirement as Detail | undefined;
  if (!requirement) return `term ${text(term.term)} does not parse`;
  const values = Array.isArray(requirement.values) ? requirement.values.map(text).join(', ') : '';
  const wanted = `${text(requirement.key)} ${text(requirement.operator)}${values ? ` (${values})` : ''}`;
  const has = requirement.field === 'matchFields' ? `the node is ${text(requirement.key)}=${text(requirement.actual)}` : nodeHas(text(requirement.key), requirement.actual);
  return `required term ${text(term.term)} ${text(requirement.field)} ${wanted}: ${has}`;
}

function nodeAffinityFact(detail: Detail): string | undefined {
  if (detail.source === 'nodeSelector') return `node selector ${text(detail.key)}=${text(detail.wanted)}: ${nodeHas(text(detail.key), detail.actual)}`;
  if (!Array.isArray(detail.terms)) return undefined;
  const added = detail.source === 'addedAffinity' ? 'scheduler-added ' : '';
  return (detail.terms as Detail[]).map((term) => `${added}${unmatchedTermFact(term)}`).join('; ');
}

function nodePortsFact(detail: Detail): string | undefined {
  const boundBy = detail.boundBy as Detail | undefined;
  if (typeof detail.hostPort !== 'number' || !boundBy) return undefined;
  return `host port ${detail.hostPort}/${text(detail.protocol)} on ${text(detail.hostIP)} is taken by ${text(boundBy.pod)} (bound on ${text(boundBy.hostIP)})`;
}

function factOf(plugin: string, detail: Detail): string | undefined {
  switch (plugin) {
    case 'NodeResourcesFit':
      return resourceFact(detail);
    case 'InterPodAffinity':
      return affinityFact(detail);
    case 'TaintToleration':
      return taintFact(detail);
    case 'PodTopologySpread':
      return spreadFact(detail);
    case 'NodeAffinity':
      return nodeAffinityFact(detail);
    case 'NodePorts':
      return nodePortsFact(detail);
    case 'NodeUnschedulable':
      return detail.unschedulable === true ? 'the node is cordoned (spec.unschedulable)' : undefined;
    default:
      return undefined;
  }
}

/**
 * NodeResourcesFit gives one status with a reason per short resource, and the
 * explanation lists each reason as its own failure carrying every detail:
 * keep the resource the reason names.
 */
function detailsOfReason(failure: FilterFailure): readonly Detail[] {
  const details = failure.details ?? [];
  if (failure.plugin !== 'NodeResourcesFit') return details;
  const named = details.filter((detail) => failure.reason === `Insufficient ${text(detail.resourceName)}` || (failure.reason === 'Too many pods' && detail.resourceName === 'pods'));
  return named.length > 0 ? named : details;
}

/** The facts of a failure's details as sentences ("cpu: requested 500m, in use 6350m of 3920m allocatable"); none when no detail has a shape this knows. */
export function filterFailureFacts(failure: FilterFailure): string[] {
  return detailsOfReason(failure).map((detail) => factOf(failure.plugin, detail)).filter((fact): fact is string => fact !== undefined && fact !== '');
}

/** `Plugin: reason (facts; facts)`, or upstream's reason alone when the details say nothing this knows. */
export function filterFailureText(failure: FilterFailure): string {
  const facts = filterFailureFacts(failure);
  return `${failure.plugin}: ${failure.reason}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}`;
}
