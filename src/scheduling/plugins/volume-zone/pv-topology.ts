/**
 * The zone and region constraints a bound PersistentVolume's labels put on
 * nodes, as upstream volumezone/volume_zone.go getPVTopologies.
 */
import type { V1PersistentVolume } from '@kubernetes/client-node';

export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_TOPOLOGY_REGION = 'topology.kubernetes.io/region';
export const LABEL_FAILURE_DOMAIN_BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
export const LABEL_FAILURE_DOMAIN_BETA_REGION = 'failure-domain.beta.kubernetes.io/region';

/** upstream topologyLabels, in its order (beta keys first). */
export const TOPOLOGY_LABELS: readonly string[] = [LABEL_FAILURE_DOMAIN_BETA_ZONE, LABEL_FAILURE_DOMAIN_BETA_REGION, LABEL_TOPOLOGY_ZONE, LABEL_TOPOLOGY_REGION];

/** cloud-provider volume/helpers LabelMultiZoneDelimiter: a multi-zone PV lists its zones joined by `__`. */
const MULTI_ZONE_DELIMITER = '__';

export interface PvTopology {
  readonly pvName: string;
  readonly key: string;
  readonly values: ReadonlySet<string>;
}

/** upstream translateToGALabel: a beta key's GA equivalent, which a node may carry instead. */
export function translateToGaLabel(label: string): string {
  if (label === LABEL_FAILURE_DOMAIN_BETA_REGION) return LABEL_TOPOLOGY_REGION;
  if (label === LABEL_FAILURE_DOMAIN_BETA_ZONE) return LABEL_TOPOLOGY_ZONE;
  return label;
}

/**
 * cloud-provider volume/helpers LabelZonesToSet: `a__b` is {a, b}, each
 * trimmed; undefined when an entry is empty (upstream then ignores the label).
 */
export function labelZonesToSet(value: string): Set<string> | undefined {
  const zones = new Set<string>();
  for (const zone of value.split(MULTI_ZONE_DELIMITER)) {
    const trimmed = zone.trim();
    if (trimmed === '') return undefined;
    zones.add(trimmed);
  }
  return zones;
}

/** Upstream reads labels only: spec.nodeAffinity is VolumeBinding's business. */
export function pvTopologies(volume: V1PersistentVolume): PvTopology[] {
  const labels = volume.metadata?.labels ?? {};
  const topologies: PvTopology[] = [];
  for (const key of TOPOLOGY_LABELS) {
    const value = labels[key];
    if (value === undefined) continue;
    const values = labelZonesToSet(value);
    if (values !== undefined) topologies.push({ pvName: volume.metadata?.name ?? '', key, values });
  }
  return topologies;
}
