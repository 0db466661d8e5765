/**
 * The one road every simulation, plan and analysis takes, whoever asks (REST,
 * GraphQL, the offline command line, a background job):
 *
 *   1. parse   the body (schemas, field paths, unknown fields);
 *   2. limits  on what was asked: replicas counted from the workloads, nodes
 *              from the source's stored summary or Node documents — nothing
 *              is loaded or built yet (request-limits.ts);
 *   3. load    the cluster: inline objects, or a stored revision's objects
 *              handed to the engine, which keeps it indexed (cluster-sources.ts);
 *   4. run     on the engine (threads, or inline when tiny), under the
 *              deadline and the work budget;
 *   5. store   (stored plans and analyses of saved topologies) or answer.
 *
 * One public method per kind of request; each reads as those steps in that
 * order. The pipeline knows the engine and the topologies below it, and
 * stores through ports (PlanStore, AnalysisStore, PlanEnqueuer) that
 * src/plans, src/analyses and src/jobs implement above it.
 */
import type { RequestLimits } from '../config/app-config.js';
import { LimitExceededError, NotFoundError } from '../common/errors/domain-error.js';
import { PlanTimeoutError } from '../common/limits/plan-timeout-error.js';
import { parseInput } from '../common/validation/parse-input.js';
import type { EngineCluster, EngineOutcome, EngineTask, PlannedNodeObjects, PlanSpec } from '../engine/engine-task.js';
import type { EngineRunner, EngineRunOptions } from '../engine/engine-runner.js';
import type { ClusterImport } from '../kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../kube/field-error.js';
import type { FieldValidationMode } from '../kube/field-validation/field-validation-mode.js';
import type { NodeExplanation } from '../scheduling/planner/decision.js';
import { parseSimulationRequest, type SimulationRequest } from '../simulation/simulation-request.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import type { AnalysisResults, AnalysisSpec } from '../what-if/run-analysis.js';
import { ANALYSIS_KINDS, type AnalysisKindOf } from './analysis-kinds.js';
import { planOutcomeOf } from '../observability/metrics/plan-outcome.js';
import { secondsSince, type PlanningMetrics } from '../observability/metrics/planning-metrics.js';
import type { AnalysisStore, StoredAnalysis } from './analysis-store.js';
import type { ClusterSources, RevisionSummary } from './cluster-sources.js';
import { createPlanBody, rerunPlanBody } from './plan-bodies.js';
import { checkSubmittedFields, withFieldWarnings, type ObjectCarryingRequest } from './submitted-fields.js';
import type { PlanEnqueuer } from './plan-enqueuer.js';
import type { NewPlan, PlanAttempt, PlanRequest, PlanStore, PlanTimings, PlanView } from './plan-store.js';
import { askedWork, assertWithinLimits, countNodeDocuments, countPodDocuments, countRequestedReplicas, countScenarioNodes, type AskedWork } from './request-limits.js';

/** When a request runs where: the thresholds of JobsConfig the pipeline decides by. */
export interface PipelineSettings {
  readonly limits: RequestLimits;
  /** Stored plans whose replicas × nodes exceed this run as background jobs (202). */
  readonly planAsyncThreshold: number;
  /** Work at or below this runs on the calling thread even when the engine has threads. */
  readonly simulationThreadThreshold: number;
}

export interface PipelineLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export interface PipelineDependencies {
  readonly engine: EngineRunner;
  readonly sources: ClusterSources;
  readonly settings: PipelineSettings;
  /** Absent offline: only simulations run there. */
  readonly plans?: PlanStore;
  readonly analyses?: AnalysisStore;
  readonly queue?: PlanEnqueuer;
  readonly logger?: PipelineLogger;
  /** podplan_plans_total and its duration, for stored plans run while their request waits (jobs count theirs). */
  readonly metrics?: Pick<PlanningMetrics, 'planFinished'>;
}

/** A stored plan as submitted: finished with its placements, or queued (202) with none yet. */
export interface SubmittedPlan {
  readonly view: PlanView;
  readonly placements: readonly SimulationResult['placements'][number][];
}

/** An analysis result, and its stored record when it ran on a saved topology. */
export interface AnalysisOutcome<Result> {
  readonly result: Result;
  readonly stored?: StoredAnalysis;
}

/** What every request that submits Kubernetes objects may say about them: `?fieldValidation=` (default Strict, as kubectl). */
export interface InputOptions {
  readonly fieldValidation?: FieldValidationMode;
}

/** An analysis' options: `store: false` answers without storing, even on a saved topology (GraphQL's analysis queries). */
export interface AnalysisOptions extends InputOptions {
  readonly store?: boolean;
}

/** Caller hooks of a simulation: progress (the command line's bar), and the import's warnings (skipped kinds, pods on missing nodes). */
export interface SimulationHooks extends InputOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly onImportWarnings?: (warnings: readonly FieldError[]) => void;
}

/** How an attempt at a queued plan ended (the plan's outcome as metrics count it). */
export type QueuedPlanOutcome = 'succeeded' | 'failed' | 'invalid' | 'cancelled';

/** The work budget of one request's replays: refuses (throws) a replay that would pass it. */
export interface ReplayBudget {
  charge(replicas: number, nodes: number): void;
}

/** Thrown by a job interrupted by its own process shutting down: the queue retries it elsewhere. */
export class PlanJobInterruptedError extends Error {
  constructor(planId: string) {
    super(`plan ${planId} was interrupted by shutdown; it will be retried`);
    this.name = 'PlanJobInterruptedError';
  }
}

/** Where a request's cluster comes from, as step 2 knows it: counted, not loaded. */
type DescribedSource =
  | { readonly kind: 'inline'; readonly objects: readonly unknown[]; readonly nodes: number; readonly pods: number }
  | { readonly kind: 'stored'; readonly team: string; readonly revision: RevisionSummary; readonly nodes: number; readonly pods: number };

/** Step 3's result: the cluster as the engine takes it. */
interface LoadedSource {
  readonly cluster: EngineCluster;
  readonly loadObjects?: () => Promise<string>;
  readonly imported?: ClusterImport;
}

/** Revisions smaller than this are indexed when a plan first needs them (it takes milliseconds). */
const INDEX_AHEAD_MIN_NODES = 1_000;
/** Progress is written at most this often: a 10,000-replica plan makes a handful of writes per second, not 10,000. */
const PROGRESS_WRITE_INTERVAL_MS = 500;
const SIMULATION_CLUSTER_PATH = 'cluster.objects';
const PLAN = 'Plan';

function revisionKey(topologyId: string, revision: number): string {
  return `${topologyId}@${revision}`;
}

function elapsedMs(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
}

/** A simulation's plan without its cluster source: the cluster travels to the engine once, as the task's cluster. */
function simulationSpecOf(request: SimulationRequest): PlanSpec {
  return planSpecOf({ ...request, schedulerConfig: request.schedulerConfig }, request.explain);
}

function planSpecOf(request: PlanRequest, explain: 'summary' | 'full' = 'summary'): PlanSpec {
  return {
    workloads: request.workloads,
    schedulerConfig: request.schedulerConfig,
    explain,
    mode: request.mode,
    seed: request.seed,
    topCandidates: request.topCandidates,
    ...(request.rollout ? { rollout: true } : {}),
    scenario: request.scenario,
    release: { kubernetesVersion: request.kubernetesVersion, featureGates: request.featureGates },
  };
}

export class RequestPipeline {
  private readonly engine: EngineRunner;
  private readonly sources: ClusterSources;
  private readonly settings: PipelineSettings;

  constructor(private readonly dependencies: PipelineDependencies) {
    ({ engine: this.engine, sources: this.sources, settings: this.settings } = dependencies);
  }

  // ── Entries: one per kind of request ──────────────────────────────────────

  /** `POST /v1/simulations`, GraphQL `simulate`, `podplan simulate`: nothing is stored. */
  async simulate(team: string, body: unknown, hooks: SimulationHooks = {}): Promise<SimulationResult> {
    const request = parseSimulationRequest(body);
    const fieldWarnings = await checkSubmittedFields(request, hooks.fieldValidation);
    const source = await this.describe(team, request);
    const asked = this.askedOfPlan(request.workloads, source, request.scenario, request.explain);
    assertWithinLimits(asked, this.settings.limits);
    const loaded = this.load(source);
    if (loaded.imported) hooks.onImportWarnings?.(loaded.imported.warnings);
    const outcome = await this.run(
      { cluster: loaded.cluster, job: { kind: 'plan', plan: simulationSpecOf(request) }, bounds: this.requestBounds() },
      { loadObjects: loaded.loadObjects, onProgress: hooks.onProgress, lightweight: this.isLightweight(asked) },
    );
    return withFieldWarnings(this.expect(outcome, 'completed', asked.path, 'plan').result, fieldWarnings);
  }

  /**
   * Node labels by name of the cluster a simulation with a scenario planned on
   * (its scenario's edits applied, as the simulation applied them), for
   * GraphQL's placedOn. Nothing is placed; the request was already run.
   */
  async simulationNodeLabels(team: string, body: unknown): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    const request = parseSimulationRequest(body);
    const loaded = this.load(await this.describe(team, request));
    const outcome = await this.run(
      { cluster: loaded.cluster, job: { kind: 'plan', plan: simulationSpecOf(request), validateOnly: true, nodeLabels: true }, bounds: { timeoutMs: this.settings.limits.planTimeoutMs } },
      { loadObjects: loaded.loadObjects },
    );
    return new Map(this.expect(outcome, 'validated', 'scenario', 'replay').nodeLabels ?? []);
  }

  /** `podplan simulate --explain`: one replica of an inline simulation explained on every node, by replay. */
  async explainSimulatedReplica(team: string, body: unknown, podIndex: number, options: InputOptions = {}): Promise<readonly NodeExplanation[]> {
    const request = parseSimulationRequest(body);
    await checkSubmittedFields(request, options.fieldValidation);
    const source = await this.describe(team, request);
    const asked = { ...this.askedOfPlan(request.workloads, source, request.scenario, 'summary'), replicas: podIndex + 1 };
    assertWithinLimits(asked, this.settings.limits);
    const loaded = this.load(source);
    const outcome = await this.run(
      { cluster: loaded.cluster, job: { kind: 'explain-replicas', plan: simulationSpecOf(request), podIndexes: [podIndex] }, bounds: this.requestBounds() },
      { loadObjects: loaded.loadObjects, lightweight: this.isLightweight(asked) },
    );
    return this.expect(outcome, 'explained', asked.path, 'replay').tables[0][1];
  }

  /** `POST /v1/topologies/{id}/plans` (JSON or YAML) and GraphQL `createPlan`: stored; large plans are queued (202). */
  async createPlan(team: string, topologyId: string, body: unknown, options: InputOptions = {}): Promise<SubmittedPlan> {
    const input = parseInput(createPlanBody, body);
    const fieldWarnings = await checkSubmittedFields(input, options.fieldValidation);
    const request: PlanRequest = {
      workloads: input.workloads,
      ...(input.schedulerConfig ? { schedulerConfig: input.schedulerConfig } : {}),
      mode: input.mode,
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.topCandidates !== undefined ? { topCandidates: input.topCandidates } : {}),
      ...(input.rollout ? { rollout: true } : {}),
      ...(input.scenario !== undefined ? { scenario: input.scenario } : {}),
      ...(input.kubernetesVersion !== undefined ? { kubernetesVersion: input.kubernetesVersion } : {}),
      ...(input.featureGates !== undefined ? { featureGates: input.featureGates } : {}),
    };
    return this.submitPlan(team, topologyId, input.revision, request, input.name ?? null, null, fieldWarnings);
  }

  /** `POST /v1/plans/{id}/rerun`, GraphQL `rerunPlan`: the stored request again, against a newer (default: the latest) revision. */
  async rerunPlan(original: PlanView, body: unknown): Promise<SubmittedPlan> {
    const input = parseInput(rerunPlanBody, body ?? {});
    return this.submitPlan(original.team, original.topologyId, input.revision, original.request, input.name ?? original.name, original.id);
  }

  /**
   * The background job's run-and-store step: src/jobs takes a queued plan
   * (with its lease) and hands the attempt here. Returns when the plan is
   * finished (succeeded, failed, cancelled, or taken by another attempt);
   * throws when the job should be retried (shutdown, database trouble).
   * `stop` aborts the run (the attempt lost its lease).
   */
  async runQueuedPlan(attempt: PlanAttempt, shutdown: AbortSignal, stop: AbortController = new AbortController()): Promise<QueuedPlanOutcome> {
    const { view } = attempt;
    const planId = view.id;
    let source: DescribedSource;
    try {
      // Whether or not a thread still holds the revision, a plan of a topology deleted since it was queued does not run.
      source = await this.describeStored(view.team, view.topologyId, view.revision);
      // Checked at submission; again here, before anything is loaded, in case this worker's limits are lower.
      assertWithinLimits(this.askedOfPlan(view.request.workloads, source, view.request.scenario, 'summary'), this.settings.limits);
    } catch (error) {
      if (!(error instanceof NotFoundError) && !(error instanceof LimitExceededError)) throw error;
      await attempt.fail({ message: error.message });
      return 'failed';
    }
    this.dependencies.logger?.log(`plan ${planId}: running ${view.progress.total} replicas (${attempt.holder})`);
    const onShutdown = () => stop.abort();
    shutdown.addEventListener('abort', onShutdown, { once: true });
    const loaded = this.load(source);
    let loadMs = 0;
    let loadFailed = false;
    let lastWrite = 0;
    const started = process.hrtime.bigint();
    let outcome: EngineOutcome;
    try {
      outcome = await this.engine.run(
        { cluster: loaded.cluster, job: { kind: 'plan', plan: planSpecOf(view.request) } },
        {
          loadObjects: async () => {
            const loadStarted = process.hrtime.bigint();
            try {
              const objects = await loaded.loadObjects!();
              loadMs = elapsedMs(loadStarted);
              return objects;
            } catch (error) {
              loadFailed = true;
              throw error;
            }
          },
          onProgress: (done) => {
            const now = Date.now();
            if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
            lastWrite = now;
            attempt.recordProgress(done).then(
              (stillRunning) => stillRunning || stop.abort(),
              (error: unknown) => this.dependencies.logger?.warn(`plan ${planId}: progress not recorded: ${(error as Error).message}`),
            );
          },
          signal: stop.signal,
        },
      );
    } catch (error) {
      if (shutdown.aborted) throw new PlanJobInterruptedError(planId);
      if (loadFailed && error instanceof NotFoundError) {
        // The topology was deleted after the plan was queued: no attempt can succeed.
        await attempt.fail({ message: error.message });
        return 'failed';
      }
      // The database may be back for the next attempt: let the queue retry.
      if (loadFailed) throw error;
      // The engine is deterministic: what failed once fails again, so the plan fails instead of retrying.
      this.dependencies.logger?.error(`plan ${planId} failed: ${(error as Error).message}`);
      await attempt.fail({ message: 'the scheduling engine failed on this plan' });
      return 'failed';
    } finally {
      shutdown.removeEventListener('abort', onShutdown);
    }
    const planMs = Math.max(0, elapsedMs(started) - loadMs);
    switch (outcome.kind) {
      case 'completed': {
        const storeStarted = process.hrtime.bigint();
        const { placements, ...result } = outcome.result;
        // Refused (false) when the attempt lost the plan meanwhile: the attempt holding it now stores it.
        const stored = await attempt.complete({ result: withFieldWarnings(result, view.request.fieldWarnings ?? []), placements, timings: { loadMs, planMs, storeMs: 0 } });
        if (stored) await attempt.setTimings({ loadMs, planMs, storeMs: elapsedMs(storeStarted) });
        else this.dependencies.logger?.warn(`plan ${planId}: finished, but no longer held by this attempt (cancelled, deleted or taken back); stored nothing`);
        return stored ? 'succeeded' : 'cancelled';
      }
      case 'stopped':
        if (shutdown.aborted) throw new PlanJobInterruptedError(planId);
        if (outcome.reason === 'work') {
          await attempt.fail({ message: this.workRefusal('workloads', outcome.work).message });
          return 'failed';
        }
        return 'cancelled'; // cancelled, deleted or lost its lease while running: nothing to store
      case 'invalid':
        // Validated when queued; the revision is immutable, so this only happens if validation rules changed in between.
        await attempt.fail({ message: 'the plan is no longer valid', errors: outcome.errors });
        return 'invalid';
      default:
        throw new Error(`plan ${planId}: unexpected engine outcome ${outcome.kind}`);
    }
  }

  /**
   * `GET /v1/plans/{id}/placements/{pod}/nodes` and GraphQL `PlanPlacement.nodes`:
   * replicas of a stored plan explained on every node, recomputed by one
   * replay of the plan as far as the last of them (plans are deterministic;
   * 5,000 nodes × every replica would not be stored). `budget` is the
   * request's: every replay one request asks for is charged to it, here,
   * before anything is loaded (plans/domain/plan-replays.ts).
   */
  async explainStoredReplicas(view: PlanView, podIndexes: ReadonlySet<number>, budget?: ReplayBudget): Promise<ReadonlyMap<number, readonly NodeExplanation[]>> {
    const source = await this.describeStored(view.team, view.topologyId, view.revision);
    const replayed = Math.max(...podIndexes) + 1;
    const asked = { ...this.askedOfPlan(view.request.workloads, source, view.request.scenario, 'summary'), replicas: replayed };
    assertWithinLimits(asked, this.settings.limits);
    budget?.charge(replayed, asked.nodes);
    const loaded = this.load(source);
    const outcome = await this.run(
      { cluster: loaded.cluster, job: { kind: 'explain-replicas', plan: planSpecOf(view.request), podIndexes: [...podIndexes] }, bounds: this.requestBounds() },
      { loadObjects: loaded.loadObjects, lightweight: this.isLightweight(asked) },
    );
    return new Map(this.expect(outcome, 'explained', asked.path, 'replay').tables);
  }

  /**
   * The nodes of the cluster a stored plan ran on and the pods bound to them
   * (before the plan's own replicas): its revision with its scenario's edits
   * applied by the same preparation the plan ran (prepareSimulation), so added
   * nodes, relabelled zones and a scale edit's replicas show as the plan saw
   * them; for its node list and its placements' nodes (PlansService keeps the
   * answer per plan). The plan's own replicas are not placed.
   */
  async storedPlanNodeObjects(view: PlanView): Promise<PlannedNodeObjects> {
    const source = await this.describeStored(view.team, view.topologyId, view.revision);
    const loaded = this.load(source);
    const outcome = await this.run(
      { cluster: loaded.cluster, job: { kind: 'plan', plan: planSpecOf(view.request), validateOnly: true, nodeObjects: true }, bounds: { timeoutMs: this.settings.limits.planTimeoutMs } },
      { loadObjects: loaded.loadObjects },
    );
    return this.expect(outcome, 'validated', 'scenario', 'replay').nodeObjects ?? { nodes: [], pods: [] };
  }

  /** `POST /v1/analyses/{kind}` and the GraphQL analysis mutations: stored when the cluster is a saved topology (GraphQL's analysis queries: never). */
  async analyse<Kind extends AnalysisKindOf>(kind: Kind, team: string, body: unknown, input: AnalysisOptions = {}): Promise<AnalysisOutcome<AnalysisResults[Kind]>> {
    const definition = ANALYSIS_KINDS[kind];
    const request = definition.parse(body);
    const fieldWarnings = await checkSubmittedFields(request as ObjectCarryingRequest, input.fieldValidation);
    const source = await this.describe(team, request);
    const asked = definition.asked(request, { nodes: source.nodes + countScenarioNodes(request.scenario), pods: source.pods });
    assertWithinLimits(asked, this.settings.limits);
    const loaded = this.load(source);
    const { cluster: _inline, topologyId: _topology, revision: _revision, ...options } = request as typeof request & { cluster?: unknown };
    const outcome = await this.run(
      {
        cluster: loaded.cluster,
        job: { kind: 'analysis', analysis: { kind, request: options } as unknown as AnalysisSpec },
        bounds: { ...this.requestBounds(), maxWork: this.settings.limits.maxPlanWork },
      },
      // Never lightweight: an analysis plans many times over, so it always leaves the event loop.
      { loadObjects: loaded.loadObjects },
    );
    const result = withFieldWarnings(this.expect(outcome, 'analysed', asked.path, 'analysis').result as AnalysisResults[Kind], fieldWarnings);
    if (source.kind !== 'stored' || input.store === false) return { result };
    const analyses = this.require(this.dependencies.analyses, 'an analysis store');
    const stored = await analyses.insert({ team, topologyId: source.revision.topologyId, revision: source.revision.revision, kind, request: options, result });
    return { result, stored };
  }

  /**
   * Has an engine thread load and index a large revision just saved, so the
   * first plan on it does not wait for that. Only off the event loop, and
   * only where indexing takes long enough to matter; a failure costs nothing
   * but the head start.
   */
  indexAhead(team: string, revision: RevisionSummary): void {
    if (!this.engine.offMainThread || revision.nodes < INDEX_AHEAD_MIN_NODES) return;
    const task: EngineTask = {
      cluster: { cacheKey: revisionKey(revision.topologyId, revision.revision) },
      job: { kind: 'plan', plan: { workloads: [], explain: 'summary', mode: 'exhaustive' }, validateOnly: true },
    };
    this.engine
      .run(task, { loadObjects: () => this.sources.readRevision(team, revision.topologyId, revision.revision) })
      .catch((error: Error) => this.dependencies.logger?.debug(`indexing revision ${revision.revision} of topology ${revision.topologyId} ahead: ${error.message}`));
  }

  // ── Steps ─────────────────────────────────────────────────────────────────

  /** Stored plans, new or rerun: limits, then either queue (large) or load → run → store. */
  private async submitPlan(
    team: string,
    topologyId: string,
    revision: number | undefined,
    request: PlanRequest,
    name: string | null,
    rerunOf: string | null,
    fieldWarnings: readonly FieldError[] = [],
  ): Promise<SubmittedPlan> {
    const plans = this.require(this.dependencies.plans, 'a plan store');
    const source = await this.describeStored(team, topologyId, revision);
    const asked = this.askedOfPlan(request.workloads, source, request.scenario, 'summary');
    assertWithinLimits(asked, this.settings.limits);
    const resolved = source.revision.revision;
    const loaded = this.load(source);
    if (askedWork(asked) > this.settings.planAsyncThreshold) {
      // Validated on an engine thread (expansion can be large) and refused here, before anything is written.
      const validated = await this.run({ cluster: loaded.cluster, job: { kind: 'plan', plan: planSpecOf(request), validateOnly: true } }, { loadObjects: loaded.loadObjects });
      const { replicas, nodes } = this.expect(validated, 'validated', asked.path, 'plan');
      const queue = this.require(this.dependencies.queue, 'a plan queue');
      // The warnings of a Warn-mode submission go with the request: the job that runs it adds them to the result.
      const queuedRequest = fieldWarnings.length > 0 ? { ...request, fieldWarnings } : request;
      const id = await plans.insertQueued({ team, topologyId, revision: resolved, name, request: queuedRequest, total: replicas, rerunOf });
      // Read before enqueueing: a worker may take the job at once, and the caller is told what it submitted.
      const queued = (await plans.findLive(team, id))!;
      try {
        await queue.enqueue(id);
      } catch (error) {
        await plans.fail(id, { message: 'the plan could not be queued' });
        throw error;
      }
      this.dependencies.logger?.log(`plan ${id}: queued, ${replicas} replicas on ${nodes} nodes`);
      return { view: queued, placements: [] };
    }
    const started = process.hrtime.bigint();
    try {
      const plan = await this.runAndStore(plans, loaded, asked, { team, topologyId, revision: resolved, name, request, rerunOf }, fieldWarnings);
      this.dependencies.metrics?.planFinished('inline', 'succeeded', secondsSince(started));
      return plan;
    } catch (error) {
      this.dependencies.metrics?.planFinished('inline', planOutcomeOf(error), secondsSince(started));
      throw error;
    }
  }

  /** A stored plan someone waits for: load → run → store, under the request's bounds. */
  private async runAndStore(
    plans: PlanStore,
    loaded: LoadedSource,
    asked: AskedWork,
    plan: Pick<NewPlan, 'team' | 'topologyId' | 'revision' | 'name' | 'request' | 'rerunOf'>,
    fieldWarnings: readonly FieldError[],
  ): Promise<SubmittedPlan> {
    const { team, request } = plan;
    let loadMs = 0;
    const started = process.hrtime.bigint();
    const outcome = await this.run(
      { cluster: loaded.cluster, job: { kind: 'plan', plan: planSpecOf(request) }, bounds: this.requestBounds() },
      {
        loadObjects: async () => {
          const loadStarted = process.hrtime.bigint();
          const objects = await loaded.loadObjects!();
          loadMs = elapsedMs(loadStarted);
          return objects;
        },
        lightweight: this.isLightweight(asked),
      },
    );
    const { placements, ...header } = this.expect(outcome, 'completed', asked.path, 'plan').result;
    const planMs = Math.max(0, elapsedMs(started) - loadMs);
    const storeStarted = process.hrtime.bigint();
    const id = await plans.insert({ ...plan, status: 'succeeded', result: withFieldWarnings(header, fieldWarnings), timings: { loadMs, planMs, storeMs: 0 }, placements });
    const timings: PlanTimings = { loadMs, planMs, storeMs: elapsedMs(storeStarted) };
    await plans.setTimings(id, timings);
    const view = await plans.findLive(team, id);
    if (!view) throw new NotFoundError(PLAN, id);
    return { view, placements };
  }

  /** Step 2's view of the source: a stored revision's summary row, or an inline cluster's counted documents. */
  private async describe(team: string, request: { cluster?: { objects: readonly unknown[] }; topologyId?: string; revision?: number }): Promise<DescribedSource> {
    if (request.topologyId !== undefined) return this.describeStored(team, request.topologyId, request.revision);
    const objects = request.cluster!.objects;
    return { kind: 'inline', objects, nodes: countNodeDocuments(objects), pods: countPodDocuments(objects) };
  }

  private async describeStored(team: string, topologyId: string, revision: number | undefined): Promise<Extract<DescribedSource, { kind: 'stored' }>> {
    const summary = await this.sources.describeRevision(team, topologyId, revision);
    return { kind: 'stored', team, revision: summary, nodes: summary.nodes, pods: summary.pods };
  }

  /** What a plan of `workloads` asks: its replicas on the source's nodes and those its scenario adds. */
  private askedOfPlan(workloads: readonly unknown[], source: DescribedSource, scenario: readonly unknown[] | undefined, explain: 'summary' | 'full'): AskedWork {
    return { path: 'workloads', replicas: countRequestedReplicas(workloads), nodes: source.nodes + countScenarioNodes(scenario), explain };
  }

  /** Step 3: an inline cluster is imported here (its errors carry `cluster.objects` paths); a stored one is read when the engine asks. */
  private load(source: DescribedSource): LoadedSource {
    if (source.kind === 'inline') {
      const imported = this.sources.importInline(source.objects, SIMULATION_CLUSTER_PATH);
      return { cluster: { objects: imported.objects }, imported };
    }
    const { topologyId, revision } = source.revision;
    return {
      cluster: { cacheKey: revisionKey(topologyId, revision) },
      loadObjects: () => this.sources.readRevision(source.team, topologyId, revision),
    };
  }

  /** Step 4, for requests someone waits on: invalid input is a 400 with its paths. */
  private async run(task: EngineTask, options: EngineRunOptions): Promise<EngineOutcome> {
    const outcome = await this.engine.run(task, options);
    if (outcome.kind === 'invalid') throw new InvalidInputError([...outcome.errors]);
    return outcome;
  }

  /** The bounds of a request someone waits for: PODPLAN_PLAN_TIMEOUT_MS, and the work limit the engine re-checks on the real cluster. */
  private requestBounds(): { timeoutMs: number; maxWork: number } {
    return { timeoutMs: this.settings.limits.planTimeoutMs, maxWork: this.settings.limits.maxPlanWork };
  }

  private isLightweight(asked: AskedWork): boolean {
    return askedWork(asked) <= this.settings.simulationThreadThreshold;
  }

  /** The outcome a step expects, or the error that says why it did not come. */
  private expect<Kind extends EngineOutcome['kind']>(outcome: EngineOutcome, kind: Kind, path: string, what: 'plan' | 'replay' | 'analysis'): Extract<EngineOutcome, { kind: Kind }> {
    if (outcome.kind === kind) return outcome as Extract<EngineOutcome, { kind: Kind }>;
    if (outcome.kind === 'stopped') {
      if (outcome.reason === 'work') throw this.workRefusal(path, outcome.work);
      throw new PlanTimeoutError(this.settings.limits.planTimeoutMs, what);
    }
    throw new Error(`${what}: unexpected engine outcome ${outcome.kind}`);
  }

  private workRefusal(path: string, work: number | undefined): LimitExceededError {
    const { maxPlanWork } = this.settings.limits;
    return new LimitExceededError(path, `needs more than ${maxPlanWork} node evaluations${work === undefined ? '' : ` (${work} when it was stopped)`}`, 'PODPLAN_MAX_PLAN_WORK', maxPlanWork);
  }

  private require<Port>(port: Port | undefined, what: string): Port {
    if (!port) throw new Error(`this process has no ${what}`);
    return port;
  }
}
