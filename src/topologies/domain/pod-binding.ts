import type { V1Pod } from '@kubernetes/client-node';

/**
 * Where a pod stands in a topology, as kube-scheduler's cache sees it:
 * terminated pods (Succeeded/Failed) hold no resources; pods without
 * `spec.nodeName` are pending; bound pods count on their node, unless the
 * node is missing from the dump (then they count nowhere).
 */
export type PodBinding =
  | { kind: 'terminated' }
  | { kind: 'pending' }
  | { kind: 'orphaned'; nodeName: string }
  | { kind: 'bound'; nodeName: string };

export function podBinding(pod: V1Pod, nodeNames: ReadonlySet<string>): PodBinding {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { kind: 'terminated' };
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return { kind: 'pending' };
  return nodeNames.has(nodeName) ? { kind: 'bound', nodeName } : { kind: 'orphaned', nodeName };
}

export function podNamespace(pod: V1Pod): string {
  return pod.metadata?.namespace || 'default';
}
