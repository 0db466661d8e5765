/**
 * "What would make it fit": for a pod no node takes, each blocking rule is
 * relaxed on its own (tolerate the taint, drop the affinity term or spread
 * constraint, lower the request to the largest that fits, bind its claims'
 * class at first use or let it provision in another zone, add a node like
 * one the zone already has) and the relaxed pod is scheduled again on the
 * same cluster state. Only changes the scheduler confirms are returned, the
 * smallest change first.
 */
import type { V1Node, V1Pod, V1Taint } from '@kubernetes/client-node';
import { PluginNames } from '../scheduling/framework/names.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { buildPodInfo } from '../scheduling/model/pod-info.js';
import { withCsiNodes } from '../scheduling/model/storage-catalog.js';
import { formatAmount } from '../scheduling/model/resources.js';
import type { NodeExplanation } from '../scheduling/planner/decision.js';
import type { PodPlanner } from './pod-planner.js';
import { isDoNotScheduleTaint, tolerationsTolerateTaint } from '../scheduling/plugins/helper/tolerations.js';
import { addTemplateNodes, NodeNamer, ZONE_LABEL } from '../simulation/scenario/node-template.js';
import type { SuggestedChange, Suggestion } from './analysis-types.js';
import type { NodeGroup } from './scale-up.js';
import { storageClassCandidates } from './storage-class-relaxations.js';
import {
  withLowerRequest,
  withoutNodeSelector,
  withoutPodAffinityTerm,
  withoutRequiredNodeAffinity,
  withoutSpreadConstraint,
  withToleration,
} from './pod-relaxations.js';

/** The taint NodeUnschedulable lets a pod past (upstream v1.TaintNodeUnschedulable). */
const UNSCHEDULABLE_TAINT: V1Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const SUGGESTED_NODE_PREFIX = 'suggested';

interface Candidate {
  readonly change: SuggestedChange;
  readonly pod: V1Pod;
  readonly cluster: ClusterState;
  /** How big the change is: a fraction of a request given up, 1 for a rule dropped, 2 for new hardware. */
  readonly cost: number;
}

function failingPlugins(nodes: readonly NodeExplanation[]): Set<string> {
  const plugins = new Set<string>();
  for (const node of nodes) for (const failure of node.filters ?? []) plugins.add(failure.plugin);
  return plugins;
}

function taintCandidates(cluster: ClusterState, pod: V1Pod, nodes: readonly NodeExplanation[], plugins: Set<string>): V1Taint[] {
  const taints = new Map<string, V1Taint>();
  const tolerations = pod.spec?.tolerations ?? [];
  for (const explanation of nodes) {
    const failing = new Set((explanation.filters ?? []).map((failure) => failure.plugin));
    if (!failing.has(PluginNames.TaintToleration)) continue;
    for (const taint of cluster.node(explanation.node)?.taints ?? []) {
      if (!isDoNotScheduleTaint(taint) || tolerationsTolerateTaint(tolerations, taint)) continue;
      taints.set(`${taint.key}=${taint.value ?? ''}:${taint.effect}`, taint);
    }
  }
  if (plugins.has(PluginNames.NodeUnschedulable)) taints.set('unschedulable', UNSCHEDULABLE_TAINT);
  return [...taints.values()];
}

function ruleCandidates(pod: V1Pod, plugins: Set<string>): { change: SuggestedChange; pod: V1Pod }[] {
  const found: { change: SuggestedChange; pod: V1Pod }[] = [];
  const spec = pod.spec!;
  if (plugins.has(PluginNames.NodeAffinity)) {
    if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0) {
      found.push({ change: { kind: 'dropAffinityTerm', path: 'spec.nodeSelector' }, pod: withoutNodeSelector(pod) });
    }
    if (spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution) {
      found.push({
        change: { kind: 'dropAffinityTerm', path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution' },
        pod: withoutRequiredNodeAffinity(pod),
      });
    }
  }
  if (plugins.has(PluginNames.InterPodAffinity)) {
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      (spec.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((_, index) => {
        found.push({
          change: { kind: 'dropAffinityTerm', path: `spec.affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${index}]` },
          pod: withoutPodAffinityTerm(pod, kind, index),
        });
      });
    }
  }
  if (plugins.has(PluginNames.PodTopologySpread)) {
    (spec.topologySpreadConstraints ?? []).forEach((constraint, index) => {
      if (constraint.whenUnsatisfiable !== 'DoNotSchedule') return;
      found.push({
        change: { kind: 'dropSpreadConstraint', path: `spec.topologySpreadConstraints[${index}]`, topologyKey: constraint.topologyKey },
        pod: withoutSpreadConstraint(pod, index),
      });
    });
  }
  return found;
}

/** Per requested resource, the most any node (rejected for resources alone) has free, when that is less than asked. */
function requestCandidates(cluster: ClusterState, pod: V1Pod, nodes: readonly NodeExplanation[]): Candidate[] {
  const requests = buildPodInfo(pod).requests;
  const onlyShortOfResources = nodes.filter(
    (explanation) => (explanation.filters ?? []).length > 0 && explanation.filters!.every((failure) => failure.plugin === PluginNames.NodeResourcesFit),
  );
  const candidates: Candidate[] = [];
  for (const [resource, requested] of Object.entries(requests)) {
    if (requested <= 0) continue;
    let best = 0;
    for (const explanation of onlyShortOfResources) {
      const info = cluster.node(explanation.node)!;
      best = Math.max(best, (info.allocatable[resource] ?? 0) - (info.requested[resource] ?? 0));
    }
    if (best <= 0 || best >= requested) continue;
    candidates.push({
      change: { kind: 'lowerRequest', resource, from: formatAmount(resource, requested), to: formatAmount(resource, best) },
      pod: withLowerRequest(pod, resource, requested, best),
      cluster,
      cost: 1 - best / requested,
    });
  }
  return candidates;
}

/** One empty node like the first schedulable node (by name) of each zone, with a copy of its CSINode (its attach limits and migrated in-tree plugins). */
function addNodeCandidates(cluster: ClusterState, pod: V1Pod): Candidate[] {
  const models = new Map<string | null, V1Node>();
  const sorted = [...cluster.nodes].filter((node) => !node.unschedulable).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const node of sorted) {
    const zone = node.labels[ZONE_LABEL] ?? null;
    if (!models.has(zone)) models.set(zone, node.node);
  }
  return [...models].map(([zone, model]) => {
    const fork = cluster.fork();
    let suffix = 1;
    while (fork.node(`${SUGGESTED_NODE_PREFIX}-${suffix}`)) suffix++;
    const name = `${SUGGESTED_NODE_PREFIX}-${suffix}`;
    fork.addNode({ ...model, metadata: { ...model.metadata, name, labels: { ...model.metadata?.labels, 'kubernetes.io/hostname': name } } });
    const csiNode = cluster.objects.storage.csiNodes.get(model.metadata?.name ?? '');
    if (csiNode) fork.withCatalog((catalog) => ({ ...catalog, storage: withCsiNodes(catalog.storage, [{ ...csiNode, metadata: { name, ...(csiNode.metadata?.annotations && { annotations: csiNode.metadata.annotations }) } }]) }));
    return { change: { kind: 'addNode', zone, like: model.metadata?.name ?? '' } as const, pod, cluster: fork, cost: 2 };
  });
}

/** One empty node of each node group in each of its zones. */
function nodeGroupCandidates(cluster: ClusterState, pod: V1Pod, groups: readonly NodeGroup[]): Candidate[] {
  return groups.flatMap((group) =>
    group.zones.map((zone) => {
      const fork = cluster.fork();
      addTemplateNodes(fork, [{ template: group.template, name: new NodeNamer(group.name, (name) => fork.node(name) !== undefined).name(), zone }]);
      return { change: { kind: 'addNode', zone: zone ?? null, nodeGroup: group.name } as const, pod, cluster: fork, cost: 2 };
    }),
  );
}

/** Lifting every scheduling gate, when the pod then fits. */
function gateSuggestions(planner: PodPlanner, cluster: ClusterState, pod: V1Pod): Suggestion[] {
  const gates = (pod.spec?.schedulingGates ?? []).map((gate) => gate.name);
  if (gates.length === 0) return [];
  const { schedulingGates: _gates, ...spec } = pod.spec!;
  const decision = planner.plan(cluster, [{ ...pod, spec }]).decisions[0];
  if (decision.node === null) return [];
  return [{ change: { kind: 'removeSchedulingGates', gates }, feasibleNodes: decision.feasibleNodes, node: decision.node }];
}

/**
 * Verified suggestions for `pod`, which no node of `cluster` takes; `cluster`
 * is the state the pod was scheduled against. Empty when the pod fits. With
 * node groups, added nodes come from their templates; without, each zone's
 * first node is copied.
 */
export function suggestFixes(planner: PodPlanner, cluster: ClusterState, pod: V1Pod, nodeGroups: readonly NodeGroup[] = []): Suggestion[] {
  const full = planner.plan(cluster, [pod], { explain: 'full' }).decisions[0];
  if (full.node !== null) return [];
  // A gated pod is never attempted: no other change matters until its gates are gone.
  if (full.preEnqueueRejection) return gateSuggestions(planner, cluster, pod);
  const nodes = full.nodes ?? [];
  const plugins = failingPlugins(nodes);
  if (full.preFilterRejection) plugins.add(full.preFilterRejection.plugin);
  const candidates: Candidate[] = [
    ...requestCandidates(cluster, pod, nodes),
    ...taintCandidates(cluster, pod, nodes, plugins).map((taint) => ({
      change: { kind: 'tolerateTaint' as const, taint: { key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect } },
      pod: withToleration(pod, taint),
      cluster,
      cost: 1,
    })),
    ...ruleCandidates(pod, plugins).map((candidate) => ({ ...candidate, cluster, cost: 1 })),
    ...storageClassCandidates(cluster, pod, nodes, plugins).map((candidate) => ({ ...candidate, pod, cost: 1 })),
    ...(nodeGroups.length > 0 ? nodeGroupCandidates(cluster, pod, nodeGroups) : addNodeCandidates(cluster, pod)),
  ];
  const verified: (Suggestion & { cost: number })[] = [];
  for (const candidate of candidates) {
    const decision = planner.plan(candidate.cluster, [candidate.pod]).decisions[0];
    if (decision.node === null) continue;
    verified.push({ change: candidate.change, feasibleNodes: decision.feasibleNodes, node: decision.node, cost: candidate.cost });
  }
  verified.sort((a, b) => a.cost - b.cost || b.feasibleNodes - a.feasibleNodes);
  return verified.map(({ cost: _cost, ...suggestion }) => suggestion);
}
