/**
 * Large plans as background jobs, and large simulations off the event loop.
 *
 * The API side decides by size (requested replicas × nodes): above
 * PLAN_ASYNC_THRESHOLD a plan is validated, stored as `queued` and put on the
 * queue; the caller gets 202 and polls. The worker side (`execute`) takes the
 * plan with a lease (queued → running, see src/jobs/leases), runs it on an
 * engine thread with progress written to the plans row, and stores the result
 * and placements in one transaction that only the attempt still holding the
 * lease can make — so a retried job, a cancelled plan, a second worker or a
 * worker that stalled past its lease can never store it twice.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import { assertExplanationWithinLimits, countRequestedReplicas, PlanDeadline } from '../common/limits/plan-limits.js';
import type { AppConfig } from '../config/app-config.js';
import { jobsConfigOf, type JobsConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { importCluster } from '../kube/cluster-import.js';
import { InvalidInputError } from '../kube/field-error.js';
import type { PlanLease } from '../plans/domain/plan-lease.js';
import type { PlanRequest, PlanView } from '../plans/domain/plan.types.js';
import { PlansRepository } from '../plans/persistence/plans.repository.js';
import type { SimulationRequest } from '../simulation/simulation-request.js';
import type { SimulationResult } from '../simulation/simulation-result.js';
import type { TopologyRevisionView } from '../topologies/domain/topology.types.js';
import { TopologiesService } from '../topologies/topologies.service.js';
import type { EngineOutcome, EngineTask } from '../engine/engine-task.js';
import { PlanningMetrics, secondsSince, type PlanOutcome } from '../observability/metrics/planning-metrics.js';
import { inSpan } from '../observability/tracing/spans.js';
import { ENGINE_RUNNER, type EngineRunner } from '../engine/engine-runner.js';
import { PlanLeases } from './leases/plan-leases.service.js';
import { PLAN_QUEUE, type PlanQueue } from './queue/plan-queue.js';
import { RevisionObjectsReader } from './revision-objects.reader.js';

/** Progress is written at most this often: a 10,000-replica plan makes a handful of writes per second, not 10,000. */
const PROGRESS_WRITE_INTERVAL_MS = 500;

export interface BackgroundPlan {
  readonly team: string;
  readonly topologyId: string;
  readonly revision: number;
  readonly name: string | null;
  readonly request: PlanRequest;
  readonly rerunOf: string | null;
}

/** The span of one attempt at a background plan job. */
export const PLAN_JOB_SPAN = 'podplan.plan.job';

/** Thrown by a job interrupted by its own process shutting down: the queue retries it elsewhere. */
export class PlanJobInterruptedError extends Error {
  constructor(planId: string) {
    super(`plan ${planId} was interrupted by shutdown; it will be retried`);
    this.name = 'PlanJobInterruptedError';
  }
}

/** Revisions smaller than this are indexed when a plan first needs them (it takes milliseconds). */
const INDEX_AHEAD_MIN_NODES = 1_000;

function revisionKey(topologyId: string, revision: number): string {
  return `${topologyId}@${revision}`;
}

function elapsedMs(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
}

/** Simulations without a saved topology count their Node documents (Lists included) before anything is parsed. */
function countNodeDocuments(objects: readonly unknown[]): number {
  let nodes = 0;
  for (const object of objects) {
    if (typeof object !== 'object' || object === null) continue;
    const { kind, items } = object as { kind?: unknown; items?: unknown };
    if (kind === 'Node') nodes += 1;
    else if (Array.isArray(items)) nodes += kind === 'NodeList' ? items.length : countNodeDocuments(items);
  }
  return nodes;
}

@Injectable()
export class PlanJobsService {
  private readonly logger = new Logger('PlanJobs');
  private readonly jobs: JobsConfig;

  constructor(
    private readonly topologies: TopologiesService,
    private readonly repository: PlansRepository,
    private readonly revisions: RevisionObjectsReader,
    private readonly leases: PlanLeases,
    @Inject(ENGINE_RUNNER) private readonly engine: EngineRunner,
    @Inject(PLAN_QUEUE) private readonly queue: PlanQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: PlanningMetrics,
  ) {
    this.jobs = jobsConfigOf(config);
    topologies.onRevisionSaved((team, view) => this.indexAhead(team, view));
  }

  /**
   * Has an engine thread load and index a large revision just saved, so the
   * first plan on it does not wait for that (plans of the next seconds find
   * it cached). Only off the event loop, and only where indexing takes long
   * enough to matter; a failure costs nothing but the head start.
   */
  private indexAhead(team: string, view: TopologyRevisionView): void {
    if (!this.engine.offMainThread || view.summary.nodes < INDEX_AHEAD_MIN_NODES) return;
    const task: EngineTask = {
      cluster: { cacheKey: revisionKey(view.id, view.revision) },
      workloads: [],
      explain: 'summary',
      mode: 'exhaustive',
      validateOnly: true,
    };
    this.engine
      .run(task, { loadObjects: () => this.revisions.read(team, view.id, view.revision) })
      .catch((error: Error) => this.logger.debug(`indexing revision ${view.revision} of topology ${view.id} ahead: ${error.message}`));
  }

  /** Whether a plan of these workloads on `nodes` nodes runs as a background job. */
  runsInBackground(workloads: readonly unknown[], nodes: number): boolean {
    return countRequestedReplicas(workloads) * Math.max(1, nodes) > this.jobs.planAsyncThreshold;
  }

  /**
   * Validates the plan (on an engine thread: expansion can be large), stores
   * it as `queued` with its replica count, and enqueues its job. Bad input is
   * refused here, before anything is written.
   */
  async enqueue(plan: BackgroundPlan): Promise<PlanView> {
    const outcome = await this.engine.run(this.planTask(plan.topologyId, plan.revision, plan.request, true), {
      loadObjects: () => this.loadObjects(plan.team, plan.topologyId, plan.revision),
    });
    if (outcome.kind === 'invalid') throw new InvalidInputError([...outcome.errors]);
    if (outcome.kind !== 'validated') throw new Error(`validating plan: unexpected engine outcome ${outcome.kind}`);
    const id = await this.repository.insertQueued({ ...plan, total: outcome.replicas });
    // Read before enqueueing: a worker may take the job at once, and the caller is told what it submitted.
    const queued = (await this.repository.findLive(plan.team, id))!;
    try {
      await this.queue.enqueue(id);
    } catch (error) {
      await this.repository.fail(id, { message: 'the plan could not be queued' });
      throw error;
    }
    this.logger.log(`plan ${id}: queued, ${outcome.replicas} replicas on ${outcome.nodes} nodes`);
    return queued;
  }

  /** `POST /v1/plans/{id}/cancel`: a queued or running plan stops; a finished one cannot be cancelled. */
  async cancel(view: PlanView): Promise<PlanView> {
    const cancelled = await this.repository.cancel(view.id);
    if (cancelled) return cancelled;
    const current = await this.repository.findLive(view.team, view.id);
    throw new DomainError('CONFLICT', `plan ${view.id} is already ${current?.status ?? 'gone'}; only queued or running plans can be cancelled`);
  }

  /**
   * The job handler. Returns when the plan is finished (succeeded, failed,
   * cancelled, or already taken care of by another attempt); throws when the
   * job should be retried (shutdown, database trouble), having handed the
   * plan back to `queued` for that retry.
   *
   * While the plan runs, its lease is renewed every few seconds; a worker
   * that loses it (it stalled past the lease and the plan was taken back)
   * stops and stores nothing: every write below is refused to a lost lease.
   */
  async execute(planId: string, shutdown: AbortSignal): Promise<void> {
    await inSpan(PLAN_JOB_SPAN, { 'podplan.plan.id': planId }, async (span) => {
      const started = process.hrtime.bigint();
      let outcome: PlanOutcome | undefined;
      try {
        outcome = await this.runJob(planId, shutdown);
      } catch (error) {
        // Thrown jobs go back to the queue: counted as interrupted or retried here, and again when an attempt finishes.
        outcome = error instanceof PlanJobInterruptedError ? 'interrupted' : 'retried';
        throw error;
      } finally {
        if (outcome !== undefined) {
          span.setAttribute('podplan.plan.outcome', outcome);
          this.metrics.planFinished('background', outcome, secondsSince(started));
        }
      }
    });
  }

  /** The attempt's outcome, or undefined when the plan was not this attempt's to run (finished, or held by another). */
  private async runJob(planId: string, shutdown: AbortSignal): Promise<PlanOutcome | undefined> {
    const claimed = await this.repository.claim(planId, this.leases.claimant());
    if (!claimed) return undefined;
    const { view, lease } = claimed;
    const stop = new AbortController();
    let leaseLost = false;
    const kept = this.leases.keepAlive(lease, (why) => {
      leaseLost = why === 'lost';
      stop.abort();
    });
    let outcome: PlanOutcome;
    try {
      outcome = await this.runLeased(view, lease, shutdown, stop);
    } catch (error) {
      // Another attempt holds the plan now: nothing to hand back, nothing to retry.
      if (leaseLost) return 'lease_lost';
      await this.leases.release(lease).catch((releaseError: Error) => this.logger.warn(`plan ${planId}: not handed back (${releaseError.message}); its lease will run out`));
      throw error;
    } finally {
      kept.stop();
    }
    if (!leaseLost) return outcome;
    this.logger.warn(`plan ${planId}: lost its lease to another worker; stored nothing`);
    return 'lease_lost';
  }

  private async runLeased(view: PlanView, lease: PlanLease, shutdown: AbortSignal, stop: AbortController): Promise<PlanOutcome> {
    const planId = view.id;
    try {
      // Whether or not a thread still holds the revision, a plan of a topology deleted since it was queued does not run.
      await this.topologies.get(view.team, view.topologyId, view.revision);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await this.repository.fail(planId, { message: error.message }, lease);
      return 'failed';
    }
    this.logger.log(`plan ${planId}: running ${view.progress.total} replicas (worker ${lease.workerId}, attempt ${lease.attempt})`);
    const onShutdown = () => stop.abort();
    shutdown.addEventListener('abort', onShutdown, { once: true });
    let loadMs = 0;
    let loadFailed = false;
    let lastWrite = 0;
    const started = process.hrtime.bigint();
    let outcome: EngineOutcome;
    try {
      outcome = await this.engine.run(this.planTask(view.topologyId, view.revision, view.request, false), {
        loadObjects: async () => {
          const loadStarted = process.hrtime.bigint();
          try {
            const objects = await this.loadObjects(view.team, view.topologyId, view.revision);
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
          this.repository.recordProgress(lease, done).then(
            (stillHeld) => stillHeld || stop.abort(),
            (error: unknown) => this.logger.warn(`plan ${planId}: progress not recorded: ${(error as Error).message}`),
          );
        },
        signal: stop.signal,
      });
    } catch (error) {
      if (shutdown.aborted) throw new PlanJobInterruptedError(planId);
      if (loadFailed && error instanceof NotFoundError) {
        // The topology was deleted after the plan was queued: no attempt can succeed.
        await this.repository.fail(planId, { message: error.message }, lease);
        return 'failed';
      }
      // The database may be back for the next attempt: let the queue retry.
      if (loadFailed) throw error;
      // The engine is deterministic: what failed once fails again, so the plan fails instead of retrying.
      this.logger.error(`plan ${planId} failed: ${(error as Error).message}`);
      await this.repository.fail(planId, { message: 'the scheduling engine failed on this plan' }, lease);
      return 'failed';
    } finally {
      shutdown.removeEventListener('abort', onShutdown);
    }
    const planMs = Math.max(0, elapsedMs(started) - loadMs);
    switch (outcome.kind) {
      case 'completed': {
        const storeStarted = process.hrtime.bigint();
        const { placements, ...result } = outcome.result;
        // Refused (false) when the lease was lost meanwhile: the attempt holding the plan now stores it.
        const stored = await this.repository.complete(lease, { result, placements, timings: { loadMs, planMs, storeMs: 0 } });
        if (stored) await this.repository.setTimings(planId, { loadMs, planMs, storeMs: elapsedMs(storeStarted) });
        else this.logger.warn(`plan ${planId}: finished, but no longer held by this attempt (cancelled, deleted or taken back); stored nothing`);
        return stored ? 'succeeded' : 'cancelled';
      }
      case 'stopped':
        if (shutdown.aborted) throw new PlanJobInterruptedError(planId);
        return 'cancelled'; // cancelled, deleted or lost its lease while running: nothing to store
      case 'invalid':
        // Validated when queued; the revision is immutable, so this only happens if validation rules changed in between.
        await this.repository.fail(planId, { message: 'the plan is no longer valid', errors: outcome.errors }, lease);
        return 'invalid';
      case 'validated':
        throw new Error(`plan ${planId}: unexpected engine outcome ${outcome.kind}`);
    }
  }

  /**
   * A stateless simulation on an engine thread when it is large enough to
   * be worth the hop (SIMULATION_THREAD_THRESHOLD) and the process has
   * threads; undefined when the caller should run it itself.
   */
  async simulateOffMainThread(team: string, request: SimulationRequest): Promise<SimulationResult | undefined> {
    if (!this.engine.offMainThread) return undefined;
    const replicas = countRequestedReplicas(request.workloads);
    let task: EngineTask;
    let loadObjects: (() => Promise<string>) | undefined;
    if (request.topologyId !== undefined) {
      const target = await this.topologies.get(team, request.topologyId, request.revision);
      if (replicas * target.summary.nodes <= this.jobs.simulationThreadThreshold) return undefined;
      assertExplanationWithinLimits(request.explain, request.workloads, target.summary.nodes, this.config.limits, request.scenario);
      task = { ...this.simulationOptions(request), cluster: { cacheKey: revisionKey(target.id, target.revision) } };
      loadObjects = () => this.loadObjects(team, target.id, target.revision);
    } else {
      if (replicas * countNodeDocuments(request.cluster!.objects) <= this.jobs.simulationThreadThreshold) return undefined;
      const imported = importCluster(request.cluster!.objects, { basePath: 'cluster.objects', requireNodes: true });
      assertExplanationWithinLimits(request.explain, request.workloads, imported.objects.nodes.length, this.config.limits, request.scenario);
      task = { ...this.simulationOptions(request), cluster: { objects: imported.objects } };
    }
    const deadline = new PlanDeadline(this.config.limits.planTimeoutMs);
    const outcome = await this.engine.run(task, { loadObjects, signal: AbortSignal.timeout(this.config.limits.planTimeoutMs) });
    if (outcome.kind === 'invalid') throw new InvalidInputError([...outcome.errors]);
    deadline.assertFinished(outcome.kind === 'completed');
    if (outcome.kind !== 'completed') throw new Error(`simulation: unexpected engine outcome ${outcome.kind}`);
    return outcome.result;
  }

  private simulationOptions(request: SimulationRequest): Omit<EngineTask, 'cluster'> {
    return {
      workloads: request.workloads,
      schedulerConfig: request.schedulerConfig,
      explain: request.explain,
      mode: request.mode,
      seed: request.seed,
      topCandidates: request.topCandidates,
      scenario: request.scenario,
      release: { kubernetesVersion: request.kubernetesVersion, featureGates: request.featureGates },
    };
  }

  private planTask(topologyId: string, revision: number, request: PlanRequest, validateOnly: boolean): EngineTask {
    return {
      cluster: { cacheKey: revisionKey(topologyId, revision) },
      workloads: request.workloads,
      schedulerConfig: request.schedulerConfig,
      explain: 'summary',
      mode: request.mode,
      seed: request.seed,
      topCandidates: request.topCandidates,
      scenario: request.scenario,
      release: { kubernetesVersion: request.kubernetesVersion, featureGates: request.featureGates },
      validateOnly,
    };
  }

  /** JSON text, parsed on the engine thread (see RevisionObjectsReader). */
  private loadObjects(team: string, topologyId: string, revision: number): Promise<string> {
    return this.revisions.read(team, topologyId, revision);
  }
}
