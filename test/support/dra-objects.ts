/** DRA objects for tests (resource.k8s.io/v1 unless a version is given): a GPU-style driver. */
type Json = Record<string, any>;

export const GPU_DRIVER = 'gpu.example.com';

export interface SliceOptions {
  node?: string;
  allNodes?: boolean;
  pool?: string;
  generation?: number;
  resourceSliceCount?: number;
  name?: string;
  /** Devices `gpu-0` … `gpu-(n-1)` with a `model` attribute and `memory` capacity. */
  devices?: number | Json[];
  model?: string;
}

export function gpuDevices(count: number, model = 'a100', memory = '80Gi'): Json[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `gpu-${index}`,
    attributes: { model: { string: model }, index: { int: index }, driverVersion: { version: '1.2.3' } },
    capacity: { memory: { value: memory } },
  }));
}

export function resourceSlice(options: SliceOptions = {}): Json {
  const pool = options.pool ?? options.node ?? 'shared';
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceSlice',
    metadata: { name: options.name ?? `${pool}-${GPU_DRIVER}` },
    spec: {
      driver: GPU_DRIVER,
      pool: { name: pool, generation: options.generation ?? 1, resourceSliceCount: options.resourceSliceCount ?? 1 },
      ...(options.allNodes ? { allNodes: true } : { nodeName: options.node }),
      devices: Array.isArray(options.devices) ? options.devices : gpuDevices(options.devices ?? 2, options.model),
    },
  };
}

export function deviceClass(name = 'gpu', selectors: string[] = [`device.driver == "${GPU_DRIVER}"`]): Json {
  return { apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name }, spec: { selectors: selectors.map((expression) => ({ cel: { expression } })) } };
}

export interface RequestOptions {
  name?: string;
  deviceClassName?: string;
  count?: number;
  allocationMode?: 'ExactCount' | 'All';
  selectors?: string[];
  adminAccess?: boolean;
}

export function exactRequest(options: RequestOptions = {}): Json {
  return {
    name: options.name ?? 'gpu',
    exactly: {
      deviceClassName: options.deviceClassName ?? 'gpu',
      ...(options.allocationMode && { allocationMode: options.allocationMode }),
      ...(options.count !== undefined && { count: options.count }),
      ...(options.selectors && { selectors: options.selectors.map((expression) => ({ cel: { expression } })) }),
      ...(options.adminAccess !== undefined && { adminAccess: options.adminAccess }),
    },
  };
}

export function claimSpec(requests: Json[] = [exactRequest()], constraints?: Json[]): Json {
  return { devices: { requests, ...(constraints && { constraints }) } };
}

export function resourceClaim(name: string, spec: Json = claimSpec(), extra: Json = {}): Json {
  return { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaim', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec, ...extra };
}

export function resourceClaimTemplate(name: string, spec: Json = claimSpec()): Json {
  return { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaimTemplate', metadata: { name, namespace: 'default' }, spec: { spec } };
}

/** A claim allocated to `devices` of `node`'s pool, reserved for `reservedFor` pods. */
export function allocatedClaim(name: string, node: string, devices: string[], reservedFor: string[] = []): Json {
  return resourceClaim(name, claimSpec([exactRequest({ count: devices.length })]), {
    status: {
      allocation: {
        devices: { results: devices.map((device) => ({ request: 'gpu', driver: GPU_DRIVER, pool: node, device })) },
        nodeSelector: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
      },
      reservedFor: reservedFor.map((pod) => ({ resource: 'pods', name: pod, uid: `uid-${pod}` })),
    },
  });
}

/** A node for plan-level DRA tests: 32 cpu, 128Gi, 110 pods, its hostname label. */
export function draNode(name: string): Json {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } } };
}

/** A Deployment whose pods take one claim `gpu` from `template` (1 cpu each). */
export function claimDeployment(name: string, replicas: number, template: string): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'main:1', resources: { requests: { cpu: '1' }, claims: [{ name: 'gpu' }] } }], resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: template }] },
      },
    },
  };
}

/** One GPU that allows multiple allocations (DRAConsumableCapacity): 40Gi of memory, taken in steps of 8Gi from 8Gi. */
export function sharedGpuSlice(node: string): Json {
  return resourceSlice({
    node,
    devices: [{ name: 'gpu-0', allowMultipleAllocations: true, capacity: { memory: { value: '40Gi', requestPolicy: { default: '8Gi', validRange: { min: '8Gi', step: '8Gi' } } } } }],
  });
}

/** A claim template asking for `memory` of a GPU (a share of it, with DRAConsumableCapacity). */
export function memoryTemplate(name: string, memory: string): Json {
  return resourceClaimTemplate(name, claimSpec([{ name: 'gpu', exactly: { deviceClassName: 'gpu', capacity: { requests: { memory } } } }]));
}
