/**
 * What-if analyses as REST controllers and GraphQL resolvers see them: every
 * analysis runs through the pipeline (src/pipeline/request-pipeline.ts), on
 * the engine threads, under the plan deadline and work budget; stored
 * analyses and plan diffs are read here.
 */
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import type { StoredAnalysis } from '../pipeline/analysis-store.js';
import { RequestPipeline, type AnalysisOptions, type AnalysisOutcome } from '../pipeline/request-pipeline.js';
import { PlansService } from '../plans/plans.service.js';
import { TopologiesService } from '../topologies/topologies.service.js';
import type { CapacityResult, FailureDomainsResult, FitSuggestionsResult, ScaleUpResult } from '../what-if/analysis-types.js';
import type { CompareConfigsResult } from '../what-if/config-comparison.js';
import type { ConsolidationResult } from '../what-if/consolidation/consolidation-result.js';
import type { MigrationResult } from '../what-if/migration/migration-result.js';
import { diffPlans, type PlanDiff } from '../what-if/plan-diff.js';
import { AnalysesRepository } from './persistence/analyses.repository.js';

export type { AnalysisOutcome };

export interface AnalysisPage {
  readonly items: readonly StoredAnalysis[];
  readonly nextCursor: string | null;
}

const ANALYSIS = 'Analysis';
const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

@Injectable()
export class AnalysesService {
  constructor(
    private readonly pipeline: RequestPipeline,
    private readonly plans: PlansService,
    private readonly topologies: TopologiesService,
    private readonly repository: AnalysesRepository,
  ) {}

  /** `POST /v1/analyses/capacity`: how many more replicas of each workload fit. */
  capacity(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<CapacityResult>> {
    return this.pipeline.analyse('capacity', team, body, input);
  }

  /** `POST /v1/analyses/scale-up`: the fewest (or cheapest) nodes to add so every replica is placed. */
  scaleUp(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<ScaleUpResult>> {
    return this.pipeline.analyse('scale-up', team, body, input);
  }

  /** `POST /v1/analyses/failure-domains`: what losing each domain of a topology key costs each workload. */
  failureDomains(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<FailureDomainsResult>> {
    return this.pipeline.analyse('failure-domains', team, body, input);
  }

  /** `POST /v1/analyses/fit-suggestions`: a simulation's unplaceable replicas, each with the verified changes that would place it. */
  fitSuggestions(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<FitSuggestionsResult>> {
    return this.pipeline.analyse('fit-suggestions', team, body, input);
  }

  /** `POST /v1/analyses/compare-configs`: the same input under several scheduler configurations. */
  compareConfigs(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<CompareConfigsResult>> {
    return this.pipeline.analyse('compare-configs', team, body, input);
  }

  /** `POST /v1/analyses/consolidation`: which nodes can go, in drain order, verified by replaying the answer. */
  consolidation(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<ConsolidationResult>> {
    return this.pipeline.analyse('consolidation', team, body, input);
  }

  /** `POST /v1/analyses/migration`: the fewest (or cheapest) target nodes that take every pod of the emptied nodes. */
  migration(team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<MigrationResult>> {
    return this.pipeline.analyse('migration', team, body, input);
  }

  /** `GET /v1/plans/{a}/diff/{b}`: two stored plans compared; nothing runs. */
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
    await this.topologies.get(team, topologyId);
    const after = cursor === undefined ? null : decodeCursor(cursor, 'cursor');
    const rows = await this.repository.listByTopology(team, topologyId, after, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map((row) => row.analysis), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null };
  }
}
