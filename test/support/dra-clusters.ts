/**
 * GPU clusters for the DRA analyses suites (engine and end to end), small
 * enough to work the answers out by hand.
 */
import { allocatedClaim, claimSpec, deviceClass, exactRequest, GPU_DRIVER, gpuDevices, resourceClaimTemplate, resourceSlice } from './dra-objects.js';

type Json = Record<string, any>;

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

/** A node of a v1.35 cluster (the default release: DRA on). */
export function gpuNode(name: string, zone: string, cpu = '64'): Json {
  const allocatable = { cpu, memory: '512Gi', pods: '110' };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [HOST]: name, [ZONE]: zone } }, status: { capacity: allocatable, allocatable } };
}

export const A100 = `device.attributes["${GPU_DRIVER}"].model == "a100"`;

/** Each replica claims `gpus` a100 GPUs through the `train-<gpus>` template. */
export function training(name: string, replicas: number, gpus: number): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'trainer', image: 'trainer:1', resources: { requests: { cpu: '1' } } }], resourceClaims: [{ name: 'gpus', resourceClaimTemplateName: `train-${gpus}` }] },
      },
    },
  };
}

export const templates = (): Json[] => [1, 8].map((gpus) => resourceClaimTemplate(`train-${gpus}`, claimSpec([exactRequest({ count: gpus, selectors: [A100] })])));

/**
 * Zone a: gpu-a-1 (8 a100, 2 allocated to an existing claim); zone b:
 * gpu-b-1 and gpu-b-2 (8 a100 each), l4-b-1 (8 l4); cpu-c-1 without devices.
 */
export function gpuCluster(): Json[] {
  return [
    gpuNode('gpu-a-1', 'a'),
    gpuNode('gpu-b-1', 'b'),
    gpuNode('gpu-b-2', 'b'),
    gpuNode('l4-b-1', 'b'),
    gpuNode('cpu-c-1', 'c'),
    ...['gpu-a-1', 'gpu-b-1', 'gpu-b-2'].map((name) => resourceSlice({ node: name, devices: 8 })),
    resourceSlice({ node: 'l4-b-1', devices: 8, model: 'l4' }),
    allocatedClaim('notebook', 'gpu-a-1', ['gpu-0', 'gpu-1'], ['jupyter']),
    deviceClass(),
    ...templates(),
  ];
}

/** The FailedScheduling text when no node has the devices (DynamicResources, then preemption). */
export const NO_DEVICES = (nodes: number) =>
  `0/${nodes} nodes are available: ${nodes} cannot allocate all claims. still not schedulable, preemption: 0/${nodes} nodes are available: ${nodes} Preemption is not helpful for scheduling.`;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A node group whose nodes each publish 8 GPUs of `model`. */
export function gpuGroup(name: string, model: string, options: { zones: string[]; price?: number; maxCount?: number }): Json {
  return {
    name,
    template: { metadata: { labels: { 'node.kubernetes.io/instance-type': name } }, status: { allocatable: { cpu: '64', memory: '512Gi', pods: '110' } } },
    resourceSlices: [{ spec: { driver: GPU_DRIVER, devices: gpuDevices(8, model) } }],
    ...options,
  };
}

