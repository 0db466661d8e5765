/**
 * One engine task on an indexed cluster: the same code whether it runs on an
 * engine thread or, without threads, on the main thread. The task's bounds
 * are enforced here, where the work happens: the deadline is polled between
 * replicas, the work budget is checked against the cluster the plan really
 * runs on (after the scenario's edits) and, for analyses, charged plan by plan.
 */
import { InvalidInputError } from '../kube/field-error.js';
import { executeSimulation, explainReplicas, prepareSimulation, type PreparedSimulation } from '../simulation/run-simulation.js';
import { AnalysisStopped } from '../what-if/analysis-budget.js';
import { runAnalysis } from '../what-if/run-analysis.js';
import type { EngineOutcome, EngineTask, PlannedNodeObjects, PlanSpec, StopReason } from './engine-task.js';
import type { IndexedCluster } from './indexed-cluster-cache.js';

export interface EngineHooks {
  readonly onProgress?: (done: number, total: number) => void;
  /** The caller's cancellation, polled between replicas. */
  readonly cancelled?: () => boolean;
}

/** The task's stop hook: its caller's cancellation or its own deadline, whichever comes first; `reason` tells which. */
class StopCondition {
  private readonly expiresAt: number;

  constructor(
    timeoutMs: number | undefined,
    private readonly cancelled: () => boolean,
  ) {
    this.expiresAt = timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
  }

  readonly shouldStop = (): boolean => this.cancelled() || performance.now() >= this.expiresAt;

  reason(): StopReason {
    return this.cancelled() ? 'cancelled' : 'timeout';
  }
}

function prepare(plan: PlanSpec, cluster: IndexedCluster): PreparedSimulation {
  return prepareSimulation(cluster.state, plan.workloads, plan.schedulerConfig, cluster.objects, plan.clusterWarnings, plan.scenario, plan.release, { rollout: plan.rollout === true });
}

/** The prepared cluster's nodes and bound pods as objects (a pod a scale edit placed gets its node's name, as binding would write it). */
function plannedNodeObjects(prepared: PreparedSimulation): PlannedNodeObjects {
  const nodes = prepared.cluster.nodes;
  return {
    nodes: nodes.map((node) => node.node),
    pods: nodes.flatMap((node) => node.pods.map(({ pod }) => (pod.spec?.nodeName === node.name ? pod : { ...pod, spec: { ...pod.spec!, nodeName: node.name } }))),
  };
}

function plannedWork(prepared: PreparedSimulation): number {
  const pods = prepared.workloads.reduce((sum, workload) => sum + workload.pods.length, 0);
  return pods * Math.max(1, prepared.cluster.nodes.length);
}

function run(task: EngineTask, cluster: IndexedCluster, hooks: EngineHooks, stop: StopCondition): EngineOutcome {
  const { job } = task;
  const maxWork = task.bounds?.maxWork ?? Number.POSITIVE_INFINITY;
  if (job.kind === 'analysis') {
    try {
      return { kind: 'analysed', result: runAnalysis(job.analysis, cluster, { maxWork, shouldStop: stop.shouldStop, now: Date.now }) };
    } catch (error) {
      if (!(error instanceof AnalysisStopped)) throw error;
      return { kind: 'stopped', reason: error.reason === 'work' ? 'work' : stop.reason(), done: 0, work: error.spentWork };
    }
  }
  const prepared = prepare(job.plan, cluster);
  // The pipeline checked the replicas asked for against the nodes the source has; a scenario may add nodes, so check again.
  const work = plannedWork(prepared);
  if (work > maxWork) return { kind: 'stopped', reason: 'work', done: 0, work };
  if (job.kind === 'explain-replicas') {
    const tables = explainReplicas(prepared, { mode: job.plan.mode, seed: job.plan.seed, shouldStop: stop.shouldStop }, new Set(job.podIndexes));
    return tables ? { kind: 'explained', tables: [...tables] } : { kind: 'stopped', reason: stop.reason(), done: 0 };
  }
  if (job.validateOnly) {
    const replicas = prepared.workloads.reduce((sum, workload) => sum + workload.pods.length, 0);
    // The nodes after the scenario's edits, exactly as the plan saw them (a stored plan's placements show these, not the revision's).
    const nodeLabels = job.nodeLabels ? { nodeLabels: prepared.cluster.nodes.map((node) => [node.name, { ...node.labels }] as const) } : {};
    const nodeObjects = job.nodeObjects ? { nodeObjects: plannedNodeObjects(prepared) } : {};
    return { kind: 'validated', replicas, nodes: prepared.cluster.nodes.length, ...nodeLabels, ...nodeObjects };
  }
  const { result, run: planRun } = executeSimulation(prepared, {
    explain: job.plan.explain,
    mode: job.plan.mode,
    seed: job.plan.seed,
    topCandidates: job.plan.topCandidates,
    onProgress: hooks.onProgress,
    shouldStop: stop.shouldStop,
  });
  if (!planRun.complete) return { kind: 'stopped', reason: stop.reason(), done: planRun.decisions.length };
  return { kind: 'completed', result, nodes: prepared.cluster.nodes.length };
}

export function runEngineTask(task: EngineTask, cluster: IndexedCluster, hooks: EngineHooks = {}): EngineOutcome {
  const stop = new StopCondition(task.bounds?.timeoutMs, hooks.cancelled ?? (() => false));
  try {
    return run(task, cluster, hooks, stop);
  } catch (error) {
    if (error instanceof InvalidInputError) return { kind: 'invalid', errors: error.errors };
    throw error;
  }
}
