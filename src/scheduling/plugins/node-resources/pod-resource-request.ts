/**
 * The pod's requests as NodeResourcesFit's PreFilter keeps them
 * (upstream computePodResourceRequest → framework.Resource.SetMaxResource):
 * cpu, memory and ephemeral-storage, plus the scalar resources — extended,
 * hugepages-*, attachable-volumes-* and kubernetes.io/-prefixed names.
 * Other names (pods, storage, …) are dropped, as framework.Resource drops them.
 */
import type { PodInfo } from '../../model/pod-info.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY } from '../../model/resources.js';
import { isExtendedResourceName, isScalarResourceName } from './resource-names.js';

export interface ScalarRequest {
  readonly name: string;
  readonly quantity: number;
}

export interface PodResourceRequest {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  /** Every scalar resource the pod names, zero quantities included, sorted by name. */
  readonly scalars: readonly ScalarRequest[];
  /**
   * The scalars Filter checks: non-zero and not ignored by the plugin's args.
   * Sorted by name — upstream ranges over a Go map (random order); we fix one.
   */
  readonly checkedScalars: readonly ScalarRequest[];
  /**
   * DRAExtendedResource (fit.go withDeviceClass): the checked scalars Filter
   * leaves to DynamicResources on nodes whose device plugin does not serve
   * them — those a DeviceClass maps, or in v1.34, when the pod asks for no
   * extended resource name, every scalar (fitsRequest's nil mapping).
   */
  readonly draBacked?: DraBackedScalars;
}

export interface DraBackedScalars {
  readonly names: ReadonlySet<string> | 'every scalar';
  /** When the node's device plugin serves one (DraExtendedResourceRules.devicePluginServes). */
  readonly devicePluginServes: 'listed' | 'above zero';
}

export interface IgnoredResources {
  readonly names: ReadonlySet<string>;
  /** Resource groups: the part of an extended resource name before '/'. */
  readonly groups: ReadonlySet<string>;
}

/** Upstream only ignores extended resources, by full name or by group (the prefix before '/'). */
function isIgnored(name: string, ignored: IgnoredResources): boolean {
  if (!isExtendedResourceName(name)) return false;
  return ignored.names.has(name) || ignored.groups.has(name.split('/')[0]);
}

export function computePodResourceRequest(pod: PodInfo, ignored: IgnoredResources): PodResourceRequest {
  const requests = pod.requests;
  const scalars: ScalarRequest[] = Object.keys(requests)
    .filter(isScalarResourceName)
    .sort()
    .map((name) => ({ name, quantity: requests[name] }));
  return {
    milliCPU: requests[CPU] ?? 0,
    memory: requests[MEMORY] ?? 0,
    ephemeralStorage: requests[EPHEMERAL_STORAGE] ?? 0,
    scalars,
    checkedScalars: scalars.filter((scalar) => scalar.quantity !== 0 && !isIgnored(scalar.name, ignored)),
  };
}

/** Upstream's short-circuit: a pod that requests nothing only needs a pod slot. */
export function requestsNothing(request: PodResourceRequest): boolean {
  return request.milliCPU === 0 && request.memory === 0 && request.ephemeralStorage === 0 && request.scalars.length === 0;
}
