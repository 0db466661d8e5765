/** An EngineRunner whose every task is traced and counted (see EngineRunTelemetry); the work itself is the wrapped runner's. */
import { countRequestedReplicas } from '../common/limits/plan-limits.js';
import { EngineRunTelemetry, type EngineRunReport } from '../observability/engine-run-telemetry.js';
import type { EngineOutcome, EngineTask } from '../engine/engine-task.js';
import type { EngineRunner, EngineRunOptions, EngineThreadUsage } from '../engine/engine-runner.js';

function reportOf(outcome: EngineOutcome): EngineRunReport {
  switch (outcome.kind) {
    case 'completed': {
      const { summary } = outcome.result;
      return { outcome: 'completed', nodes: outcome.nodes, replicas: summary.replicas, pods: { scheduled: summary.scheduled, unschedulable: summary.unschedulable } };
    }
    case 'validated':
      return { outcome: 'validated', nodes: outcome.nodes, replicas: outcome.replicas };
    case 'invalid':
      return { outcome: 'invalid' };
    case 'stopped':
      return { outcome: 'stopped' };
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
    const facts = {
      kind: task.validateOnly ? ('validate' as const) : ('plan' as const),
      mode: task.mode,
      replicas: countRequestedReplicas(task.workloads),
      offMainThread: this.runner.offMainThread,
    };
    return this.telemetry.observe(facts, () => this.runner.run(task, options), reportOf);
  }

  usage(): EngineThreadUsage {
    return this.runner.usage();
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
