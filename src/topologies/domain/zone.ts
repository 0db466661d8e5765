import type { V1Node } from '@kubernetes/client-node';

/** The well-known zone label, and the deprecated beta key older nodes still carry. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const LEGACY_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';

/** The node's zone, or null when it carries neither zone label. */
export function nodeZone(node: V1Node): string | null {
  const labels = node.metadata?.labels ?? {};
  return labels[ZONE_LABEL] ?? labels[LEGACY_ZONE_LABEL] ?? null;
}
