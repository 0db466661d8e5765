/**
 * When a plan schedules through replica runs: a run opens at the first of
 * enough consecutive identical pods to repay its set-up (which costs about
 * as much as scheduling a dozen replicas one by one), decides them while it
 * can, and closes when the pods change or preemption removed pods behind
 * its back.
 */
import type { Framework } from '../framework/framework.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { PodInfo } from '../model/pod-info.js';
import type { PodDecision } from '../planner/decision.js';
import { ReplicaRun, type ReplicaRunOptions } from './replica-run.js';
import { sameReplicaSignature } from './replica-signature.js';

/** Fewer identical pods than this are scheduled one by one. */
export const MINIMUM_RUN_LENGTH = 16;

export class ReplicaRuns {
  private run: ReplicaRun | undefined;
  /** The last pod decide saw, while its run (or its lack of one) still stands. */
  private last: PodInfo | undefined;
  /** Replicas decided by runs so far. */
  decided = 0;

  constructor(
    private readonly framework: Framework,
    private readonly cluster: ClusterState,
    private readonly options: ReplicaRunOptions,
  ) {}

  /**
   * The decision for `pod` from a run, or undefined: schedule it one by
   * one, then report with `scheduledAlone`. `following(n)` is the n-th pod
   * after it in the plan (undefined past the end).
   */
  decide(pod: PodInfo, following: (offset: number) => PodInfo | undefined): PodDecision | undefined {
    const last = this.last;
    this.last = pod;
    if (!last || !sameReplicaSignature(pod, last)) {
      this.run = this.followedByIdentical(pod, following) ? ReplicaRun.open(this.framework, this.cluster, pod, this.options) : undefined;
    }
    const decision = this.run?.schedule(pod);
    if (decision) this.decided++;
    return decision;
  }

  /** A pod of the current run decided by scheduleOne instead (no node fitted it, or a full explanation was asked for). */
  scheduledAlone(decision: PodDecision, explained: boolean): void {
    if (decision.preemption) {
      // Victims left the cluster: the next identical pod opens a new run on what remains.
      this.run = undefined;
      this.last = undefined;
    } else if (!explained) this.run?.remember(decision);
  }

  /** Forgets the current run (a plugin failed while it decided): the next pod starts afresh. */
  reset(): void {
    this.run = undefined;
    this.last = undefined;
  }

  podAdded(pod: PodInfo, nodeName: string): void {
    this.run?.podAdded(pod, nodeName);
  }

  private followedByIdentical(pod: PodInfo, following: (offset: number) => PodInfo | undefined): boolean {
    for (let offset = 1; offset < MINIMUM_RUN_LENGTH; offset++) {
      const next = following(offset);
      if (!next || !sameReplicaSignature(next, pod)) return false;
    }
    return true;
  }
}
