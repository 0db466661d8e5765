/** Analysis results to their GraphQL models: maps become name/count lists, change kinds one object with nullable fields. */
import { toSimulationModel } from '../../plans/graphql/plan-graphql.mapper.js';
import type { ScenarioSummary } from '../../simulation/scenario/cluster-summary.js';
import type { CapacityResult, FailureDomainsResult, FitSuggestionsResult, ScaleUpResult, Suggestion } from '../../what-if/analysis-types.js';
import type { CompareConfigsResult } from '../../what-if/config-comparison.js';
import type { PlanDiff } from '../../what-if/plan-diff.js';
import type {
  CapacityModel,
  ConfigComparisonModel,
  FailureDomainsModel,
  FitSuggestionsModel,
  NamedCountModel,
  PlanDiffModel,
  ScaleUpModel,
  ScenarioSummaryModel,
  SuggestionModel,
} from './analysis.model.js';

function namedCounts(counts: Readonly<Record<string, number>>): NamedCountModel[] {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, count]) => ({ name, count }));
}

export function toSuggestionModel(suggestion: Suggestion): SuggestionModel {
  const change = suggestion.change;
  return {
    feasibleNodes: suggestion.feasibleNodes,
    node: suggestion.node,
    change: {
      kind: change.kind,
      taint: change.kind === 'tolerateTaint' ? { key: change.taint.key, value: change.taint.value ?? null, effect: change.taint.effect } : null,
      path: change.kind === 'dropAffinityTerm' || change.kind === 'dropSpreadConstraint' ? change.path : null,
      topologyKey: change.kind === 'dropSpreadConstraint' || change.kind === 'allowTopology' ? change.topologyKey : null,
      resource: change.kind === 'lowerRequest' ? change.resource : null,
      from: change.kind === 'lowerRequest' ? change.from : null,
      to: change.kind === 'lowerRequest' ? change.to : null,
      gates: change.kind === 'removeSchedulingGates' ? [...change.gates] : null,
      zone: change.kind === 'addNode' ? change.zone : null,
      like: change.kind === 'addNode' ? (change.like ?? null) : null,
      nodeGroup: change.kind === 'addNode' ? (change.nodeGroup ?? null) : null,
      storageClass: change.kind === 'waitForFirstConsumer' || change.kind === 'allowTopology' ? change.storageClass : null,
      value: change.kind === 'allowTopology' ? change.value : null,
    },
  };
}

export function toScenarioModel(scenario: ScenarioSummary | undefined): ScenarioSummaryModel | null {
  if (!scenario) return null;
  return {
    original: { ...scenario.original, zones: [...scenario.original.zones] },
    edited: { ...scenario.edited, zones: [...scenario.edited.zones] },
    edits: scenario.edits,
  };
}

export function toCapacityModel(result: CapacityResult, id: string | null = null): CapacityModel {
  return {
    id,
    kubernetesVersion: result.kubernetesVersion ?? null,
    mode: result.mode,
    maxReplicas: result.maxReplicas,
    workloads: result.workloads.map((entry) => ({
      workload: entry.workload,
      additionalReplicas: entry.additionalReplicas,
      limitedBy: entry.limitedBy,
      reachedMaxReplicas: entry.reachedMaxReplicas,
      requestedReplicas: entry.requestedReplicas ?? null,
      requestedReplicasFit: entry.requestedReplicasFit ?? null,
      byNode: namedCounts(entry.byNode),
      byZone: namedCounts(entry.byZone),
      replicasByZone: namedCounts(entry.byZone).map(({ name, count }) => ({ zone: name, replicas: count, workloads: [{ workload: entry.workload, replicas: count }] })),
      suggestions: entry.suggestions.map(toSuggestionModel),
    })),
    scenario: toScenarioModel(result.scenario),
    warnings: [...result.warnings],
  };
}

export function toScaleUpModel(result: ScaleUpResult, id: string | null = null): ScaleUpModel {
  if (!result.feasible) {
    return { id, kubernetesVersion: result.kubernetesVersion ?? null, feasible: false, added: [], totalNodes: 0, totalPrice: null, reason: result.reason, evaluatedPlans: result.evaluatedPlans, plan: null };
  }
  return {
    id,
    kubernetesVersion: result.kubernetesVersion ?? null,
    feasible: true,
    added: result.added.map((addition) => ({ ...addition, nodes: [...addition.nodes] })),
    totalNodes: result.totalNodes,
    totalPrice: result.totalPrice,
    reason: null,
    evaluatedPlans: result.evaluatedPlans,
    plan: toSimulationModel(result.plan),
  };
}

export function toFailureDomainsModel(result: FailureDomainsResult, id: string | null = null): FailureDomainsModel {
  return {
    id,
    kubernetesVersion: result.kubernetesVersion ?? null,
    topologyKey: result.topologyKey,
    domains: result.domains.map((domain) => ({
      domain: domain.domain,
      nodes: domain.nodes,
      // Analyses stored before volumes were named have none.
      workloads: domain.workloads.map((impact) => ({ ...impact, messages: [...impact.messages], volumes: [...(impact.volumes ?? [])] })),
      // Analyses stored before devices were counted have none.
      devices: [...(domain.devices ?? [])],
    })),
    verdicts: [...result.verdicts],
    nodesWithoutKey: result.nodesWithoutKey,
    // Analyses stored before node-bound pods were told apart have none listed.
    nodeBound: [...(result.nodeBound ?? [])],
    scenario: toScenarioModel(result.scenario),
    warnings: [...result.warnings],
  };
}

export function toPlanDiffModel(diff: PlanDiff): PlanDiffModel {
  return {
    moved: [...diff.moved],
    newlyPlaced: [...diff.newlyPlaced],
    newlyUnplaceable: [...diff.newlyUnplaceable],
    scoreChanges: [...diff.scoreChanges],
    unchanged: diff.unchanged,
    onlyInFirst: diff.onlyInFirst,
    onlyInSecond: diff.onlyInSecond,
    sharedWorkloads: diff.sharedWorkloads,
  };
}

export function toConfigComparisonModel(result: CompareConfigsResult, id: string | null = null): ConfigComparisonModel {
  return {
    id,
    configs: result.configs.map((outcome) => ({
      name: outcome.name,
      kubernetesVersion: outcome.kubernetesVersion ?? null,
      summary: outcome.summary,
      utilisation: { ...outcome.utilisation, nodes: [...outcome.utilisation.nodes] },
      diffFromFirst: outcome.diffFromFirst ? toPlanDiffModel(outcome.diffFromFirst) : null,
    })),
  };
}

export function toFitSuggestionsModel(result: FitSuggestionsResult, id: string | null = null): FitSuggestionsModel {
  return {
    id,
    kubernetesVersion: result.kubernetesVersion ?? null,
    summary: result.summary,
    unplaceable: result.unplaceable.map((replica) => ({
      workload: replica.workload,
      replica: replica.replica,
      pod: replica.pod,
      namespace: replica.namespace,
      message: replica.message,
      suggestions: replica.suggestions ? replica.suggestions.map(toSuggestionModel) : null,
    })),
    scenario: toScenarioModel(result.scenario),
    warnings: [...result.warnings],
  };
}
