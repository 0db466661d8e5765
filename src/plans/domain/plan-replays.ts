/**
 * The plan replays one request asks for, run once per plan and charged at
 * their real cost. A stored plan keeps summary explanations; a replica's full
 * per-node table is recomputed by replaying the plan as far as that replica
 * (PlansService.replicaNodes). One GraphQL operation may ask for the tables of
 * many replicas (`placements(first: 100) { nodes { … } }`, aliases of it):
 * - the replicas of one plan asked for in the same turn of the event loop
 *   (sibling fields resolve together) are explained by one replay, as far as
 *   the last of them, and each table is answered from it;
 * - the work of every replay the request runs (replicas replayed × nodes)
 *   counts against one budget, PODPLAN_MAX_PLAN_WORK: a request can cost as
 *   much as one plan, not one plan per alias.
 */
import { LimitExceededError } from '../../common/errors/domain-error.js';
import type { ReplayBudget } from '../../pipeline/request-pipeline.js';
import type { NodeExplanation } from '../../scheduling/planner/decision.js';

export type ReplicaTables = ReadonlyMap<number, readonly NodeExplanation[]>;

/** Replays the plan as far as the last of `ordinals`, with their full tables. */
export type ReplayRunner = (ordinals: ReadonlySet<number>, replays: PlanReplays) => Promise<ReplicaTables>;

interface Batch {
  readonly ordinals: Set<number>;
  readonly tables: Promise<ReplicaTables>;
}

export class PlanReplays implements ReplayBudget {
  /** Tables asked for so far, by plan and ordinal (answered or on their way). */
  private readonly tables = new Map<string, Map<number, Promise<readonly NodeExplanation[]>>>();
  /** Per plan, the batch still collecting ordinals (it starts on the next turn of the event loop). */
  private readonly collecting = new Map<string, Batch>();
  private spent = 0;

  constructor(private readonly maxWork: number) {}

  /** The full table of one replica of a plan, from a replay shared with every other replica asked for meanwhile. */
  explain(planId: string, ordinal: number, run: ReplayRunner): Promise<readonly NodeExplanation[]> {
    const known = this.tables.get(planId)?.get(ordinal);
    if (known) return known;
    let batch = this.collecting.get(planId);
    if (!batch) {
      const ordinals = new Set<number>();
      const tables = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.collecting.delete(planId);
        return run(ordinals, this);
      });
      batch = { ordinals, tables };
      this.collecting.set(planId, batch);
    }
    batch.ordinals.add(ordinal);
    const table = batch.tables.then((tables) => tables.get(ordinal) ?? []);
    if (!this.tables.has(planId)) this.tables.set(planId, new Map());
    this.tables.get(planId)!.set(ordinal, table);
    return table;
  }

  /** Counts a replay's node evaluations before it runs; refuses (422) past PODPLAN_MAX_PLAN_WORK for the request. */
  charge(replicas: number, nodes: number): void {
    const work = replicas * Math.max(1, nodes);
    if (this.spent + work > this.maxWork) {
      throw new LimitExceededError(
        'nodes',
        `the per-replica node tables this request asks for replay ${this.spent + work} node evaluations in all`,
        'PODPLAN_MAX_PLAN_WORK',
        this.maxWork,
      );
    }
    this.spent += work;
  }
}
