/**
 * Why a node cannot satisfy a pod's claims, for explanations (the
 * structured allocator only says "cannot allocate all claims"): per request
 * (each subrequest of a firstAvailable list), the devices of the pools this
 * node can use, how many of them the device class's and the request's CEL
 * selectors accept, how many of those are free (not allocated to a claim;
 * admin access may use allocated devices), and the first thing that fails —
 * no devices for the node, a selector that matches none of them, too few
 * free, or, when every request alone could be met, the claim's
 * matchAttribute constraints (or the requests together). Counts only: the
 * verdict itself stays the allocator's. Built lazily, when an explanation
 * asks for the node's details.
 */
import type { ResourceV1ResourceClaim, V1Device, V1DeviceClass, V1DeviceSelector } from '@kubernetes/client-node';
import { compileDeviceSelector } from '../../../kube/cel/device-selector.js';
import type { DraCatalog } from '../../model/dra-catalog.js';
import { deviceId } from '../../model/dra-catalog.js';
import type { SelectableNode } from '../node-affinity/node-selector-term.js';
import { gatherPools } from './allocator/pools.js';
import type { AllocatorFeatures } from './allocator/structured-allocator.js';

/** One request's (or subrequest's) devices on the node. */
export interface RequestExplanation {
  readonly claim: string;
  readonly request: string;
  readonly deviceClass: string;
  /** Devices wanted: a number, or `All`. */
  readonly count: number | 'All';
  readonly selectors: readonly string[];
  /** Devices in the pools the node can use. */
  readonly devices: number;
  /** Of those, the ones the class's and the request's selectors accept. */
  readonly matching: number;
  /** Of those, the ones no claim holds (all matching ones with admin access). */
  readonly free: number;
  /** The first thing that fails, in words; absent when this request alone could be met. */
  readonly failure?: string;
}

/** A claim's constraints, when every request alone could be met but the allocation failed. */
export interface ClaimExplanation {
  readonly claim: string;
  readonly requests: readonly RequestExplanation[];
  readonly failure?: string;
}

interface NodeDevice {
  readonly id: string;
  readonly driver: string;
  readonly device: V1Device;
}

function nodeDevices(catalog: DraCatalog, node: SelectableNode, features: AllocatorFeatures): NodeDevice[] {
  const rules = features.poolRules;
  const pools = gatherPools(catalog.resourceSlices, node, {
    partitionableDevices: features.partitionableDevices,
    completenessAcrossNodes: rules?.completenessAcrossNodes ?? true,
    incompletePoolsAllocatable: rules?.incompletePoolsAllocatable ?? false,
  });
  return pools.flatMap((pool) => pool.slices.flatMap((slice) => (slice.spec.devices ?? []).map((device) => ({ id: deviceId(pool.driver, pool.pool, device.name), driver: pool.driver, device }))));
}

/** Whether a selector accepts the device; a runtime error counts as no (the allocator fails on it). */
function accepts(selector: V1DeviceSelector, device: NodeDevice): boolean {
  const expression = selector.cel?.expression;
  if (!expression) return true;
  try {
    return compileDeviceSelector(expression).matches({ driver: device.driver, attributes: device.device.attributes, capacity: device.device.capacity });
  } catch {
    return false;
  }
}

interface RequestShape {
  readonly name: string;
  readonly deviceClassName: string;
  readonly allocationMode: string;
  readonly count: number;
  readonly adminAccess: boolean;
  readonly selectors: readonly V1DeviceSelector[];
}

function shapes(claim: ResourceV1ResourceClaim): RequestShape[] {
  return (claim.spec.devices?.requests ?? []).flatMap((request): RequestShape[] => {
    if (request.firstAvailable && request.firstAvailable.length > 0) {
      return request.firstAvailable.map((sub) => ({
        name: `${request.name}/${sub.name}`,
        deviceClassName: sub.deviceClassName,
        allocationMode: sub.allocationMode ?? 'ExactCount',
        count: Number(sub.count ?? 1),
        adminAccess: false,
        selectors: sub.selectors ?? [],
      }));
    }
    const exactly = request.exactly;
    return [
      {
        name: request.name,
        deviceClassName: exactly?.deviceClassName ?? '',
        allocationMode: exactly?.allocationMode ?? 'ExactCount',
        count: Number(exactly?.count ?? 1),
        adminAccess: exactly?.adminAccess === true,
        selectors: exactly?.selectors ?? [],
      },
    ];
  });
}

function explainRequest(claimName: string, shape: RequestShape, deviceClass: V1DeviceClass | undefined, devices: readonly NodeDevice[], allocated: ReadonlyMap<string, true>): RequestExplanation {
  const all = shape.allocationMode === 'All';
  const base = { claim: claimName, request: shape.name, deviceClass: shape.deviceClassName, count: all ? ('All' as const) : shape.count, selectors: shape.selectors.flatMap((selector) => (selector.cel?.expression ? [selector.cel.expression] : [])) };
  if (devices.length === 0) return { ...base, devices: 0, matching: 0, free: 0, failure: 'no ResourceSlice offers devices to this node' };
  // Class selectors first, then the request's: the first that leaves no device is the one named.
  const steps = [...(deviceClass?.spec.selectors ?? []).map((selector) => ({ selector, owner: `device class ${shape.deviceClassName}` })), ...shape.selectors.map((selector) => ({ selector, owner: `request ${shape.name}` }))];
  let matching = [...devices];
  let failure: string | undefined;
  for (const step of steps) {
    const before = matching.length;
    matching = matching.filter((device) => accepts(step.selector, device));
    if (matching.length === 0) {
      failure = `${step.owner}: selector \`${step.selector.cel?.expression ?? ''}\` matches none of the ${before} device(s) left of the node's ${devices.length}`;
      break;
    }
  }
  const free = shape.adminAccess ? matching.length : matching.filter((device) => !allocated.has(device.id)).length;
  if (failure === undefined) {
    if (all && free < matching.length) failure = `allocation mode All needs every matching device free: ${free} of ${matching.length} free`;
    else if (!all && free < shape.count) failure = `needs ${shape.count}, ${free} of ${matching.length} matching device(s) free`;
  }
  return { ...base, devices: devices.length, matching: matching.length, free, ...(failure !== undefined && { failure }) };
}

export function explainClaims(claims: readonly ResourceV1ResourceClaim[], catalog: DraCatalog, node: SelectableNode, features: AllocatorFeatures): ClaimExplanation[] {
  const devices = nodeDevices(catalog, node, features);
  return claims.map((claim) => {
    const claimName = claim.metadata?.name ?? '';
    const requests = shapes(claim).map((shape) => explainRequest(claimName, shape, catalog.deviceClasses.get(shape.deviceClassName), devices, catalog.allocatedDevices));
    if (requests.some((request) => request.failure !== undefined)) return { claim: claimName, requests };
    const constraints = (claim.spec.devices?.constraints ?? []).filter((constraint) => constraint.matchAttribute);
    const failure =
      constraints.length > 0
        ? `every request alone has enough free devices, but no choice satisfies ${constraints.map((constraint) => `matchAttribute ${constraint.matchAttribute}${constraint.requests?.length ? ` (requests ${constraint.requests.join(', ')})` : ''}`).join(' and ')}`
        : 'every request alone has enough free devices, but not all of the pod\'s requests together';
    return { claim: claimName, requests, failure };
  });
}
