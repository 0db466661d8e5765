/**
 * The pipeline's engine, with every task traced and counted (see
 * EngineRunTelemetry): a plan, a validation, a replay or an analysis, on an
 * engine thread or on the event loop. The work itself is the wrapped runner's.
 */
import type { EngineOutcome, EngineTask } from '../engine/engine-task.js';
import type { EngineRunner, EngineRunOptions, EngineThreadUsage } from '../engine/engine-runner.js';
import { EngineRunTelemetry, type EngineRunFacts, type EngineRunReport } from '../observability/engine-run-telemetry.js';
import { countRequestedReplicas } from './request-limits.js';

function reportOf(outcome: EngineOutcome): EngineRunReport {
  switch (outcome.kind) {
    case 'completed': {
      const { summary } = outcome.result;
      return { outcome: 'completed', nodes: outcome.nodes, replicas: summary.replicas, pods: { scheduled: summary.scheduled, unschedulable: summary.unschedulable } };
    }
    case 'validated':
      return { outcome: 'validated', nodes: outcome.nodes, replicas: outcome.replicas };
    case 'explained':
    case 'analysed':
      return { outcome: 'completed' };
    case 'invalid':
      return { outcome: 'invalid' };
    case 'stopped':
      return { outcome: 'stopped' };
  }
}

function factsOf(task: EngineTask, offMainThread: boolean): EngineRunFacts {
  const { job } = task;
  switch (job.kind) {
    case 'plan':
      return { kind: job.validateOnly ? 'validate' : 'plan', mode: job.plan.mode, replicas: countRequestedReplicas(job.plan.workloads), offMainThread };
    case 'explain-replicas':
      return { kind: 'explain', mode: job.plan.mode, replicas: Math.max(...job.podIndexes) + 1, offMainThread };
    case 'analysis':
      return { kind: 'analysis', mode: 'exhaustive', offMainThread };
  }
}

export class ObservedEngineRunner implements EngineRunner {
  constructor(
    private readonly runner: EngineRunner,
    private readonly telemetry: EngineRunTelemetry,
  ) {}

  get offMainThread(): boolean {
    return this.runner.offMainThread;
  }

  run(task: EngineTask, options?: EngineRunOptions): Promise<EngineOutcome> {
    // A lightweight task runs on the calling thread even where the engine has threads.
    const facts = factsOf(task, this.runner.offMainThread && !options?.lightweight);
    return this.telemetry.observe(facts, () => this.runner.run(task, options), reportOf);
  }

  usage(): EngineThreadUsage {
    return this.runner.usage();
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
