/**
 * Resource amounts in the units the scheduler compares them in: `cpu` in
 * millicores (Quantity.MilliValue), everything else (memory, ephemeral-storage,
 * hugepages-*, pods, extended resources such as nvidia.com/gpu) in whole units
 * (Quantity.Value), as upstream framework.Resource does.
 */
import { quantityMilliValue, quantityValue } from '../../kube/quantity.js';

export type ResourceList = Record<string, number>;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/**
 * Converted quantities by unit and text. A cluster repeats a handful of
 * request strings ("100m", "500Mi") over tens of thousands of pods, and every
 * replica of a plan is parsed again; exact parsing works on BigInts.
 */
const converted = new Map<string, number>();
const CONVERTED_LIMIT = 10_000;

/** Converts one Kubernetes quantity of the named resource to scheduler units. */
export function toSchedulerUnits(resourceName: string, quantity: string | number): number {
  const milli = resourceName === CPU;
  if (typeof quantity !== 'string') return milli ? quantityMilliValue(quantity) : quantityValue(quantity);
  const key = milli ? `m${quantity}` : `v${quantity}`;
  let value = converted.get(key);
  if (value === undefined) {
    value = milli ? quantityMilliValue(quantity) : quantityValue(quantity);
    if (converted.size >= CONVERTED_LIMIT) converted.clear();
    converted.set(key, value);
  }
  return value;
}

/** Converts a Kubernetes `ResourceList` ({cpu: "500m"}) to scheduler units. */
export function parseResourceList(list: Record<string, string | number> | undefined): ResourceList {
  const result: ResourceList = {};
  if (!list) return result;
  for (const [name, quantity] of Object.entries(list)) {
    result[name] = toSchedulerUnits(name, quantity);
  }
  return result;
}

export function addInto(target: ResourceList, source: Readonly<ResourceList>): void {
  for (const name in source) target[name] = (target[name] ?? 0) + source[name];
}

export function subtractFrom(target: ResourceList, source: Readonly<ResourceList>): void {
  for (const name in source) target[name] = (target[name] ?? 0) - source[name];
}

/** Element-wise maximum into `target` (upstream maxResourceList). */
export function maxInto(target: ResourceList, source: Readonly<ResourceList>): void {
  for (const name in source) {
    const current = target[name];
    if (current === undefined || source[name] > current) target[name] = source[name];
  }
}

/** Renders an amount in the resource's natural unit, for explanations. */
export function formatAmount(resourceName: string, amount: number): string {
  return resourceName === CPU ? `${amount}m` : String(amount);
}
