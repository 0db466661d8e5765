/**
 * A selector's verdict on a device, kept per device object for every later
 * pod and node. A verdict depends only on the expression and the device
 * (its driver, attributes and capacity: compile.go Device), and a catalog
 * never changes a device in place, so upstream evaluating the expression
 * again for every node of every pod would give the same answer each time.
 * A runtime error is kept too, so the same error comes back (the cost-limit
 * error as well: the actual cost depends only on the expression and device).
 */
import type { V1Device } from '@kubernetes/client-node';
import { SelectorRuntimeError, type CompiledSelector, type SelectorDevice } from '../../../../kube/cel/device-selector.js';

const verdicts = new WeakMap<V1Device, Map<string, boolean | SelectorRuntimeError>>();

/** compiled.matches(device's CEL input) for `device` of `driver`, evaluated once per device and selector. */
export function selectorMatchesDevice(compiled: CompiledSelector, device: V1Device, driver: string): boolean {
  let byDevice = verdicts.get(device);
  if (byDevice === undefined) verdicts.set(device, (byDevice = new Map()));
  let verdict = byDevice.get(compiled.expression);
  if (verdict === undefined) {
    const input: SelectorDevice = { driver, allowMultipleAllocations: device.allowMultipleAllocations, attributes: device.attributes, capacity: device.capacity };
    try {
      verdict = compiled.matches(input);
    } catch (error) {
      if (!(error instanceof SelectorRuntimeError)) throw error;
      verdict = error;
    }
    byDevice.set(compiled.expression, verdict);
  }
  if (verdict instanceof SelectorRuntimeError) throw verdict;
  return verdict;
}
