/**
 * Simulations and stored plans as REST controllers and GraphQL resolvers see
 * them: whatever runs the engine (simulate, create, rerun, a replica's node
 * table) goes through the pipeline (src/pipeline/request-pipeline.ts); reads,
 * cancellation and deletion are answered here from the plans table.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { InvalidInputError } from '../kube/field-error.js';
import type { NodeExplanation } from '../scheduling/planner/decision.js';
import type { PlanView } from '../pipeline/plan-store.js';
import { RequestPipeline, type InputOptions } from '../pipeline/request-pipeline.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import { TopologiesService, type ZoneUsageList } from '../topologies/topologies.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { PlacementFilter, StoredPlacement } from './domain/plan.types.js';
import { PlanReplays } from './domain/plan-replays.js';
import { PlansRepository } from './persistence/plans.repository.js';
import type { PlanNodesQuery } from './domain/plan-requests.js';
import { nodeOrderFrom } from '../topologies/domain/node-order-arguments.js';
import type { NodeUsagePage } from '../topologies/domain/node-page.js';
import type { NodeUsage } from '../topologies/domain/node-usage.js';
import { PlanScenarioClusters } from './domain/plan-scenario-clusters.js';

const PLAN = 'Plan';
/** Scenario plans whose edited cluster is kept (as many as TopologiesService keeps revisions' node usage). */
const SCENARIO_CLUSTER_PLANS = 4;
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
function pageOfNodes(
  all: readonly NodeExplanation[],
  query: { feasible?: boolean; cursor?: string; limit: number },
): Page<NodeExplanation> & { totalCount: number; cursors: readonly string[] } {
  const filtered = query.feasible === undefined ? all : all.filter((node) => node.feasible === query.feasible);
  const start = decodeOrdinal(query.cursor, 'cursor') + 1;
  const items = filtered.slice(start, start + query.limit);
  const end = start + items.length;
  return {
    items,
    totalCount: filtered.length,
    cursors: items.map((_, index) => encodeOrdinal(start + index)),
    nextCursor: end < filtered.length ? encodeOrdinal(end - 1) : null,
  };
}

/** Every method takes the caller's team first: plans and topologies of another team answer 404 exactly like ones that never existed. */
@Injectable()
export class PlansService {
  /** The edited clusters of recently read scenario plans: node lists and placedOn read them without running the scenario again. */
  private readonly scenarioClusters = new PlanScenarioClusters(SCENARIO_CLUSTER_PLANS);

  constructor(
    private readonly topologies: TopologiesService,
    private readonly repository: PlansRepository,
    private readonly pipeline: RequestPipeline,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `POST /v1/simulations`: nothing is stored. */
  simulate(team: string, body: unknown, input: InputOptions = {}): Promise<SimulationResult> {
    return this.pipeline.simulate(team, body, input);
  }

  /** `POST /v1/topologies/{id}/plans`: runs against the current (or given) revision and stores the plan. */
  create(team: string, topologyId: string, body: unknown, input: InputOptions = {}): Promise<StoredPlan> {
    return this.pipeline.createPlan(team, topologyId, body, input).then(withOrdinals);
  }

  /** Runs a stored plan's request again against a newer (default: the latest) revision; the new plan links back. */
  async rerun(team: string, id: string, body: unknown): Promise<StoredPlan> {
    return withOrdinals(await this.pipeline.rerunPlan(await this.getView(team, id), body));
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

  /** `cursors[i]` resumes after `items[i]`. */
  async list(team: string, topologyId: string, cursor: string | undefined, limit: number): Promise<Page<PlanView> & { cursors: readonly string[] }> {
    await this.topologies.get(team, topologyId);
    const after = cursor === undefined ? null : decodeCursor(cursor, 'cursor');
    const rows = await this.repository.listByTopology(team, topologyId, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => row.view),
      cursors: page.map((row) => encodeCursor(row.position)),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }

  /** A topology's live plans: the total behind every page of `list` (the topology checked by `list` first). */
  countPlans(team: string, topologyId: string): Promise<number> {
    return this.repository.countByTopology(team, topologyId);
  }

  /** Placements matching `filter`: the total behind every page of `placements`. */
  async countPlacements(team: string, id: string, filter: PlacementFilter): Promise<number> {
    await this.getView(team, id);
    return this.repository.countPlacements(id, filter);
  }

  /** `POST /v1/plans/{id}/cancel`: a queued or running background plan stops; 409 once it has finished. */
  async cancel(team: string, id: string): Promise<PlanView> {
    const view = await this.getView(team, id);
    const cancelled = await this.repository.cancel(view.id);
    if (cancelled) return cancelled;
    const current = await this.repository.findLive(view.team, view.id);
    throw new DomainError('CONFLICT', `plan ${view.id} is already ${current?.status ?? 'gone'}; only queued or running plans can be cancelled`);
  }

  async delete(team: string, id: string): Promise<void> {
    if (!UUID_PATTERN.test(id) || !(await this.repository.softDelete(team, id))) throw new NotFoundError(PLAN, id);
    this.scenarioClusters.forget(id);
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
    const all = await replays.explain(id, placement.ordinal, (ordinals) => this.pipeline.explainStoredReplicas(view, ordinals, replays));
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
  ): Promise<Page<NodeExplanation> & { totalCount: number; cursors: readonly string[] }> {
    const all = await replays.explain(id, ordinal, async (ordinals) => this.pipeline.explainStoredReplicas(await this.getView(team, id), ordinals, replays));
    return pageOfNodes(all, query);
  }

  /**
   * Node labels of the cluster the plan ran on, for placements that show their
   * node: the revision's (cached) when the plan had no scenario, else the
   * revision with the scenario's edits applied (added nodes, relabelled zones),
   * as the planning pipeline applies them (kept per plan: scenarioNodes).
   */
  async nodeLabels(view: PlanView): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    if (!this.hasScenario(view)) return this.topologies.nodeLabels(view.team, view.topologyId, view.revision);
    return new Map((await this.scenarioNodes(view)).map((node) => [node.name, node.labels]));
  }

  /**
   * The nodes of the cluster a plan with a scenario ran on, with what runs on
   * each: its revision with its scenario's edits applied by the same
   * preparation the plan ran (a scale edit's replicas placed). Prepared on the
   * engine the first time a plan is read, then kept (plan-scenario-clusters.ts):
   * a plan's revision and request never change. `view` was read through getView.
   */
  private scenarioNodes(view: PlanView): Promise<readonly NodeUsage[]> {
    return this.scenarioClusters.getOrCompute(view.id, async () =>
      this.topologies.describeEditedNodes(view.team, view.topologyId, view.revision, await this.pipeline.storedPlanNodeObjects(view)),
    );
  }

  /** A failed plan placed nothing (and its scenario may be the input it was refused for): it reads as its revision. */
  private hasScenario(view: PlanView): boolean {
    return (view.request.scenario?.length ?? 0) > 0 && view.status !== 'failed';
  }

  /** Node labels of the cluster a simulation with a scenario planned on: the scenario's edits applied. */
  simulationNodeLabels(team: string, body: unknown): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    return this.pipeline.simulationNodeLabels(team, body);
  }

  /** Node labels of a saved topology's revision (default: the latest), for simulated placements that show their node. */
  topologyNodeLabels(team: string, topologyId: string, revision?: number): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    return this.topologies.nodeLabels(team, topologyId, revision);
  }

  /**
   * The nodes of the plan's revision (with its scenario's edits) with what the plan put on each, filtered
   * and ordered as asked (busiest after the plan, most replicas, only the
   * nodes that got replicas), a page at a time.
   */
  async nodes(team: string, id: string, query: PlanNodesQuery & { cursorParameter?: string }): Promise<NodeUsagePage> {
    const view = await this.getView(team, id);
    const order = nodeOrderFrom({ ...query, planned: await this.repository.plannedLoads(id), plannedPath: 'plan' });
    // With a scenario, the nodes the plan saw: added ones listed, removed ones gone, edited labels and taints as edited.
    const edited = this.hasScenario(view) ? await this.scenarioNodes(view) : undefined;
    return this.topologies.listNodes(team, view.topologyId, { ...query, revision: view.revision, ...order }, edited);
  }

  /** Per-zone totals of the nodes the plan ran on (its scenario's edits applied: a new zone counted, removed nodes not). */
  async zones(team: string, id: string): Promise<ZoneUsageList> {
    const view = await this.getView(team, id);
    const edited = this.hasScenario(view) ? await this.scenarioNodes(view) : undefined;
    return this.topologies.listZones(team, view.topologyId, view.revision, edited);
  }

  async countsByNode(team: string, id: string) {
    await this.getView(team, id);
    return this.repository.countsByNode(id);
  }
}

/** Placements numbered in plan order, as the plan's pages and cursors count them. */
function withOrdinals(plan: { view: PlanView; placements: readonly StoredPlacement['placement'][] }): StoredPlan {
  return { view: plan.view, placements: plan.placements.map((placement, ordinal) => ({ ordinal, placement })) };
}
