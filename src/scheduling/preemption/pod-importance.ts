/**
 * Which of two pods matters more to preemption, as upstream util.MoreImportantPod:
 * higher priority first, then the pod that started earlier (it has run
 * longer). A pod without status.startTime counts as starting "now"
 * (util.GetPodStartTime), i.e. after every recorded start; the engine has no
 * clock, so "now" is +Infinity.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { PodInfo } from '../model/pod-info.js';

/** Milliseconds since the epoch, or +Infinity when the pod has not started. */
export function podStartTime(pod: V1Pod): number {
  const startTime = pod.status?.startTime as Date | string | undefined;
  if (startTime === undefined || startTime === null) return Number.POSITIVE_INFINITY;
  const millis = new Date(startTime).getTime();
  return Number.isNaN(millis) ? Number.POSITIVE_INFINITY : millis;
}

/** Comparator for a sort by descending importance (most important first). */
export function byImportance(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const startA = podStartTime(a.pod);
  const startB = podStartTime(b.pod);
  return startA < startB ? -1 : startA > startB ? 1 : 0;
}
