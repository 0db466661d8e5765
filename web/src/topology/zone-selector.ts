/** The well-known zone label (k8s.io/api/core/v1 LabelTopologyZone), which Node.zone reads. */
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * The nodes(zone, labelSelector) arguments for one zone card. Nodes without a
 * zone label cannot be asked for by zone, so that card selects them with
 * `!topology.kubernetes.io/zone`, joined to the person's selector (`,` is AND).
 */
export function nodeQueryFor(zone: string | null, labelSelector: string): { zone: string | undefined; labelSelector: string | undefined } {
  if (zone !== null) return { zone, labelSelector: labelSelector || undefined };
  return { zone: undefined, labelSelector: [labelSelector, `!${ZONE_LABEL}`].filter(Boolean).join(',') };
}
