/**
 * What-if analyses over a cluster given inline or a saved topology revision
 * (loaded through PlansService's revision cache): validate, apply the
 * scenario to a fork, run the pure analysis in src/analyses/domain. Nothing
 * here changes a topology; REST controllers and GraphQL resolvers call this.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { assertPlanWithinLimits } from '../common/limits/plan-limits.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import type { ClusterObjects } from '../kube/cluster-objects.js';
import { importCluster } from '../kube/cluster-import.js';
import { InvalidInputError } from '../kube/field-error.js';
import { ClusterState } from '../scheduling/model/cluster-state.js';
import { Planner } from '../scheduling/planner/planner.js';
import { PlansService } from '../plans/plans.service.js';
import { executeSimulation, prepareSimulation, type PreparedSimulation } from '../simulation/run-simulation.js';
import type { Placement } from '../simulation/simulation-result.js';
import { parseInput } from '../common/validation/parse-input.js';
import type { CapacityResult, FailureDomainsResult, FitSuggestionsResult, ScaleUpResult } from './domain/analysis-types.js';
import {
  capacityRequest,
  compareConfigsRequest,
  failureDomainsRequest,
  fitSuggestionsRequest,
  scaleUpRequest,
  type ClusterSourceRequest,
} from './domain/analysis-requests.js';
import { computeCapacity } from './domain/capacity.js';
import { withReplicas } from './domain/capacity-workloads.js';
import type { CompareConfigsResult, ConfigOutcome } from './domain/config-comparison.js';
import { analyzeFailureDomains, workloadsInCluster } from './domain/failure-domains.js';
import { diffPlans, type PlanDiff } from './domain/plan-diff.js';
import { withSuggestions } from './domain/placement-suggestions.js';
import { compileNodeGroups } from './domain/node-groups.js';
import { searchScaleUp } from './domain/scale-up.js';
import type { AnalysisKind, StoredAnalysis } from './domain/stored-analysis.js';
import { clusterUtilisation } from './domain/utilisation.js';
import { AnalysesRepository } from './persistence/analyses.repository.js';

interface ClusterSource {
  readonly cluster: ClusterState;
  readonly objects: ClusterObjects;
  /** Set when the cluster is a saved topology revision: the analysis is then stored. */
  readonly saved?: { readonly topologyId: string; readonly revision: number };
}

/** An analysis result, and its stored record when it ran on a saved topology. */
export interface AnalysisOutcome<Result> {
  readonly result: Result;
  readonly stored?: StoredAnalysis;
}

export interface AnalysisPage {
  readonly items: readonly StoredAnalysis[];
  readonly nextCursor: string | null;
}

const ANALYSIS = 'Analysis';
const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '(root)', message: 'expected a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

@Injectable()
export class AnalysesService {
  constructor(
    private readonly plans: PlansService,
    private readonly repository: AnalysesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `POST /v1/analyses/capacity`: how many more replicas of each workload fit. */
  async capacity(team: string, body: unknown): Promise<AnalysisOutcome<CapacityResult>> {
    const request = parseInput(capacityRequest, requireObject(body));
    const workloads = request.workloads.map((workload) => withReplicas(workload, request.maxReplicas));
    const source = await this.load(team, request);
    const prepared = this.prepareOn(source, request, workloads);
    const results = computeCapacity(new Planner(prepared.profile), prepared.cluster, prepared.workloads, request.mode, request.maxReplicas);
    return this.store(team, 'capacity', request, source, {
      kubernetesVersion: prepared.emulation.kubernetesVersion,
      mode: request.mode,
      maxReplicas: request.maxReplicas,
      workloads: results,
      ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
      warnings: prepared.warnings,
    });
  }

  /** `POST /v1/analyses/scale-up`: the fewest (or cheapest) nodes to add so every replica is placed. */
  async scaleUp(team: string, body: unknown): Promise<AnalysisOutcome<ScaleUpResult>> {
    const request = parseInput(scaleUpRequest, requireObject(body));
    const groups = compileNodeGroups(request.nodeGroups);
    const source = await this.load(team, request);
    const prepared = this.prepareOn(source, request, request.workloads);
    const pods = prepared.workloads.flatMap((workload) => workload.pods);
    const search = searchScaleUp(new Planner(prepared.profile), prepared.cluster, pods, groups);
    if (!search.feasible) {
      return this.store(team, 'scale-up', request, source, { feasible: false, kubernetesVersion: prepared.emulation.kubernetesVersion, reason: search.reason, evaluatedPlans: search.evaluatedPlans, warnings: prepared.warnings });
    }
    const { result } = executeSimulation({ ...prepared, cluster: search.cluster }, { explain: 'summary', mode: 'exhaustive' });
    const priced = groups.every((group) => group.price !== undefined);
    const price = (name: string) => groups.find((group) => group.name === name)?.price ?? 0;
    return this.store(team, 'scale-up', request, source, {
      feasible: true,
      kubernetesVersion: prepared.emulation.kubernetesVersion,
      added: search.added,
      totalNodes: search.added.reduce((sum, addition) => sum + addition.count, 0),
      totalPrice: priced ? Math.round(search.added.reduce((sum, addition) => sum + addition.count * price(addition.nodeGroup), 0) * 1e6) / 1e6 : null,
      evaluatedPlans: search.evaluatedPlans,
      plan: result,
    });
  }

  /** `POST /v1/analyses/failure-domains`: what losing each domain of a topology key costs each workload. */
  async failureDomains(team: string, body: unknown): Promise<AnalysisOutcome<FailureDomainsResult>> {
    const request = parseInput(failureDomainsRequest, requireObject(body));
    const source = await this.load(team, request);
    const prepared = this.prepareOn(source, request, request.workloads ?? []);
    let cluster = prepared.cluster;
    if (prepared.workloads.length > 0) {
      cluster = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).run.cluster;
    }
    const studied = prepared.workloads.length > 0 && request.study === 'workloads' ? prepared.workloads.map((workload) => workload.ref) : workloadsInCluster(cluster);
    const analysis = analyzeFailureDomains(new Planner(prepared.profile), cluster, studied, request.topologyKey);
    return this.store(team, 'failure-domains', request, source, {
      kubernetesVersion: prepared.emulation.kubernetesVersion,
      topologyKey: request.topologyKey,
      ...analysis,
      ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
      warnings: prepared.warnings,
    });
  }

  /** `POST /v1/analyses/fit-suggestions`: a simulation's unplaceable replicas, each with the verified changes that would place it. */
  async fitSuggestions(team: string, body: unknown): Promise<AnalysisOutcome<FitSuggestionsResult>> {
    const request = parseInput(fitSuggestionsRequest, requireObject(body));
    const source = await this.load(team, request);
    const groups = compileNodeGroups(request.nodeGroups ?? []);
    const prepared = this.prepareOn(source, request, request.workloads);
    const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
    const unplaceable = withSuggestions(prepared, run, result.placements, groups)
      .filter((placement) => placement.node === null)
      .map((placement) => ({
        workload: placement.workload,
        replica: placement.replica,
        pod: placement.pod,
        namespace: placement.namespace,
        message: placement.message,
        ...(placement.suggestions ? { suggestions: placement.suggestions } : {}),
      }));
    return this.store(team, 'fit-suggestions', request, source, {
      kubernetesVersion: result.kubernetesVersion,
      summary: result.summary,
      unplaceable,
      ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
      warnings: prepared.warnings,
    });
  }

  /** `POST /v1/analyses/compare-configs`: the same input under several scheduler configurations. */
  async compareConfigs(team: string, body: unknown): Promise<AnalysisOutcome<CompareConfigsResult>> {
    const request = parseInput(compareConfigsRequest, requireObject(body));
    const source = await this.load(team, request);
    const outcomes: ConfigOutcome[] = [];
    let first: readonly Placement[] | undefined;
    for (const [index, config] of request.configs.entries()) {
      const configured = {
        ...request,
        schedulerConfig: config.schedulerConfig,
        kubernetesVersion: config.kubernetesVersion ?? request.kubernetesVersion,
        featureGates: config.featureGates ?? request.featureGates,
      };
      const prepared = this.prepareOn(source, configured, request.workloads, `configs[${index}]`);
      const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
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
    return this.store(team, 'compare-configs', request, source, { configs: outcomes });
  }

  /** `GET /v1/plans/{a}/diff/{b}`. */
  async diffPlans(team: string, first: string, second: string): Promise<PlanDiff> {
    const [a, b] = await Promise.all([this.plans.get(team, first), this.plans.get(team, second)]);
    return diffPlans(
      a.placements.map((stored) => stored.placement),
      b.placements.map((stored) => stored.placement),
    );
  }

  /** `GET /v1/analyses/{id}`. */
  async get(team: string, id: string): Promise<StoredAnalysis> {
    const stored = UUID_PATTERN.test(id) ? await this.repository.find(team, id) : undefined;
    if (!stored) throw new NotFoundError(ANALYSIS, id);
    return stored;
  }

  /** `GET /v1/topologies/{id}/analyses`: oldest first, paged like plans. */
  async list(team: string, topologyId: string, cursor: string | undefined, limit: number): Promise<AnalysisPage> {
    await this.plans.loadIndexedRevision(team, topologyId);
    const after = cursor === undefined ? null : decodeCursor(cursor, 'cursor');
    const rows = await this.repository.listByTopology(team, topologyId, after, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map((row) => row.analysis), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null };
  }

  private async load(team: string, request: ClusterSourceRequest): Promise<ClusterSource> {
    if (request.topologyId !== undefined) {
      const { entry, revision } = await this.plans.loadIndexedRevision(team, request.topologyId, request.revision);
      return { ...entry, saved: { topologyId: request.topologyId, revision } };
    }
    const imported = importCluster(request.cluster!.objects, { basePath: 'cluster.objects', requireNodes: true });
    return { objects: imported.objects, cluster: ClusterState.fromObjects(imported.objects) };
  }

  /** `configPath`: where a compared configuration's own fields are (`configs[1]`); errors in them are reported there. */
  private prepareOn(source: ClusterSource, request: ClusterSourceRequest, workloads: readonly unknown[], configPath?: string): PreparedSimulation {
    // The same replica and work limits as a simulation (capacity's workloads already ask for maxReplicas).
    assertPlanWithinLimits(workloads, source.cluster.nodes.length, this.config.limits);
    try {
      return prepareSimulation(source.cluster, workloads, request.schedulerConfig, source.objects, [], request.scenario, request);
    } catch (error) {
      if (!(error instanceof InvalidInputError) || configPath === undefined) throw error;
      throw new InvalidInputError(
        error.errors.map((fieldError) => ({ ...fieldError, path: fieldError.path.replace(/^(schedulerConfig|kubernetesVersion|featureGates)/, `${configPath}.$1`) })),
      );
    }
  }

  /** Analyses of a saved topology are stored beside its plans; inline clusters leave nothing behind. */
  private async store<Result>(team: string, kind: AnalysisKind, request: ClusterSourceRequest, source: ClusterSource, result: Result): Promise<AnalysisOutcome<Result>> {
    if (!source.saved) return { result };
    const { cluster: _inline, topologyId: _topology, revision: _revision, ...options } = request as ClusterSourceRequest & { cluster?: unknown };
    const stored = await this.repository.insert({ team, topologyId: source.saved.topologyId, revision: source.saved.revision, kind, request: options, result });
    return { result, stored };
  }
}
