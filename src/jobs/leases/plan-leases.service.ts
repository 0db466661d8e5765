/**
 * This process's side of plan leases: who it is (the `worker_id` it writes),
 * keeping a running plan's lease alive, and handing a plan back on shutdown.
 * Taking a plan is PlansRepository.claim; taking back expired leases is the
 * PlanLeaseReaper's.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { jobsConfigOf, type AppConfig, type JobsConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import type { LeaseClaimant, PlanLease } from '../../plans/domain/plan-lease.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { PlanLeaseMetrics } from './plan-lease-metrics.js';
import { PlanLeasesRepository, type LeaseRenewal } from './plan-leases.repository.js';

/** Stops renewing a lease. */
export interface KeptLease {
  stop(): void;
}

@Injectable()
export class PlanLeases {
  /**
   * Unique per process life: the host (a pod's name in Kubernetes) and pid
   * say where to look; the nonce keeps a restarted process with a reused pid
   * from passing for its previous life.
   */
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('PlanLeases');
  private readonly jobs: JobsConfig;
  /** Plans whose lease this process is keeping alive now. */
  private readonly kept = new Set<string>();

  constructor(
    private readonly repository: PlanLeasesRepository,
    private readonly metrics: PlanLeaseMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.jobs = jobsConfigOf(config);
  }

  /** What PlansRepository.claim writes for this process. */
  claimant(): LeaseClaimant {
    return { workerId: this.workerId, leaseSeconds: this.jobs.leaseSeconds };
  }

  /** Renews `lease` until stopped; `onEnd` hears once when it can no longer be renewed. */
  keepAlive(lease: PlanLease, onEnd: (why: Exclude<LeaseRenewal, 'renewed'>) => void): KeptLease {
    this.kept.add(lease.planId);
    const heartbeat = new LeaseHeartbeat({
      renewMs: this.jobs.leaseRenewSeconds * 1000,
      leaseMs: this.jobs.leaseSeconds * 1000,
      renew: () => this.repository.renew(lease, this.jobs.leaseSeconds),
      onEnd,
      onMissed: (reason, detail) => {
        this.metrics.renewalMissed(reason);
        this.logger.warn(`plan ${lease.planId}: lease renewal missed (${reason}): ${detail}`);
      },
    });
    return {
      stop: () => {
        heartbeat.stop();
        this.kept.delete(lease.planId);
      },
    };
  }

  /** The plans this process is running under a lease right now. */
  running(): string[] {
    return [...this.kept];
  }

  /** Hands the plan back to `queued` so the job's retry can take it at once. */
  async release(lease: PlanLease): Promise<boolean> {
    return this.repository.release(lease);
  }
}
