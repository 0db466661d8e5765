/**
 * Refreshes of topologies from their clusters, in the processes that take
 * plan jobs (`podplan worker`, and the default all-in-one process): consumes
 * the refresh queue one job at a time, and every PODPLAN_REFRESH_TICK_SECONDS
 * claims the sources due a scheduled refresh and queues them. Claiming moves
 * a source's next refresh on in the same statement, so of several workers
 * exactly one queues it. A queue error in one tick is logged and the next
 * tick goes on.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { jobsConfigOf, sourcesConfigOf, type AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { TopologySourcesRepository } from '../../topologies/persistence/topology-sources.repository.js';
import { TopologyRefreshService } from '../../topologies/sources/topology-refresh.service.js';
import { REFRESH_QUEUE, type RefreshQueue } from '../queue/refresh-queue.js';

/** Sources one tick claims at most; the rest are claimed by the next ticks. */
const SOURCES_PER_TICK = 100;

@Injectable()
export class TopologyRefreshWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TopologyRefreshWorker');
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(
    private readonly refreshes: TopologyRefreshService,
    private readonly sources: TopologySourcesRepository,
    @Inject(REFRESH_QUEUE) private readonly queue: RefreshQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pino: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (jobsConfigOf(this.config).role === 'serve') return;
    await this.queue.consume(
      (job) => this.pino.runInContext(async () => void (await this.refreshes.refresh(job.topologyId, job.trigger)), { bindings: { topologyId: job.topologyId } }),
      1,
    );
    const tickMs = sourcesConfigOf(this.config).schedulerTickSeconds * 1000;
    this.timer = setInterval(() => {
      this.ticking ??= this.queueDue().finally(() => (this.ticking = undefined));
    }, tickMs);
    this.timer.unref();
    this.logger.log(`Refreshing topologies from their clusters; looking for scheduled refreshes every ${tickMs / 1000} s`);
  }

  /** One tick: claims the sources due, queues a refresh of each. */
  async queueDue(): Promise<number> {
    try {
      const due = await this.sources.claimDue(SOURCES_PER_TICK);
      for (const topologyId of due) await this.queue.enqueueRefresh(topologyId, 'schedule');
      return due.length;
    } catch (error) {
      this.logger.warn(`scheduling refreshes: ${(error as Error).message}; trying again in the next tick`);
      return 0;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.ticking;
    await this.queue.stop();
  }
}
