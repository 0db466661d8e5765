/**
 * The bounds one analysis runs under. An analysis plans many times (scale-up
 * once per candidate node mix, capacity per suggestion, failure domains per
 * domain), each plan on a cluster that may have grown (scale-up adds nodes),
 * so the work cannot be checked once up front: every plan is charged its
 * replicas × the nodes of the cluster it runs on, before it runs, and the
 * analysis stops with AnalysisStopped once the budget is spent or the stop
 * hook (deadline, cancellation) says so.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { Profile } from '../scheduling/framework/framework.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { Planner, type PlanOptions, type PlanRun } from '../scheduling/planner/planner.js';
import type { PodPlanner } from './pod-planner.js';

export interface AnalysisBounds {
  /** Node evaluations (replicas × nodes, summed over every plan) the analysis may spend. */
  readonly maxWork: number;
  /** Polled between replicas: true stops the analysis (its deadline passed, or it was cancelled). */
  readonly shouldStop: () => boolean;
  /** Wall clock, epoch milliseconds: the searches' own time budgets (absent: the searches have none). */
  readonly now?: () => number;
}

export const UNBOUNDED: AnalysisBounds = { maxWork: Number.POSITIVE_INFINITY, shouldStop: () => false };

/** Thrown out of an analysis that ran out of work budget (`work`) or was told to stop (`stopped`). */
export class AnalysisStopped extends Error {
  constructor(
    readonly reason: 'work' | 'stopped',
    readonly spentWork: number,
  ) {
    super(reason === 'work' ? `the analysis ran out of its work budget after ${spentWork} node evaluations` : 'the analysis was stopped');
    this.name = 'AnalysisStopped';
  }
}

/** A Planner that charges each plan to the budget before running it and stops with the analysis. */
export class BudgetedPlanner implements PodPlanner {
  private readonly planner: Planner;
  private spent = 0;

  constructor(
    profile: Profile,
    private readonly bounds: AnalysisBounds,
  ) {
    this.planner = new Planner(profile);
  }

  /** Node evaluations charged so far. */
  get spentWork(): number {
    return this.spent;
  }

  /** Node evaluations left before the budget stops the analysis: searches stop early rather than be stopped. */
  get remainingWork(): number {
    return this.bounds.maxWork - this.spent;
  }

  /** Charges `pods` × the cluster's nodes; throws once the total passes the budget. */
  charge(pods: number, cluster: ClusterState): void {
    this.spent += pods * Math.max(1, cluster.nodes.length);
    if (this.spent > this.bounds.maxWork) throw new AnalysisStopped('work', this.spent);
  }

  plan(cluster: ClusterState, pods: readonly V1Pod[], options: PlanOptions = {}): PlanRun {
    this.charge(pods.length, cluster);
    let stopped = false;
    const run = this.planner.plan(cluster, pods, {
      ...options,
      shouldStop: () => (stopped ||= this.bounds.shouldStop() || (options.shouldStop?.() ?? false)),
    });
    if (stopped) throw new AnalysisStopped('stopped', this.spent);
    return run;
  }
}
