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

/** Converts one Kubernetes quantity of the named resource to scheduler units. */
export function toSchedulerUnits(resourceName: string, quantity: string | number): number {
  return resourceName === CPU ? quantityMilliValue(quantity) : quantityValue(quantity);
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
