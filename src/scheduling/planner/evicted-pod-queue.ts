/**
 * Pods evicted by preemption, waiting to be placed again, in PrioritySort's
 * order (highest priority first, equal priorities in eviction order). A pod
 * is queued unbound (its nodeName cleared), as the replacement its
 * controller creates would be.
 */
import type { PodInfo } from '../model/pod-info.js';
import { prioritySortLess, type QueuedPod } from '../plugins/priority-sort/priority-sort.js';

/** The same PodInfo without its binding: what is derived from the spec does not depend on nodeName. */
function unbound(pod: PodInfo): PodInfo {
  const spec = { ...pod.pod.spec! };
  delete spec.nodeName;
  return { ...pod, pod: { ...pod.pod, spec } };
}

interface Entry extends QueuedPod {
  readonly pod: PodInfo;
}

export class EvictedPodQueue {
  private readonly entries: Entry[] = [];
  private pushed = 0;

  get size(): number {
    return this.entries.length;
  }

  push(pod: PodInfo): void {
    const entry: Entry = { pod: unbound(pod), priority: pod.priority, timestamp: this.pushed++ };
    let index = this.entries.length;
    while (index > 0 && prioritySortLess(entry, this.entries[index - 1])) index--;
    this.entries.splice(index, 0, entry);
  }

  shift(): PodInfo | undefined {
    return this.entries.shift()?.pod;
  }
}
