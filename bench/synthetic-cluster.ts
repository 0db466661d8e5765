/**
 * scheduler_perf-shaped synthetic clusters: N nodes of 4 CPU / 32Gi / 110
 * pods spread over zones, and existing pods requesting 100m / 500Mi.
 */
import type { V1Deployment, V1Node, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { emptyClusterObjects, type ClusterObjects } from '../src/kube/cluster-objects.js';

export const ZONES = ['zone-a', 'zone-b', 'zone-c'];

export function syntheticNode(index: number, extraLabels: Record<string, string> = {}): V1Node {
  const name = `node-${String(index).padStart(5, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'topology.kubernetes.io/zone': ZONES[index % ZONES.length],
        'topology.kubernetes.io/region': 'region-1',
        'node.kubernetes.io/instance-type': 'm5.xlarge',
        ...extraLabels,
      },
    },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '32Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '32Gi', pods: '110' },
    },
  };
}

export function basicSpec(extra: Partial<V1PodSpec> = {}): V1PodSpec {
  return {
    containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }],
    ...extra,
  };
}

export function existingPod(index: number, nodeName: string, labels: Record<string, string>, spec: Partial<V1PodSpec> = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `existing-${index}`, namespace: 'default', labels },
    spec: { ...basicSpec(spec), nodeName },
    status: { phase: 'Running' },
  };
}

export function deployment(name: string, replicas: number, labels: Record<string, string>, spec: Partial<V1PodSpec> = {}): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: basicSpec(spec) },
    },
  };
}

export interface ClusterShape {
  readonly nodes: number;
  readonly existingPods: number;
  readonly nodeLabels?: (index: number) => Record<string, string>;
  readonly existingPod?: (index: number, nodeName: string) => V1Pod;
  /** Adds further objects (storage) once nodes and pods are made. */
  readonly extraObjects?: (objects: ClusterObjects) => void;
}

export function syntheticCluster(shape: ClusterShape): ClusterObjects {
  const objects = emptyClusterObjects();
  for (let index = 0; index < shape.nodes; index++) objects.nodes.push(syntheticNode(index, shape.nodeLabels?.(index)));
  for (let index = 0; index < shape.existingPods; index++) {
    const nodeName = objects.nodes[index % shape.nodes].metadata!.name!;
    objects.pods.push(shape.existingPod ? shape.existingPod(index, nodeName) : existingPod(index, nodeName, { app: `existing-${index % 50}` }));
  }
  shape.extraObjects?.(objects);
  return objects;
}
