/**
 * Pods evicted by preemption, waiting to be placed again: highest priority
 * first, equal priorities in eviction order. A pod is queued unbound (its
 * nodeName cleared), as the replacement its controller creates would be.
 */
import { buildPodInfo, type PodInfo } from '../model/pod-info.js';

function unbound(pod: PodInfo): PodInfo {
  const spec = { ...pod.pod.spec! };
  delete spec.nodeName;
  return buildPodInfo({ ...pod.pod, spec });
}

export class EvictedPodQueue {
  private readonly pods: PodInfo[] = [];

  get size(): number {
    return this.pods.length;
  }

  /** Inserts after every queued pod of the same or higher priority. */
  push(pod: PodInfo): void {
    const entry = unbound(pod);
    let index = this.pods.length;
    while (index > 0 && this.pods[index - 1].priority < entry.priority) index--;
    this.pods.splice(index, 0, entry);
  }

  shift(): PodInfo | undefined {
    return this.pods.shift();
  }
}
