/**
 * Simulations (stateless) and stored plans: load a topology revision (from
 * the bounded cache), run the engine through the simulation layer, store the
 * plan and its placements in one transaction, and read them back. REST
 * controllers and GraphQL resolvers call this and nothing else.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { assertExplanationWithinLimits, assertPlanWithinLimits, PlanDeadline } from '../common/limits/plan-limits.js';
import { EngineRunTelemetry, simulationReport } from '../observability/engine-run-telemetry.js';
import { planOutcomeOf } from '../observability/metrics/plan-outcome.js';
import { PlanningMetrics, secondsSince } from '../observability/metrics/planning-metrics.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { parseInput } from '../common/validation/parse-input.js';
import { importCluster } from '../kube/cluster-import.js';
import { InvalidInputError } from '../kube/field-error.js';
import { ClusterState } from '../scheduling/model/cluster-state.js';
import type { NodeExplanation } from '../scheduling/planner/decision.js';
import { executeSimulation, explainReplicas, prepareSimulation, type PreparedSimulation } from '../simulation/run-simulation.js';
import { parseSimulationRequest } from '../simulation/simulation-request.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { TopologiesService } from '../topologies/topologies.service.js';
import { PlanJobsService } from '../jobs/plan-jobs.service.js';
import { ClusterStateCache, type IndexedRevision } from './domain/cluster-state-cache.js';
import { createPlanBody, rerunPlanBody } from './domain/plan-requests.js';
import type { PlacementFilter, PlanRequest, PlanView, StoredPlacement } from './domain/plan.types.js';
import { PlanReplays, type ReplicaTables } from './domain/plan-replays.js';
import { PlansRepository } from './persistence/plans.repository.js';

const PLAN = 'Plan';
/** Indexed revisions kept in memory (a 5,000-node / 50,000-pod revision is roughly 100 MB indexed). */
const CLUSTER_CACHE_REVISIONS = 4;
const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export interface StoredPlan {
  readonly view: PlanView;
  readonly placements: readonly StoredPlacement[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface ReplicaNodesPage extends Page<NodeExplanation> {
  readonly placement: StoredPlacement;
  readonly totalCount: number;
}

function elapsedMs(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
}

/** Placement and node-table cursors are positions in a stable order, opaque to clients. */
export function encodeOrdinal(ordinal: number): string {
  return Buffer.from(`o:${ordinal}`, 'utf8').toString('base64url');
}

function decodeOrdinal(cursor: string | undefined, path: string): number {
  if (cursor === undefined) return -1;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidInputError([{ path, message: 'is not a cursor returned by this API' }]);
  return Number(match[1]);
}

/** A page of a replica's node table, optionally only its feasible (or infeasible) nodes. */
function pageOfNodes(all: readonly NodeExplanation[], query: { feasible?: boolean; cursor?: string; limit: number }): Page<NodeExplanation> & { totalCount: number } {
  const filtered = query.feasible === undefined ? all : all.filter((node) => node.feasible === query.feasible);
  const start = decodeOrdinal(query.cursor, 'cursor') + 1;
  const items = filtered.slice(start, start + query.limit);
  const end = start + items.length;
  return { items, totalCount: filtered.length, nextCursor: end < filtered.length ? encodeOrdinal(end - 1) : null };
}

/** Every method takes the caller's team first: plans and topologies of another team answer 404 exactly like ones that never existed. */
@Injectable()
export class PlansService {
  private readonly clusters = new ClusterStateCache(CLUSTER_CACHE_REVISIONS);

  constructor(
    private readonly topologies: TopologiesService,
    private readonly repository: PlansRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: PlanJobsService,
    private readonly engineTelemetry: EngineRunTelemetry,
    private readonly metrics: PlanningMetrics,
  ) {}

  /** `POST /v1/simulations`: nothing is stored. */
  async simulate(team: string, body: unknown): Promise<SimulationResult> {
    const request = parseSimulationRequest(body);
    const offMainThread = await this.jobs.simulateOffMainThread(team, request);
    if (offMainThread) return offMainThread;
    let indexed: IndexedRevision;
    if (request.topologyId !== undefined) {
      indexed = (await this.loadRevision(team, request.topologyId, request.revision)).entry;
    } else {
      const imported = importCluster(request.cluster!.objects, { basePath: 'cluster.objects', requireNodes: true });
      indexed = { objects: imported.objects, cluster: ClusterState.fromObjects(imported.objects) };
    }
    assertPlanWithinLimits(request.workloads, indexed.cluster.nodes.length, this.config.limits);
    assertExplanationWithinLimits(request.explain, request.workloads, indexed.cluster.nodes.length, this.config.limits, request.scenario);
    const prepared = prepareSimulation(indexed.cluster, request.workloads, request.schedulerConfig, indexed.objects, [], request.scenario, request);
    const deadline = new PlanDeadline(this.config.limits.planTimeoutMs);
    const outcome = this.engineTelemetry.observeSync(
      { kind: 'plan', mode: request.mode, nodes: prepared.cluster.nodes.length, offMainThread: false },
      () =>
        executeSimulation(prepared, {
          explain: request.explain,
          mode: request.mode,
          seed: request.seed,
          topCandidates: request.topCandidates,
          shouldStop: deadline.shouldStop,
        }),
      (outcome) => simulationReport(outcome, prepared.cluster.nodes.length),
    );
    deadline.assertFinished(outcome.run.complete);
    return outcome.result;
  }

  /** `POST /v1/topologies/{id}/plans`: runs against the current (or given) revision and stores the plan. */
  async create(team: string, topologyId: string, body: unknown): Promise<StoredPlan> {
    const input = parseInput(createPlanBody, body);
    const request: PlanRequest = {
      workloads: input.workloads,
      ...(input.schedulerConfig ? { schedulerConfig: input.schedulerConfig } : {}),
      mode: input.mode,
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.topCandidates !== undefined ? { topCandidates: input.topCandidates } : {}),
      ...(input.scenario !== undefined ? { scenario: input.scenario } : {}),
      ...(input.kubernetesVersion !== undefined ? { kubernetesVersion: input.kubernetesVersion } : {}),
      ...(input.featureGates !== undefined ? { featureGates: input.featureGates } : {}),
    };
    return this.run(team, topologyId, input.revision, request, input.name ?? null, null);
  }

  /** Runs a stored plan's request again against a newer (default: the latest) revision; the new plan links back. */
  async rerun(team: string, id: string, body: unknown): Promise<StoredPlan> {
    const input = parseInput(rerunPlanBody, body ?? {});
    const original = await this.getView(team, id);
    return this.run(team, original.topologyId, input.revision, original.request, input.name ?? original.name, original.id);
  }

  async get(team: string, id: string): Promise<StoredPlan> {
    const view = await this.getView(team, id);
    const placements = await this.repository.placements(id, {}, -1, Number.MAX_SAFE_INTEGER);
    return { view, placements };
  }

  async getView(team: string, id: string): Promise<PlanView> {
    if (!UUID_PATTERN.test(id)) throw new NotFoundError(PLAN, id);
    const view = await this.repository.findLive(team, id);
    if (!view) throw new NotFoundError(PLAN, id);
    return view;
  }

  async list(team: string, topologyId: string, cursor: string | undefined, limit: number): Promise<Page<PlanView>> {
    await this.topologies.get(team, topologyId);
    const after = cursor === undefined ? null : decodeCursor(cursor, 'cursor');
    const rows = await this.repository.listByTopology(team, topologyId, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => row.view),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }

  /** `POST /v1/plans/{id}/cancel`: a queued or running background plan stops; 409 once it has finished. */
  async cancel(team: string, id: string): Promise<PlanView> {
    return this.jobs.cancel(await this.getView(team, id));
  }

  async delete(team: string, id: string): Promise<void> {
    if (!UUID_PATTERN.test(id) || !(await this.repository.softDelete(team, id))) throw new NotFoundError(PLAN, id);
  }

  async placements(team: string, id: string, filter: PlacementFilter, cursor: string | undefined, limit: number): Promise<Page<StoredPlacement>> {
    await this.getView(team, id);
    const after = decodeOrdinal(cursor, 'cursor');
    const rows = await this.repository.placements(id, filter, after, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page, nextCursor: rows.length > limit ? encodeOrdinal(page[page.length - 1].ordinal) : null };
  }

  /**
   * One replica's full per-node table. Plans are deterministic, so it is
   * recomputed by replaying the plan up to that replica rather than stored
   * (5,000 nodes × every replica would not be).
   */
  async replicaNodes(
    team: string,
    id: string,
    pod: string,
    query: { namespace?: string; feasible?: boolean; cursor?: string; limit: number },
  ): Promise<ReplicaNodesPage> {
    const view = await this.getView(team, id);
    const matches = await this.repository.findPlacement(id, pod, query.namespace);
    if (matches.length === 0) throw new NotFoundError(`Replica of plan ${id}`, query.namespace ? `${query.namespace}/${pod}` : pod);
    if (matches.length > 1) {
      throw new InvalidInputError([
        { path: 'namespace', message: `pod "${pod}" exists in namespaces ${matches.map((match) => match.placement.namespace).join(', ')}; name one` },
      ]);
    }
    const [placement] = matches;
    const replays = new PlanReplays(this.config.limits.maxPlanWork);
    const all = await replays.explain(id, placement.ordinal, (ordinals) => this.replay(view, ordinals, replays));
    return { placement, ...pageOfNodes(all, query) };
  }

  /**
   * The same table for a placement already read (GraphQL's PlanPlacement.nodes):
   * the tables a request asks for share its `replays` (one replay per plan,
   * one work budget).
   */
  async placementNodes(
    team: string,
    id: string,
    ordinal: number,
    query: { feasible?: boolean; cursor?: string; limit: number },
    replays: PlanReplays,
  ): Promise<Page<NodeExplanation> & { totalCount: number }> {
    const all = await replays.explain(id, ordinal, async (ordinals) => this.replay(await this.getView(team, id), ordinals, replays));
    return pageOfNodes(all, query);
  }

  /** One replay of a stored plan as far as the last of `ordinals`, charged to the request's budget and under the plan deadline. */
  private async replay(view: PlanView, ordinals: ReadonlySet<number>, replays: PlanReplays): Promise<ReplicaTables> {
    const prepared = await this.prepareStored(view);
    replays.charge(Math.max(...ordinals) + 1, prepared.cluster.nodes.length);
    const deadline = new PlanDeadline(this.config.limits.planTimeoutMs);
    const tables = explainReplicas(prepared, { mode: view.request.mode, seed: view.request.seed, shouldStop: deadline.shouldStop }, ordinals);
    deadline.assertFinished(tables !== undefined);
    return tables!;
  }

  /** Indexed node labels of a plan's revision, for placements that show their node. */
  async nodeLabels(view: PlanView): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    const { entry } = await this.loadRevision(view.team, view.topologyId, view.revision);
    return new Map(entry.cluster.nodes.map((node) => [node.name, node.labels]));
  }

  async countsByNode(team: string, id: string) {
    await this.getView(team, id);
    return this.repository.countsByNode(id);
  }

  private async run(
    team: string,
    topologyId: string,
    revision: number | undefined,
    request: PlanRequest,
    name: string | null,
    rerunOf: string | null,
  ): Promise<StoredPlan> {
    const target = await this.topologies.get(team, topologyId, revision);
    if (this.jobs.runsInBackground(request.workloads, target.summary.nodes)) {
      assertPlanWithinLimits(request.workloads, target.summary.nodes, this.config.limits);
      const view = await this.jobs.enqueue({ team, topologyId, revision: target.revision, name, request, rerunOf });
      return { view, placements: [] };
    }
    const started = process.hrtime.bigint();
    try {
      const plan = await this.runInline(team, topologyId, revision, request, name, rerunOf);
      this.metrics.planFinished('inline', 'succeeded', secondsSince(started));
      return plan;
    } catch (error) {
      this.metrics.planFinished('inline', planOutcomeOf(error), secondsSince(started));
      throw error;
    }
  }

  private async runInline(
    team: string,
    topologyId: string,
    revision: number | undefined,
    request: PlanRequest,
    name: string | null,
    rerunOf: string | null,
  ): Promise<StoredPlan> {
    const loadStarted = process.hrtime.bigint();
    const { entry, revision: resolved, loaded } = await this.loadRevision(team, topologyId, revision);
    const loadMs = loaded ? elapsedMs(loadStarted) : 0;
    assertPlanWithinLimits(request.workloads, entry.cluster.nodes.length, this.config.limits);
    const planStarted = process.hrtime.bigint();
    const prepared = prepareSimulation(entry.cluster, request.workloads, request.schedulerConfig, entry.objects, [], request.scenario, request);
    const deadline = new PlanDeadline(this.config.limits.planTimeoutMs);
    const { result, run } = this.engineTelemetry.observeSync(
      { kind: 'plan', mode: request.mode, nodes: prepared.cluster.nodes.length, offMainThread: false },
      () =>
        executeSimulation(prepared, {
          explain: 'summary',
          mode: request.mode,
          seed: request.seed,
          topCandidates: request.topCandidates,
          shouldStop: deadline.shouldStop,
        }),
      (outcome) => simulationReport(outcome, prepared.cluster.nodes.length),
    );
    deadline.assertFinished(run.complete);
    const planMs = elapsedMs(planStarted);
    const storeStarted = process.hrtime.bigint();
    const { placements, ...header } = result;
    const id = await this.repository.insert({
      team,
      topologyId,
      revision: resolved,
      name,
      status: 'succeeded',
      request,
      result: header,
      timings: { loadMs, planMs, storeMs: 0 },
      rerunOf,
      placements,
    });
    const timings = { loadMs, planMs, storeMs: elapsedMs(storeStarted) };
    await this.repository.setTimings(id, timings);
    const view = await this.getView(team, id);
    return {
      view,
      placements: placements.map((placement, ordinal) => ({ ordinal, placement })),
    };
  }

  private async prepareStored(view: PlanView): Promise<PreparedSimulation> {
    const { entry } = await this.loadRevision(view.team, view.topologyId, view.revision);
    return prepareSimulation(entry.cluster, view.request.workloads, view.request.schedulerConfig, entry.objects, [], view.request.scenario, view.request);
  }

  /** A saved revision indexed for the engine, for analyses: shared with the cache, so fork it before any edit. */
  async loadIndexedRevision(team: string, topologyId: string, revision?: number): Promise<{ entry: IndexedRevision; revision: number }> {
    const { entry, revision: resolved } = await this.loadRevision(team, topologyId, revision);
    return { entry, revision: resolved };
  }

  private async loadRevision(
    team: string,
    topologyId: string,
    revision: number | undefined,
  ): Promise<{ entry: IndexedRevision; revision: number; loaded: boolean }> {
    // Checked every time, cache or not: the topology may have been deleted since it was cached, and the cache is not per team.
    const resolved = (await this.topologies.get(team, topologyId, revision)).revision;
    const { entry, loaded } = await this.clusters.get(topologyId, resolved, async () => {
      const { objects } = await this.topologies.loadClusterObjects(team, topologyId, resolved);
      return objects;
    });
    return { entry, revision: resolved, loaded };
  }
}
