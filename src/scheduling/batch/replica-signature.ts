/**
 * What makes two pods the same to every plugin: namespace, labels and spec
 * (without the binding). Replicas of one controller differ only in name, so
 * they share a signature and can be scheduled as one run.
 */
import { podSpecKey, type PodInfo } from '../model/pod-info.js';

const signatures = new WeakMap<PodInfo, string>();

export function replicaSignature(pod: PodInfo): string {
  let signature = signatures.get(pod);
  if (signature === undefined) signatures.set(pod, (signature = computeSignature(pod)));
  return signature;
}

function computeSignature(pod: PodInfo): string {
  // Owners too: default spreading selects through the controller that owns the pod.
  const owners = JSON.stringify(pod.pod.metadata?.ownerReferences ?? []);
  return `${pod.namespace}\u0000${JSON.stringify(pod.labels)}\u0000${owners}\u0000${pod.priority}\u0000${podSpecKey(pod.pod)}`;
}
