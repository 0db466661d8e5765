/**
 * The FailedScheduling histogram of one cycle (upstream Diagnosis
 * NodeToStatus counted by reason in FitError.Error): each reason, the plugin
 * that first gave it, and how many nodes' first failing status carried it.
 *
 * Rejected nodes mostly repeat the reason of the node before them (one filter
 * rejecting a run of nodes), so a single-reason status whose reason is the
 * previous one is counted without a map lookup (issue 14: the per-node
 * bookkeeping of one-by-one scheduling).
 */
import type { Status } from '../framework/status.js';
import type { Rejection } from './decision.js';

interface Entry {
  readonly plugin: string;
  readonly reason: string;
  nodes: number;
}

function byNodesThenReason(a: Rejection, b: Rejection): number {
  return b.nodes - a.nodes || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0);
}

export class RejectionHistogram {
  private readonly byReason = new Map<string, Entry>();
  private lastReason: string | undefined;
  private lastEntry: Entry | undefined;

  /** Counts `nodes` nodes rejected with `status` (each of its reasons). */
  add(status: Status, nodes: number): void {
    const reasons = status.reasons;
    if (reasons.length === 1) {
      const reason = reasons[0];
      if (reason === this.lastReason) {
        this.lastEntry!.nodes += nodes;
        return;
      }
      this.lastReason = reason;
      this.lastEntry = this.entry(status, reason, nodes);
      return;
    }
    for (const reason of reasons) this.entry(status, reason, nodes);
  }

  /** Most nodes first, then by reason. */
  sorted(): Rejection[] {
    return [...this.byReason.values()].sort(byNodesThenReason);
  }

  /** Reason → nodes, in the order reasons were first seen. */
  reasonCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.byReason.values()) counts.set(entry.reason, entry.nodes);
    return counts;
  }

  /** The reason's entry with `nodes` more. */
  private entry(status: Status, reason: string, nodes: number): Entry {
    const entry = this.byReason.get(reason);
    if (entry) {
      entry.nodes += nodes;
      return entry;
    }
    const created: Entry = { plugin: status.plugin, reason, nodes };
    this.byReason.set(reason, created);
    return created;
  }
}
