/** Tolerations as core validation.go ValidateTolerations checks them. */
import type { FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { validateLabelKey, validateLabelValue } from '../labels.js';
import { integerField, invalid, unsupported, wrongType } from './field-errors.js';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const TOLERATION_OPERATORS = ['Equal', 'Exists'] as const;

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  if (tolerations === undefined || tolerations === null) return [];
  if (!Array.isArray(tolerations)) return [wrongType(path, 'a list')];
  return tolerations.flatMap((toleration, index) => validateToleration(toleration, `${path}[${index}]`));
}

function validateToleration(toleration: unknown, path: string): FieldError[] {
  if (!isJsonObject(toleration)) return [wrongType(path, 'an object')];
  const errors: FieldError[] = [];
  const { key, operator, value, effect, tolerationSeconds } = toleration;
  if (typeof key === 'string' && key !== '') {
    errors.push(...validateLabelKey(key).map((message) => invalid(`${path}.key`, key, message)));
  } else if (operator !== 'Exists') {
    // An empty key means "every taint", which only makes sense with Exists.
    errors.push(invalid(`${path}.operator`, operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  }
  // Toleration.tolerationSeconds is an *int64.
  errors.push(...integerField(tolerationSeconds, `${path}.tolerationSeconds`, 'int64'));
  if (tolerationSeconds !== undefined && tolerationSeconds !== null && effect !== 'NoExecute') {
    errors.push(invalid(`${path}.effect`, effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  }
  switch (operator ?? 'Equal') {
    case 'Equal':
    case '':
      if (value !== undefined && value !== null) {
        if (typeof value !== 'string') errors.push(wrongType(`${path}.value`, 'a string'));
        else errors.push(...validateLabelValue(value).map((message) => invalid(`${path}.value`, value, message)));
      }
      break;
    case 'Exists':
      if (typeof value === 'string' && value !== '') errors.push(invalid(`${path}.operator`, toleration, "value must be empty when `operator` is 'Exists'"));
      break;
    default:
      errors.push(unsupported(`${path}.operator`, operator, TOLERATION_OPERATORS));
  }
  if (effect !== undefined && effect !== null && effect !== '' && !TAINT_EFFECTS.includes(effect as 'NoSchedule')) {
    errors.push(unsupported(`${path}.effect`, effect, TAINT_EFFECTS));
  }
  return errors;
}
