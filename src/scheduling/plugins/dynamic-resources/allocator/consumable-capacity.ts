/**
 * Consumable capacity (KEP-5075, DRAConsumableCapacity) as upstream's
 * experimental allocator computes it (k8s.io/dynamic-resource-allocation
 * v0.35 structured/internal/experimental/consumable_capacity.go): what a
 * request consumes of each capacity of a device that allows multiple
 * allocations, whether that respects the capacity's requestPolicy, and
 * whether it still fits beside what is already consumed.
 *
 * Quantities are compared and added in billionths (quantityNanos), exactly;
 * the step arithmetic uses whole values (Quantity.Value(), rounded up), as
 * upstream does.
 */
import type { V1CapacityRequirements, V1DeviceCapacity } from '@kubernetes/client-node';
import { compareQuantities, quantityNanos, quantityValue } from '../../../../kube/quantity.js';

/** Consumed amounts by capacity name, in billionths (schedulerapi.ConsumedCapacity). */
export type ConsumedCapacity = ReadonlyMap<string, bigint>;

/** A capacity's requestPolicy as stored: JSON `default` is client-node's `_default`. */
interface RequestPolicy {
  readonly default?: string;
  readonly validRange?: { readonly min?: string; readonly max?: string; readonly step?: string };
  readonly validValues?: readonly string[];
}

function policyOf(capacity: V1DeviceCapacity): RequestPolicy | undefined {
  return capacity.requestPolicy as RequestPolicy | undefined;
}

/** resource.NewQuantity(value, BinarySI).String(): the largest binary suffix that divides the value exactly. */
function binarySI(value: bigint): string {
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let amount = value;
  let exponent = 0;
  while (amount !== 0n && amount % 1024n === 0n && exponent < suffixes.length - 1) {
    amount /= 1024n;
    exponent++;
  }
  return `${amount}${suffixes[exponent]}`;
}

/** roundUpRange: below min → min; with a step, min plus the next whole number of steps (in whole values). */
function roundUpRange(requested: string, range: NonNullable<RequestPolicy['validRange']> & { min: string }): string {
  if (compareQuantities(requested, range.min) < 0) return range.min;
  if (range.step === undefined) return requested;
  const requestedValue = BigInt(quantityValue(requested));
  const step = BigInt(quantityValue(range.step));
  const min = BigInt(quantityValue(range.min));
  const added = requestedValue - min;
  let steps = added / step;
  if (added % step !== 0n) steps += 1n;
  return binarySI(min + step * steps);
}

/** roundUpValidValues: the first valid value not below the request (the list is sorted), else the request. */
function roundUpValidValues(requested: string, validValues: readonly string[]): string {
  return validValues.find((valid) => compareQuantities(requested, valid) <= 0) ?? requested;
}

/**
 * calculateConsumedCapacity: no request → the policy's default, else the
 * whole capacity; a request → rounded up by the policy's range (when it has
 * a min) or valid values, else as requested.
 */
export function consumedQuantity(requested: string | undefined, capacity: V1DeviceCapacity): string {
  const policy = policyOf(capacity);
  if (requested === undefined) return policy?.default ?? capacity.value;
  if (policy === undefined) return requested;
  if (policy.validRange?.min !== undefined) return roundUpRange(requested, { ...policy.validRange, min: policy.validRange.min });
  if (policy.validValues !== undefined) return roundUpValidValues(requested, policy.validValues);
  return requested;
}

/**
 * violatesPolicy: the default is always valid; otherwise above the range's
 * max, off its step (whole values), or none of the valid values. Upstream
 * compares the default with Go's struct equality (same representation);
 * podplan compares values.
 */
function violatesPolicy(consumed: string, policy: RequestPolicy | undefined): boolean {
  if (policy === undefined) return false;
  if (policy.default !== undefined && compareQuantities(consumed, policy.default) === 0) return false;
  if (policy.validRange !== undefined) {
    const range = policy.validRange;
    if (range.max !== undefined && compareQuantities(consumed, range.max) > 0) return true;
    if (range.step !== undefined) {
      const added = BigInt(quantityValue(consumed)) - BigInt(quantityValue(range.min ?? '0'));
      return added % BigInt(quantityValue(range.step)) !== 0n;
    }
    return false;
  }
  if ((policy.validValues?.length ?? 0) > 0) return !(policy.validValues as readonly string[]).some((valid) => compareQuantities(consumed, valid) === 0);
  return false;
}

function requestsOf(requirements: V1CapacityRequirements | undefined): Readonly<Record<string, string>> | undefined {
  return requirements?.requests as Readonly<Record<string, string>> | undefined;
}

/**
 * CmpRequestOverCapacity: whether the request fits the device beside what
 * the cluster (`allocated`) and this search (`allocating`) already consume.
 * Every capacity of the device is consumed (unrequested ones by default or
 * whole), so a dedicated device fits only while nothing else consumes it.
 * A request naming a capacity the device lacks does not fit (upstream's
 * error, which every caller treats as "skip this device").
 */
export function requestFitsCapacity(
  requirements: V1CapacityRequirements | undefined,
  capacities: Readonly<Record<string, V1DeviceCapacity>> | undefined,
  allocated: ConsumedCapacity | undefined,
  allocating: ConsumedCapacity | undefined,
): boolean {
  const requests = requestsOf(requirements);
  const declared = capacities ?? {};
  if (requests !== undefined && Object.keys(requests).some((name) => declared[name] === undefined)) return false;
  for (const [name, capacity] of Object.entries(declared)) {
    const consumed = consumedQuantity(requests?.[name], capacity);
    if (violatesPolicy(consumed, policyOf(capacity))) return false;
    const total = quantityNanos(consumed) + (allocated?.get(name) ?? 0n) + (allocating?.get(name) ?? 0n);
    if (total > quantityNanos(capacity.value)) return false;
  }
  return true;
}

/** GetConsumedCapacityFromRequest: what the request consumes of every capacity of the device, as quantities. */
export function consumedCapacityOf(requirements: V1CapacityRequirements | undefined, capacities: Readonly<Record<string, V1DeviceCapacity>> | undefined): Record<string, string> {
  const requests = requestsOf(requirements);
  return Object.fromEntries(Object.entries(capacities ?? {}).map(([name, capacity]) => [name, consumedQuantity(requests?.[name], capacity)]));
}

/** The quantities in billionths, to add to a ConsumedCapacity. */
export function consumedNanos(consumed: Readonly<Record<string, string>>): Map<string, bigint> {
  return new Map(Object.entries(consumed).map(([name, value]) => [name, quantityNanos(value)]));
}

/**
 * ConsumedCapacityCollection Insert and Remove for one device: adds or
 * subtracts amounts; after a removal leaves every amount zero the device
 * has no entry (schedulerapi Remove deletes an Empty entry), which matters:
 * a device with an entry counts as "capacity in use".
 */
export class AllocatingCapacity {
  private readonly byDevice = new Map<string, Map<string, bigint>>();

  get(deviceId: string): ConsumedCapacity | undefined {
    return this.byDevice.get(deviceId);
  }

  has(deviceId: string): boolean {
    return this.byDevice.has(deviceId);
  }

  insert(deviceId: string, amounts: ConsumedCapacity): void {
    let entry = this.byDevice.get(deviceId);
    if (entry === undefined) this.byDevice.set(deviceId, (entry = new Map()));
    for (const [name, amount] of amounts) entry.set(name, (entry.get(name) ?? 0n) + amount);
  }

  remove(deviceId: string, amounts: ConsumedCapacity): void {
    const entry = this.byDevice.get(deviceId);
    if (entry === undefined) return;
    for (const [name, amount] of amounts) {
      const current = entry.get(name);
      if (current !== undefined) entry.set(name, current - amount);
    }
    if ([...entry.values()].every((amount) => amount === 0n)) this.byDevice.delete(deviceId);
  }
}
