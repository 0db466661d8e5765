/**
 * ResourceList values: every quantity well formed and not negative (core
 * validation ValidateResourceQuantityValue). A quantity also has to fit the
 * engine's unit for its resource (millicores for cpu, whole units — bytes,
 * pods, devices — for the rest) below 2^53: 9 PB of memory, not 9 TB.
 */
import { mapKeyPath, type FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { isQuantity, QuantityError, quantityMilliValue, quantitySign, quantityValue } from '../quantity.js';
import { invalid, wrongType } from './field-errors.js';

export function validateResourceList(list: unknown, path: string): FieldError[] {
  if (list === undefined || list === null) return [];
  if (!isJsonObject(list)) return [wrongType(path, 'a map of resource names to quantities')];
  const errors: FieldError[] = [];
  for (const [resource, quantity] of Object.entries(list)) {
    const at = mapKeyPath(path, resource);
    if (!isQuantity(quantity)) {
      errors.push(invalid(at, quantity, 'must be a quantity such as "500m", "2", "1Gi" or "1e3"'));
    } else {
      if (quantitySign(quantity as string | number) < 0) errors.push(invalid(at, quantity, 'must be greater than or equal to 0'));
      else {
        const problem = unrepresentable(resource, quantity as string | number);
        if (problem) errors.push(invalid(at, quantity, problem));
      }
    }
  }
  return errors;
}

/** Well-formed quantities the engine cannot hold ("1e200") are refused here rather than failing later. */
function unrepresentable(resource: string, quantity: string | number): string | undefined {
  try {
    // The engine's units (scheduling/model/resources.ts toSchedulerUnits).
    if (resource === 'cpu') quantityMilliValue(quantity);
    else quantityValue(quantity);
    return undefined;
  } catch (error) {
    if (!(error instanceof QuantityError)) throw error;
    return resource === 'cpu'
      ? 'must be a quantity podplan can represent (at most 2^53 millicores)'
      : 'must be a quantity podplan can represent (at most 2^53 units)';
  }
}
