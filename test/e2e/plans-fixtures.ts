/** Clusters and workloads for the plan end-to-end suites, small enough to work out placements by hand. */
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

export function zoneAntiAffinity(app: string) {
  return {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app } } }],
      },
    },
  };
}

export const REDIS_AND_WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-cache
spec:
  selector:
    matchLabels:
      app: store
  replicas: 3
  template:
    metadata:
      labels:
        app: store
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - store
            topologyKey: "kubernetes.io/hostname"
      containers:
      - name: redis-server
        image: redis:3.2-alpine
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-server
spec:
  selector:
    matchLabels:
      app: web-store
  replicas: 3
  template:
    metadata:
      labels:
        app: web-store
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - web-store
            topologyKey: "kubernetes.io/hostname"
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - store
            topologyKey: "kubernetes.io/hostname"
      containers:
      - name: web-app
        image: nginx:1.16-alpine
`;
