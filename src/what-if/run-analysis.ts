/**
 * One what-if analysis on an indexed cluster: validate its input, apply the
 * scenario to a fork, run the analysis with every plan it makes charged to
 * its bounds (analysis-budget.ts). Pure: the engine runs this on its threads,
 * the pipeline decides what is asked of it and stores the answer.
 */
import type { ClusterObjects } from '../kube/cluster-objects.js';
import { InvalidInputError } from '../kube/field-error.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation, type PreparedSimulation } from '../simulation/run-simulation.js';
import type { Placement } from '../simulation/simulation-result.js';
import { BudgetedPlanner, type AnalysisBounds } from './analysis-budget.js';
import type {
  CapacityRequest,
  ClusterSourceRequest,
  CompareConfigsRequest,
  ConsolidationRequest,
  FailureDomainsRequest,
  FitSuggestionsRequest,
  MigrationRequest,
  ScaleUpRequest,
} from './analysis-requests.js';
import type { CapacityResult, FailureDomainsResult, FitSuggestionsResult, ScaleUpResult } from './analysis-types.js';
import { computeCapacity } from './capacity.js';
import { analyzeConsolidation } from './consolidation/consolidation.js';
import type { ConsolidationResult } from './consolidation/consolidation-result.js';
import { analyzeMigration } from './migration/migration.js';
import type { MigrationResult } from './migration/migration-result.js';
import { requestedReplicasOf, withReplicas } from './capacity-workloads.js';
import type { CompareConfigsResult, ConfigOutcome } from './config-comparison.js';
import { analyzeFailureDomains, nodeBoundInCluster, workloadsInCluster } from './failure-domains.js';
import { compileNodeGroups } from './node-groups.js';
import { diffPlans } from './plan-diff.js';
import { withSuggestions } from './placement-suggestions.js';
import { searchScaleUp } from './scale-up.js';
import { addNodeWithDaemonSetsOf } from './daemon-set-overhead.js';
import { clusterUtilisation } from './utilisation.js';
import { parseSelectorString } from '../kube/label-selector-string.js';

/** An analysis request without its cluster source (the engine is handed the cluster separately). */
type Unsourced<Request> = Omit<Request, 'cluster' | 'topologyId' | 'revision'>;

export type AnalysisSpec =
  | { readonly kind: 'capacity'; readonly request: Unsourced<CapacityRequest> }
  | { readonly kind: 'scale-up'; readonly request: Unsourced<ScaleUpRequest> }
  | { readonly kind: 'failure-domains'; readonly request: Unsourced<FailureDomainsRequest> }
  | { readonly kind: 'fit-suggestions'; readonly request: Unsourced<FitSuggestionsRequest> }
  | { readonly kind: 'compare-configs'; readonly request: Unsourced<CompareConfigsRequest> }
  | { readonly kind: 'consolidation'; readonly request: Unsourced<ConsolidationRequest> }
  | { readonly kind: 'migration'; readonly request: Unsourced<MigrationRequest> };

export type AnalysisKind = AnalysisSpec['kind'];

export interface AnalysisResults {
  readonly capacity: CapacityResult;
  readonly 'scale-up': ScaleUpResult;
  readonly 'failure-domains': FailureDomainsResult;
  readonly 'fit-suggestions': FitSuggestionsResult;
  readonly 'compare-configs': CompareConfigsResult;
  readonly consolidation: ConsolidationResult;
  readonly migration: MigrationResult;
}

export type AnalysisResult = AnalysisResults[AnalysisKind];

export interface IndexedSource {
  readonly state: ClusterState;
  readonly objects: ClusterObjects;
}

/** `configPath`: where a compared configuration's own fields are (`configs[1]`); errors in them are reported there. */
function prepareOn(source: IndexedSource, request: Unsourced<ClusterSourceRequest>, workloads: readonly unknown[], configPath?: string, running?: 'plan-again'): PreparedSimulation {
  try {
    return prepareSimulation(source.state, workloads, request.schedulerConfig, source.objects, [], request.scenario, request, running);
  } catch (error) {
    if (!(error instanceof InvalidInputError) || configPath === undefined) throw error;
    throw new InvalidInputError(
      error.errors.map((fieldError) => ({ ...fieldError, path: fieldError.path.replace(/^(schedulerConfig|kubernetesVersion|featureGates)/, `${configPath}.$1`) })),
    );
  }
}

function capacity(source: IndexedSource, request: Unsourced<CapacityRequest>, bounds: AnalysisBounds): CapacityResult {
  const workloads = request.workloads.map((workload) => withReplicas(workload, request.maxReplicas));
  // Capacity counts pods beside whatever runs, the workload's own included.
  const prepared = prepareOn(source, request, workloads, undefined, 'plan-again');
  const requested = requestedReplicasOf(request.workloads);
  const results = computeCapacity(new BudgetedPlanner(prepared.profile, bounds), prepared.cluster, prepared.workloads, request.mode, request.maxReplicas, requested);
  // Counting stops at maxReplicas: past it, whether the replicas asked for fit is not known.
  const beyondMax = prepared.workloads.flatMap((workload, index) =>
    (requested[index] ?? 0) > request.maxReplicas
      ? [{ path: workload.path, message: `${workload.ref.kind} ${workload.ref.namespace}/${workload.ref.name} asks for ${requested[index]} replicas but maxReplicas is ${request.maxReplicas}: replicas were counted up to ${request.maxReplicas}` }]
      : [],
  );
  return {
    kubernetesVersion: prepared.emulation.kubernetesVersion,
    mode: request.mode,
    maxReplicas: request.maxReplicas,
    workloads: results,
    ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
    warnings: [...prepared.warnings, ...beyondMax],
  };
}

function scaleUp(source: IndexedSource, request: Unsourced<ScaleUpRequest>, bounds: AnalysisBounds): ScaleUpResult {
  const groups = compileNodeGroups(request.nodeGroups);
  const prepared = prepareOn(source, request, request.workloads);
  const planner = new BudgetedPlanner(prepared.profile, bounds);
  const pods = prepared.workloads.flatMap((workload) => workload.pods);
  // New nodes start with the DaemonSet pods they would run, as in migration.
  const search = searchScaleUp(planner, prepared.cluster, pods, groups, addNodeWithDaemonSetsOf(prepared.cluster, prepared.profile.podRequestOptions));
  if (!search.feasible) {
    return { feasible: false, kubernetesVersion: prepared.emulation.kubernetesVersion, reason: search.reason, evaluatedPlans: search.evaluatedPlans, warnings: prepared.warnings };
  }
  const { result } = executeSimulation({ ...prepared, cluster: search.cluster }, { explain: 'summary', mode: 'exhaustive' }, planner);
  const priced = groups.every((group) => group.price !== undefined);
  const price = (name: string) => groups.find((group) => group.name === name)?.price ?? 0;
  return {
    feasible: true,
    kubernetesVersion: prepared.emulation.kubernetesVersion,
    added: search.added,
    totalNodes: search.added.reduce((sum, addition) => sum + addition.count, 0),
    totalPrice: priced ? Math.round(search.added.reduce((sum, addition) => sum + addition.count * price(addition.nodeGroup), 0) * 1e6) / 1e6 : null,
    evaluatedPlans: search.evaluatedPlans,
    plan: result,
  };
}

function failureDomains(source: IndexedSource, request: Unsourced<FailureDomainsRequest>, bounds: AnalysisBounds): FailureDomainsResult {
  const prepared = prepareOn(source, request, request.workloads ?? []);
  const planner = new BudgetedPlanner(prepared.profile, bounds);
  let cluster = prepared.cluster;
  if (prepared.workloads.length > 0) cluster = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }, planner).run.cluster;
  const studied = prepared.workloads.length > 0 && request.study === 'workloads' ? prepared.workloads.map((workload) => workload.ref) : workloadsInCluster(cluster);
  const analysis = analyzeFailureDomains(planner, cluster, studied, request.topologyKey);
  return {
    kubernetesVersion: prepared.emulation.kubernetesVersion,
    topologyKey: request.topologyKey,
    ...analysis,
    nodeBound: nodeBoundInCluster(cluster),
    ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
    warnings: prepared.warnings,
  };
}

function fitSuggestions(source: IndexedSource, request: Unsourced<FitSuggestionsRequest>, bounds: AnalysisBounds): FitSuggestionsResult {
  const groups = compileNodeGroups(request.nodeGroups ?? []);
  const prepared = prepareOn(source, request, request.workloads);
  const planner = new BudgetedPlanner(prepared.profile, bounds);
  const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }, planner);
  const unplaceable = withSuggestions(planner, prepared, run, result.placements, groups)
    .filter((placement) => placement.node === null)
    .map((placement) => ({
      workload: placement.workload,
      replica: placement.replica,
      pod: placement.pod,
      namespace: placement.namespace,
      message: placement.message,
      ...(placement.suggestions ? { suggestions: placement.suggestions } : {}),
    }));
  return {
    kubernetesVersion: result.kubernetesVersion,
    summary: result.summary,
    unplaceable,
    ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
    warnings: prepared.warnings,
  };
}

function compareConfigs(source: IndexedSource, request: Unsourced<CompareConfigsRequest>, bounds: AnalysisBounds): CompareConfigsResult {
  const outcomes: ConfigOutcome[] = [];
  let first: readonly Placement[] | undefined;
  let spent = 0;
  for (const [index, config] of request.configs.entries()) {
    const configured = {
      ...request,
      schedulerConfig: config.schedulerConfig,
      kubernetesVersion: config.kubernetesVersion ?? request.kubernetesVersion,
      featureGates: config.featureGates ?? request.featureGates,
    };
    const prepared = prepareOn(source, configured, request.workloads, `configs[${index}]`);
    // One budget across the configurations: each planner starts where the last one stopped counting.
    const planner = new BudgetedPlanner(prepared.profile, { ...bounds, maxWork: bounds.maxWork - spent });
    const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }, planner);
    spent += planner.spentWork;
    const touched = new Set(result.placements.flatMap((placement) => (placement.node === null ? [] : [placement.node])));
    outcomes.push({
      name: config.name,
      kubernetesVersion: result.kubernetesVersion,
      summary: result.summary,
      utilisation: clusterUtilisation(run.cluster, touched),
      ...(first ? { diffFromFirst: diffPlans(first, result.placements) } : {}),
    });
    first ??= result.placements;
  }
  return { configs: outcomes };
}

/** True once `budgetMs` has passed since this call (never without a clock). */
function timeBudget(bounds: AnalysisBounds, budgetMs: number): () => boolean {
  const now = bounds.now;
  if (!now) return () => false;
  const until = now() + budgetMs;
  return () => now() >= until;
}

function consolidation(source: IndexedSource, request: Unsourced<ConsolidationRequest>, bounds: AnalysisBounds): ConsolidationResult {
  const groups = compileNodeGroups(request.nodeGroups ?? []);
  const prepared = prepareOn(source, request, []);
  const analysis = analyzeConsolidation(new BudgetedPlanner(prepared.profile, bounds), prepared.cluster, {
    candidates: request.candidates === undefined ? undefined : parseSelectorString(request.candidates, 'candidates'),
    keepPerZone: request.keepPerZone,
    rules: { ...request.rules, pdb: request.respectPdbs },
    objective: request.objective,
    groups,
    now: bounds.now?.() ?? 0,
    timeUp: timeBudget(bounds, request.timeBudgetMs),
  });
  return {
    kubernetesVersion: prepared.emulation.kubernetesVersion,
    ...analysis,
    ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
    warnings: prepared.warnings,
  };
}

function migration(source: IndexedSource, request: Unsourced<MigrationRequest>, bounds: AnalysisBounds): MigrationResult {
  const groups = compileNodeGroups(request.nodeGroups);
  const prepared = prepareOn(source, request, []);
  const analysis = analyzeMigration(new BudgetedPlanner(prepared.profile, bounds), prepared, {
    from: parseSelectorString(request.from, 'from'),
    groups,
    keepOld: request.keepOld,
    fromPrice: request.fromPrice,
    timeUp: timeBudget(bounds, request.timeBudgetMs),
  });
  return {
    kubernetesVersion: prepared.emulation.kubernetesVersion,
    ...analysis,
    ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
    warnings: prepared.warnings,
  };
}

/** Throws InvalidInputError for input the engine refuses, AnalysisStopped when the bounds stop it. */
export function runAnalysis(spec: AnalysisSpec, source: IndexedSource, bounds: AnalysisBounds): AnalysisResult {
  switch (spec.kind) {
    case 'capacity':
      return capacity(source, spec.request, bounds);
    case 'scale-up':
      return scaleUp(source, spec.request, bounds);
    case 'failure-domains':
      return failureDomains(source, spec.request, bounds);
    case 'fit-suggestions':
      return fitSuggestions(source, spec.request, bounds);
    case 'compare-configs':
      return compareConfigs(source, spec.request, bounds);
    case 'consolidation':
      return consolidation(source, spec.request, bounds);
    case 'migration':
      return migration(source, spec.request, bounds);
  }
}
