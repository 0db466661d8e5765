/**
 * DRA's cost (issue 16): every node of the synthetic cluster publishes a
 * ResourceSlice of 8 GPUs (its own pool, as a node-local driver does); four
 * Deployments of a quarter of the replicas each claim 1, 2, 3 and 4 GPUs
 * through ResourceClaimTemplates with a CEL selector, so every replica gets
 * its own claim and the structured allocator runs for it on every node.
 * Each replica differs (its own claim), so the plan schedules them one by
 * one, seeing the devices earlier replicas took.
 */
import type { V1Deployment, V1ResourceSlice } from '@kubernetes/client-node';
import type { ClusterObjects } from '../src/kube/cluster-objects.js';
import { basicSpec, type ClusterShape } from './synthetic-cluster.js';

const DRIVER = 'gpu.nvidia.com';
const DEVICES_PER_NODE = 8;
const CLASS = 'gpu.nvidia.com';

function draObjects(objects: ClusterObjects): void {
  // The wire shape (attribute values under `int` / `string`), as imports hold it; client-node's types name them `_int` / `_string`.
  objects.resourceSlices = objects.nodes.map((node) => ({
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceSlice',
    metadata: { name: `${node.metadata!.name!}-${DRIVER}` },
    spec: {
      driver: DRIVER,
      nodeName: node.metadata!.name!,
      pool: { name: node.metadata!.name!, generation: 1, resourceSliceCount: 1 },
      devices: Array.from({ length: DEVICES_PER_NODE }, (_, index) => ({
        name: `gpu-${index}`,
        attributes: { productName: { string: 'NVIDIA A100-SXM4-80GB' }, index: { int: index } },
        capacity: { memory: { value: '80Gi' } },
      })),
    },
  })) as unknown as V1ResourceSlice[];
  objects.deviceClasses = [{ apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name: CLASS }, spec: { selectors: [{ cel: { expression: `device.driver == "${DRIVER}"` } }] } }];
  objects.resourceClaimTemplates = [1, 2, 3, 4].map((count) => ({
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaimTemplate',
    metadata: { name: `gpus-${count}`, namespace: 'default' },
    spec: {
      spec: {
        devices: {
          requests: [{ name: 'gpus', exactly: { deviceClassName: CLASS, allocationMode: 'ExactCount', count, selectors: [{ cel: { expression: `device.capacity["${DRIVER}"].memory.compareTo(quantity("40Gi")) >= 0` } }] } }],
        },
      },
    },
  }));
}

function trainer(count: number, replicas: number): V1Deployment {
  const name = `train-${count}gpu`;
  const labels = { app: name };
  const spec = basicSpec({ resourceClaims: [{ name: 'gpus', resourceClaimTemplateName: `gpus-${count}` }] });
  spec.containers[0]!.resources = { ...spec.containers[0]!.resources, claims: [{ name: 'gpus' }] };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
  };
}

export interface DraBenchCase {
  readonly name: string;
  readonly cluster: ClusterShape;
  readonly workloads: readonly V1Deployment[];
}

/** `replicas` pods in four Deployments claiming 1–4 GPUs each, on `nodes` nodes with 8 GPUs each. */
export function draBenchCase(nodes: number, existingPods: number, replicas: number): DraBenchCase {
  const quarter = Math.floor(replicas / 4);
  const counts = [quarter, quarter, quarter, replicas - 3 * quarter];
  return {
    name: `dra(${DEVICES_PER_NODE}-gpus/node,1-4/pod)`,
    cluster: { nodes, existingPods, extraObjects: draObjects },
    workloads: counts.map((count, index) => trainer(index + 1, count)),
  };
}
