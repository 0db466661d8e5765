/**
 * The plan queue and the engine threads, read on each scrape:
 * `podplan_plan_jobs{state}` and `podplan_plan_job_oldest_waiting_seconds`
 * from the queue (one indexed query, shared by every process on the
 * database), and the engine pool's size, busy threads, waiting tasks and
 * busy thread-seconds (utilisation = rate(busy seconds) ÷ threads).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsRegistry } from '../observability/metrics/metrics-registry.js';
import { ENGINE_RUNNER, type EngineRunner } from '../engine/engine-runner.js';
import { PLAN_QUEUE, type PlanQueue, type PlanQueueDepth } from './queue/plan-queue.js';

@Injectable()
export class JobsMetrics {
  private readonly logger = new Logger('Metrics');
  /** One queue read per scrape, shared by the gauges that show it. */
  private depthRead: Promise<PlanQueueDepth | undefined> | undefined;

  constructor(
    @Inject(MetricsRegistry) registry: MetricsRegistry,
    @Inject(PLAN_QUEUE) private readonly queue: PlanQueue,
    @Inject(ENGINE_RUNNER) engine: EngineRunner,
  ) {
    const readDepth = () => (this.depthRead ??= this.readDepth().finally(() => setImmediate(() => (this.depthRead = undefined))));
    registry.gauge({
      name: 'plan_jobs',
      help: 'Plan jobs in the queue by state (waiting: queued or waiting to retry; active: running on a worker).',
      labelNames: ['state'],
      async collect() {
        const depth = await readDepth();
        if (!depth) return;
        this.set({ state: 'waiting' }, depth.waiting);
        this.set({ state: 'active' }, depth.active);
      },
    });
    registry.gauge({
      name: 'plan_job_oldest_waiting_seconds',
      help: 'Age of the oldest plan job still waiting for a worker (0 when none waits).',
      async collect() {
        const depth = await readDepth();
        if (depth) this.set(depth.oldestWaitingSeconds);
      },
    });
    registry.gauge({
      name: 'engine_threads',
      help: 'Engine worker threads in this process (0: the engine runs on the main thread).',
      collect() {
        this.set(engine.usage().threads);
      },
    });
    registry.gauge({
      name: 'engine_threads_busy',
      help: 'Engine threads running a task now.',
      collect() {
        this.set(engine.usage().busy);
      },
    });
    registry.gauge({
      name: 'engine_tasks_waiting',
      help: 'Engine tasks waiting for a free engine thread.',
      collect() {
        this.set(engine.usage().queued);
      },
    });
    let reportedBusySeconds = 0;
    registry.counter({
      name: 'engine_thread_busy_seconds_total',
      help: 'Thread-seconds engine threads spent running tasks; rate() divided by podplan_engine_threads is their utilisation.',
      collect() {
        const busySeconds = engine.usage().busySeconds;
        this.inc(Math.max(0, busySeconds - reportedBusySeconds));
        reportedBusySeconds = busySeconds;
      },
    });
  }

  /** A database outage must not fail the whole scrape: the queue gauges are then left out of it. */
  private async readDepth(): Promise<PlanQueueDepth | undefined> {
    try {
      return await this.queue.depth();
    } catch (error) {
      this.logger.warn(`plan queue depth not read: ${(error as Error).message}`);
      return undefined;
    }
  }
}
