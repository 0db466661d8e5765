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
      const problem = quantityProblem(resource, quantity as string | number);
      if (problem) errors.push(invalid(at, quantity, problem));
    }
  }
  return errors;
}

/**
 * Negative quantities, and well-formed ones the engine cannot hold ("1e200",
 * "-1e308": their exponent alone is out of range), are refused here rather
 * than failing later.
 */
function quantityProblem(resource: string, quantity: string | number): string | undefined {
  try {
    if (quantitySign(quantity) < 0) return 'must be greater than or equal to 0';
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
