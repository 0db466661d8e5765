/**
 * One engine task on an indexed cluster: the same code whether it runs on an
 * engine thread or, without threads, on the main thread.
 */
import { InvalidInputError } from '../kube/field-error.js';
import { executeSimulation, prepareSimulation, type PreparedSimulation } from '../simulation/run-simulation.js';
import type { EngineOutcome, EngineTask } from './engine-task.js';
import type { IndexedCluster } from './indexed-cluster-cache.js';

export interface EngineHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly shouldStop?: () => boolean;
}

export function runEngineTask(task: EngineTask, cluster: IndexedCluster, hooks: EngineHooks = {}): EngineOutcome {
  let prepared: PreparedSimulation;
  try {
    prepared = prepareSimulation(cluster.state, task.workloads, task.schedulerConfig, cluster.objects, task.clusterWarnings, task.scenario, task.release);
  } catch (error) {
    if (error instanceof InvalidInputError) return { kind: 'invalid', errors: error.errors };
    throw error;
  }
  if (task.validateOnly) {
    return { kind: 'validated', replicas: prepared.workloads.reduce((sum, workload) => sum + workload.pods.length, 0), nodes: prepared.cluster.nodes.length };
  }
  const { result, run } = executeSimulation(prepared, {
    explain: task.explain,
    mode: task.mode,
    seed: task.seed,
    topCandidates: task.topCandidates,
    onProgress: hooks.onProgress,
    shouldStop: hooks.shouldStop,
  });
  if (!run.complete) return { kind: 'stopped', done: run.decisions.length };
  return { kind: 'completed', result, nodes: prepared.cluster.nodes.length };
}
