/**
 * The per-reason node counts of a cycle's rejections (schedule-one.ts
 * addRejection), kept as counts that can go down as well as up, so a node
 * whose verdict changed is moved from one reason to another without
 * recounting the other nodes.
 */
import type { Status } from '../framework/status.js';
import type { Rejection } from '../planner/decision.js';

export class RejectionTally {
  private readonly entries = new Map<string, { plugin: string; nodes: number }>();
  /** Bumped by every change, so a merged list can be reused while neither tally moved. */
  version = 0;

  add(status: Status, count: number): void {
    if (count === 0) return;
    this.version++;
    for (const reason of status.reasons) {
      const entry = this.entries.get(reason);
      if (entry) entry.nodes += count;
      else this.entries.set(reason, { plugin: status.plugin, nodes: count });
    }
  }

  /** With another tally's counts, sorted as schedule-one sorts rejections (most nodes first, then reason). */
  sortedWith(other: RejectionTally): Rejection[] {
    const merged = new Map<string, Rejection>();
    for (const tally of [this, other]) {
      for (const [reason, { plugin, nodes }] of tally.entries) {
        if (nodes === 0) continue;
        const known = merged.get(reason);
        merged.set(reason, known ? { ...known, nodes: known.nodes + nodes } : { plugin, reason, nodes });
      }
    }
    return [...merged.values()].sort((a, b) => b.nodes - a.nodes || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }

}
