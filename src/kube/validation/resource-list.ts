/** ResourceList values: every quantity well formed and not negative (core validation ValidateResourceQuantityValue). */
import { mapKeyPath, type FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { isQuantity, quantityMilliValue, QuantityError } from '../quantity.js';
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
      const milliValue = milliValueOrError(quantity as string | number);
      if (typeof milliValue === 'string') errors.push(invalid(at, quantity, milliValue));
      else if (milliValue < 0) errors.push(invalid(at, quantity, 'must be greater than or equal to 0'));
    }
  }
  return errors;
}

/** Well-formed but unrepresentable quantities ("1e200", 2^53) are refused here rather than failing later. */
function milliValueOrError(quantity: string | number): number | string {
  try {
    return quantityMilliValue(quantity);
  } catch (error) {
    if (error instanceof QuantityError) return 'must be a quantity podplan can represent (at most 2^53 thousandths)';
    throw error;
  }
}
