/**
 * metav1 LabelSelector validation (apimachinery
 * pkg/apis/meta/v1/validation ValidateLabelSelector): matchLabels are labels,
 * matchExpressions have a qualified-name key, a known operator, and values
 * as the operator requires.
 */
import type { FieldError } from '../field-error.js';
import { arrayOrEmpty, isJsonObject } from '../json-object.js';
import { validateLabelKey, validateLabelMap, validateLabelValue } from '../labels.js';
import { invalid, required, wrongType } from './field-errors.js';

/** metav1 LabelSelectorValidationOptions. */
export interface LabelSelectorValidationOptions {
  /** AllowInvalidLabelValueInSelector: values are not checked as label values (ratcheting for objects already stored). */
  readonly allowInvalidLabelValue?: boolean;
}

export function validateLabelSelector(selector: unknown, path: string, options: LabelSelectorValidationOptions = {}): FieldError[] {
  if (selector === undefined || selector === null) return [];
  if (!isJsonObject(selector)) return [wrongType(path, 'a label selector object')];
  const errors = validateLabelMap(selector.matchLabels, `${path}.matchLabels`);
  if (selector.matchExpressions !== undefined && !Array.isArray(selector.matchExpressions)) {
    return [...errors, wrongType(`${path}.matchExpressions`, 'a list')];
  }
  arrayOrEmpty(selector.matchExpressions).forEach((expression, index) => {
    errors.push(...validateSelectorRequirement(expression, `${path}.matchExpressions[${index}]`, options));
  });
  return errors;
}

function validateSelectorRequirement(expression: unknown, path: string, options: LabelSelectorValidationOptions): FieldError[] {
  if (!isJsonObject(expression)) return [wrongType(path, 'an object with key, operator and values')];
  const errors: FieldError[] = [];
  const { key, operator, values } = expression;
  if (typeof key !== 'string' || key === '') errors.push(required(`${path}.key`));
  else errors.push(...validateLabelKey(key).map((message) => invalid(`${path}.key`, key, message)));
  if (values !== undefined && values !== null && !Array.isArray(values)) return [...errors, wrongType(`${path}.values`, 'a list of strings')];
  const valueList = arrayOrEmpty(values);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (valueList.length === 0) errors.push({ ...required(`${path}.values`), message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" });
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (valueList.length > 0) errors.push({ path: `${path}.values`, message: 'Forbidden: may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'' });
      break;
    default:
      errors.push(invalid(`${path}.operator`, operator ?? '', 'not a valid selector operator'));
  }
  valueList.forEach((value, index) => {
    const at = `${path}.values[${index}]`;
    if (typeof value !== 'string') errors.push(wrongType(at, 'a string'));
    else if (!options.allowInvalidLabelValue) errors.push(...validateLabelValue(value).map((message) => invalid(at, value, message)));
  });
  return errors;
}
