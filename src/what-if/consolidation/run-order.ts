/**
 * The order the consolidation places evicted pods in: drain order, but each
 * pod moved up behind the first earlier pod identical to it (same namespace,
 * labels, owners, priority and spec: batch/replica-signature.ts), so the
 * replicas of one workload come in one stretch. The planner schedules such a
 * stretch as a replica run (its fastest path) instead of one pod at a time;
 * where the pods land is still the scheduler's decision, and the verifying
 * replay uses the same order.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { replicaSignature } from '../../scheduling/batch/replica-signature.js';
import { buildPodInfo } from '../../scheduling/model/pod-info.js';

export function inRunOrder(pods: readonly V1Pod[]): V1Pod[] {
  const groups = new Map<string, V1Pod[]>();
  for (const pod of pods) {
    const signature = replicaSignature(buildPodInfo(pod));
    const group = groups.get(signature);
    if (group) group.push(pod);
    else groups.set(signature, [pod]);
  }
  return [...groups.values()].flat();
}
