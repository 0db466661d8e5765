/** Clusters and workloads for the plan end-to-end suites, small enough to work out placements by hand. */
import { redisCache, webServer } from '../support/docs-examples.js';

const ZONE = 'topology.kubernetes.io/zone';

export function zonedNode(name: string, zone: string, cpu = '4') {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, [ZONE]: zone, 'node.kubernetes.io/instance-type': 'm5.xlarge' } },
    status: { capacity: { cpu, memory: '16Gi', pods: '110' }, allocatable: { cpu, memory: '16Gi', pods: '110' } },
  };
}

/** 3 zones × 2 nodes, 4 CPU each. */
export function threeZones() {
  return ['a', 'b', 'c'].flatMap((zone) => [zonedNode(`${zone}1`, zone), zonedNode(`${zone}2`, zone)]);
}

export function deployment(name: string, replicas: number, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `${name}:1`, resources: { requests: { cpu: '500m', memory: '256Mi' } } }], ...spec },
      },
    },
  };
}

/**
 * A StatefulSet like `deployment`'s Deployment. Its pods each carry their own
 * pod-name label, so no two are identical and each is scheduled on its own
 * (no replica run): the way to make a plan take its time on purpose.
 */
export function statefulSet(name: string, replicas: number) {
  const base = deployment(name, replicas);
  return { ...base, kind: 'StatefulSet', spec: { ...base.spec, serviceName: name } };
}

export function zoneAntiAffinity(app: string) {
  return {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app } } }],
      },
    },
  };
}

/** The docs' redis-cache and web-server Deployments as one multi-document YAML stream. */
export const REDIS_AND_WEB_YAML = `${redisCache.trim()}\n---\n${webServer(3).trim()}\n`;
