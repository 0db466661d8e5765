/** Clusters, workloads and node templates for the analyses suites, small enough to work the answers out by hand. */
import { deployment, threeZones, zoneAntiAffinity, zonedNode } from './plans-fixtures.js';

export { deployment, threeZones, zoneAntiAffinity, zonedNode };

/** A node template as a node group or `addNodes` takes it: no name, the zone comes from where it is added. */
export function nodeTemplate(cpu: string) {
  return {
    metadata: { labels: { 'node.kubernetes.io/instance-type': `c${cpu}` } },
    status: { capacity: { cpu, memory: '16Gi', pods: '110' } },
  };
}

/** The example: 5 replicas that may not share a zone (3 zones hold 3 of them). */
export const webAcrossZones = () => deployment('web', 5, zoneAntiAffinity('web'));

/** 500m / 256Mi replicas without constraints: 8 fit on a 4-CPU node. */
export const batch = (replicas: number) => deployment('batch', replicas);
