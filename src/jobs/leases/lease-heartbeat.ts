/**
 * Renews one plan's lease every renewal interval while its attempt runs. A
 * timer on the event loop, which engine threads leave free; each renewal is
 * scheduled when the previous one has answered, so a slow database never
 * stacks renewals up. Reports the end of the lease (lost, or the plan
 * cancelled) once, and every renewal that missed its time.
 */
import type { LeaseRenewal } from './plan-leases.repository.js';
import type { MissedRenewal } from './plan-lease-metrics.js';

export interface LeaseHeartbeatOptions {
  readonly renewMs: number;
  readonly leaseMs: number;
  /** One renewal: the repository's conditional update. */
  readonly renew: () => Promise<LeaseRenewal>;
  /** The lease will not be renewed again: the attempt must stop (and, when lost, store nothing). */
  readonly onEnd: (why: Exclude<LeaseRenewal, 'renewed'>) => void;
  readonly onMissed: (reason: MissedRenewal, detail: string) => void;
  /** Monotonic milliseconds; a parameter so tests can drive time. */
  readonly now?: () => number;
}

export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** When the last renewal that held was sent (or the lease was taken): the lease runs at least leaseMs from there. */
  private heldSince: number;
  private readonly now: () => number;

  constructor(private readonly options: LeaseHeartbeatOptions) {
    this.now = options.now ?? (() => performance.now());
    this.heldSince = this.now();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.beat(), this.options.renewMs);
  }

  private async beat(): Promise<void> {
    const sent = this.now();
    const late = sent - this.heldSince > this.options.leaseMs;
    let renewal: LeaseRenewal;
    try {
      renewal = await this.options.renew();
    } catch (error) {
      // The lease ages on; the next renewal may still come in time, and a store without the lease is refused anyway.
      this.options.onMissed('failed', (error as Error).message);
      this.schedule();
      return;
    }
    if (this.stopped) return;
    if (renewal === 'renewed') {
      if (late) this.options.onMissed('late', `renewed ${Math.round(sent - this.heldSince)} ms after the previous renewal, past the ${this.options.leaseMs} ms lease`);
      this.heldSince = sent;
      this.schedule();
      return;
    }
    if (renewal === 'lost') this.options.onMissed('lost', 'the plan was taken back or taken by another worker');
    this.stopped = true;
    this.options.onEnd(renewal);
  }
}
