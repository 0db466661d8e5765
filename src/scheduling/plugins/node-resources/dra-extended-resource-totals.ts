/**
 * How NodeResourcesFit scores an extended resource backed by DRA (v1.35,
 * kubernetes PR 134058; resource_allocation.go getDRAPreScoredParams,
 * calculateDRAExtendedResourceAllocatableRequest, calculateDRAResourceTotals,
 * deviceMatchesClass): on a node that does not advertise the resource
 * (allocatable 0 or absent), its allocatable is the number of devices on the
 * node that the resource's DeviceClass selects, and its requested the number
 * of those allocated — to a claim of the cluster or of the plan, whole or
 * shared (structured.IsDeviceAllocated) — plus the pod's request.
 *
 * Devices are counted from every ResourceSlice that targets the node (by
 * nodeName, allNodes or nodeSelector; per device with
 * perDeviceNodeSelection), pool completeness, taints and the allocator's
 * other rules aside, as upstream counts them. A class selector that fails at
 * run time makes the whole resource unscored (upstream returns the error,
 * which the caller logs and turns into allocatable 0).
 */
import type { V1DeviceClass } from '@kubernetes/client-node';
import { compileDeviceSelector, SelectorRuntimeError } from '../../../kube/cel/device-selector.js';
import { deviceId, type DraCatalog } from '../../model/dra-catalog.js';
import type { NodeInfo } from '../../model/node-info.js';
import { nodeMatches } from '../dynamic-resources/allocator/pools.js';
import { deviceClassMapping, isDraExtendedResourceName } from '../dynamic-resources/extended-resources.js';

export interface DraResourceTotals {
  /** Devices of the class on the node. */
  readonly capacity: number;
  /** Those allocated. */
  readonly allocated: number;
}

class SelectorFailed extends Error {}

type Verdict = boolean | SelectorFailed;

/**
 * Verdicts per device object and expression, as upstream's deviceMatchCache
 * (a catalog never changes a device in place). Not the allocator's cache:
 * scoring's cel.Device has no allowMultipleAllocations.
 */
const verdicts = new WeakMap<object, Map<string, Verdict>>();

function evaluate(expression: string, device: { attributes?: unknown; capacity?: unknown }, driver: string): Verdict {
  const compiled = compileDeviceSelector(expression);
  if (compiled.error !== undefined) return new SelectorFailed(compiled.error);
  try {
    return compiled.matches({ driver, attributes: device.attributes as never, capacity: device.capacity as never });
  } catch (error) {
    if (error instanceof SelectorRuntimeError) return new SelectorFailed(error.message);
    throw error;
  }
}

/** deviceMatchesClass: every CEL selector of the class holds for the device (cel.Device: driver, attributes, capacity). */
function matchesClass(deviceClass: V1DeviceClass, device: { attributes?: unknown; capacity?: unknown }, driver: string): boolean {
  for (const selector of deviceClass.spec?.selectors ?? []) {
    if (!selector.cel) continue;
    const expression = selector.cel.expression;
    let byDevice = verdicts.get(device);
    if (byDevice === undefined) verdicts.set(device, (byDevice = new Map()));
    let verdict = byDevice.get(expression);
    if (verdict === undefined) byDevice.set(expression, (verdict = evaluate(expression, device, driver)));
    if (verdict instanceof SelectorFailed) throw verdict;
    if (!verdict) return false;
  }
  return true;
}

/** The DRA view PreScore takes once per pod: the classes behind the scored resources, and the catalog's slices and allocations. */
export class DraExtendedResourceTotals {
  private constructor(
    private readonly catalog: DraCatalog,
    /** resource name → its DeviceClass (DeviceClassResolver.GetDeviceClass). */
    private readonly classes: ReadonlyMap<string, V1DeviceClass>,
  ) {}

  /** getDRAPreScoredParams: a view when some scored resource is an extended resource name a DeviceClass backs, else undefined. */
  static forResources(resourceNames: readonly string[], catalog: DraCatalog): DraExtendedResourceTotals | undefined {
    const named = resourceNames.filter(isDraExtendedResourceName);
    if (named.length === 0) return undefined;
    const mapping = deviceClassMapping(catalog.deviceClasses.values());
    const classes = new Map<string, V1DeviceClass>();
    for (const name of named) {
      const deviceClass = catalog.deviceClasses.get(mapping.get(name) ?? '');
      if (deviceClass) classes.set(name, deviceClass);
    }
    return classes.size === 0 ? undefined : new DraExtendedResourceTotals(catalog, classes);
  }

  /** calculateDRAExtendedResourceAllocatableRequest: the node's devices of the resource's class and those allocated; undefined when no class backs it or a selector fails. */
  totals(resource: string, node: NodeInfo): DraResourceTotals | undefined {
    const deviceClass = this.classes.get(resource);
    if (deviceClass === undefined) return undefined;
    let capacity = 0;
    let allocated = 0;
    try {
      for (const slice of this.catalog.resourceSlices) {
        const spec = slice.spec;
        const devices = spec.perDeviceNodeSelection
          ? (spec.devices ?? []).filter((device) => nodeMatches(node, device.nodeName, device.allNodes, device.nodeSelector))
          : nodeMatches(node, spec.nodeName, spec.allNodes, spec.nodeSelector)
            ? (spec.devices ?? [])
            : [];
        for (const device of devices) {
          if (!matchesClass(deviceClass, device, spec.driver)) continue;
          capacity++;
          if (this.catalog.allocatedDevices.has(deviceId(spec.driver, spec.pool.name, device.name))) allocated++;
        }
      }
    } catch (error) {
      if (error instanceof SelectorFailed) return undefined;
      throw error;
    }
    return { capacity, allocated };
  }
}
