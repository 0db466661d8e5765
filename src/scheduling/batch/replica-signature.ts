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

/**
 * Whether two pods share a signature. Pods of different owners (or
 * namespaces, or priorities) cannot, and most consecutive pods of a plan of
 * small workloads differ so (issue 14): they are told apart without
 * serialising either.
 */
export function sameReplicaSignature(a: PodInfo, b: PodInfo): boolean {
  if (a === b) return true;
  if (a.namespace !== b.namespace || differentPriorities(a, b) || differentOwners(a, b)) return false;
  return replicaSignature(a) === replicaSignature(b);
}

/** As the signature writes priorities (-0 and 0 alike). */
function differentPriorities(a: PodInfo, b: PodInfo): boolean {
  return a.priority !== b.priority && `${a.priority}` !== `${b.priority}`;
}

/** True only where the owners' JSON (part of the signature) must differ: a different count, or a different uid at one position. */
function differentOwners(a: PodInfo, b: PodInfo): boolean {
  const ownersA = a.pod.metadata?.ownerReferences ?? [];
  const ownersB = b.pod.metadata?.ownerReferences ?? [];
  if (ownersA.length !== ownersB.length) return true;
  for (let index = 0; index < ownersA.length; index++) {
    const uidA: unknown = ownersA[index]?.uid;
    const uidB: unknown = ownersB[index]?.uid;
    if (typeof uidA === 'string' && typeof uidB === 'string' && uidA !== uidB) return true;
  }
  return false;
}

