import type { NodeUsage } from '../../topologies/domain/node-usage.js';

/**
 * The node usage of the cluster a stored plan with a scenario ran on (its
 * revision with the scenario's edits applied, a `scale` edit's replicas
 * placed), by plan id, for its node list and its placements' placedOn.
 * Preparing it runs the scenario on the engine again, so the recently read
 * plans' are kept. A plan's revision and request never change once stored,
 * so an entry cannot go stale; callers check the plan is live and the
 * caller's (PlansService.getView) before every lookup, and a deleted plan's
 * entry is dropped. Bounded like RevisionUsageCache: a 5,000-node cluster's
 * usage is large. Entries are promises, so concurrent first reads of one plan
 * prepare it once; a failed preparation is not kept.
 */
export class PlanScenarioClusters {
  private readonly entries = new Map<string, Promise<readonly NodeUsage[]>>();

  constructor(private readonly capacity: number) {}

  getOrCompute(planId: string, compute: () => Promise<readonly NodeUsage[]>): Promise<readonly NodeUsage[]> {
    const cached = this.entries.get(planId);
    if (cached) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(planId);
      this.entries.set(planId, cached);
      return cached;
    }
    const computed = compute();
    this.entries.set(planId, computed);
    computed.catch(() => {
      if (this.entries.get(planId) === computed) this.entries.delete(planId);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return computed;
  }

  forget(planId: string): void {
    this.entries.delete(planId);
  }
}
