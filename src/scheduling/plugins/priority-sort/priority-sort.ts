/**
 * PrioritySort's Less, as upstream plugins/queuesort/priority_sort.go: the
 * higher priority first; equal priorities by when they entered the queue.
 * podplan places a request's pods in the order the contract gives them (a
 * plan is not a queue), so this orders the one queue it has: pods evicted by
 * preemption, waiting to be placed again (planner/evicted-pod-queue.ts).
 */

/** A queued pod as Less sees it (upstream QueuedPodInfo: the pod's priority and its queue Timestamp). */
export interface QueuedPod {
  readonly priority: number;
  /** When it entered the queue; any monotonic count will do. */
  readonly timestamp: number;
}

export function prioritySortLess(first: QueuedPod, second: QueuedPod): boolean {
  return first.priority > second.priority || (first.priority === second.priority && first.timestamp < second.timestamp);
}
