/**
 * What kube-apiserver refuses in the consumable-capacity fields
 * (DRAConsumableCapacity; pkg/apis/resource/validation/validation.go
 * validateDevice, validateMultiAllocatableDeviceCapacity,
 * validateSingleAllocatableDeviceCapacity, validateRequestPolicy and its
 * helpers, validateDeviceConstraint, validateDeviceRequestAllocationResult):
 * a device's allowMultipleAllocations and its capacities' requestPolicy, a
 * request's capacity.requests, a constraint's distinctAttribute, a result's
 * shareID and consumedCapacity. A malformed quantity is refused as the API
 * server's decoding refuses it. Quantities are echoed as given (upstream
 * echoes their canonical form).
 */
import type { FieldError } from '../field-error.js';
import { isJsonObject, type JsonObject } from '../json-object.js';
import { compareQuantities, isQuantity, quantityValue } from '../quantity.js';
import { forbidden, invalid, required, wrongType } from './field-errors.js';

/** resource.CapacityRequestPolicyDiscreteMaxOptions. */
const VALID_VALUES_MAX_SIZE = 10;
const QUANTITY_DETAIL = 'must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** apimachinery validation: a UID is a lower- or upper-case RFC 4122 UUID. */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function quantityAt(value: unknown, path: string): FieldError[] {
  return isQuantity(value) ? [] : [invalid(path, value ?? null, QUANTITY_DETAIL)];
}

/** validateRequestPolicyRangeStep: whole values, as upstream's Value(). */
function offStep(value: string, min: string, step: string, path: string): FieldError[] {
  const stepValue = BigInt(quantityValue(step));
  if (stepValue === 0n) return [];
  return (BigInt(quantityValue(value)) - BigInt(quantityValue(min))) % stepValue !== 0n ? [invalid(path, value, `value is not a multiple of a given step (${step}) from (${min})`)] : [];
}

function validateRange(defaultValue: string, capacity: string, range: JsonObject, path: string): FieldError[] {
  if (range.min === undefined || range.min === null) return [{ path: `${path}.min`, message: 'Required value: required when validRange is defined' }];
  const fields = ['min', 'max', 'step'].flatMap((field) => (range[field] === undefined || range[field] === null ? [] : quantityAt(range[field], `${path}.${field}`)));
  if (fields.length > 0) return fields;
  const { min, max, step } = range as { min: string; max?: string; step?: string };
  const errors: FieldError[] = [];
  if (compareQuantities(min, capacity) > 0) errors.push(invalid(`${path}.min`, min, `min is larger than capacity value: ${capacity}`));
  if (compareQuantities(defaultValue, min) < 0) errors.push(invalid(`${path}.min`, defaultValue, `default is less than min: ${min}`));
  if (max !== undefined) {
    if (compareQuantities(min, max) > 0) errors.push(invalid(`${path}.max`, min, `min is larger than max: ${max}`));
    if (compareQuantities(max, capacity) > 0) errors.push(invalid(`${path}.max`, max, `max is larger than capacity value: ${capacity}`));
    if (compareQuantities(defaultValue, max) > 0) errors.push(invalid(`${path}.max`, defaultValue, `default is more than max: ${max}`));
  }
  if (step !== undefined) {
    const oneStep = BigInt(quantityValue(min)) + BigInt(quantityValue(step));
    if (compareQuantities(String(oneStep), capacity) > 0) errors.push(invalid(`${path}.step`, step, `one step ${oneStep} is larger than capacity value: ${capacity}`));
    errors.push(...offStep(defaultValue, min, step, `${path}.step`));
    if (max !== undefined) errors.push(...offStep(max, min, step, `${path}.step`));
  }
  return errors;
}

function validateValidValues(defaultValue: string, capacity: string, values: unknown[], path: string): FieldError[] {
  const malformed = values.flatMap((value, index) => quantityAt(value, `${path}[${index}]`));
  if (malformed.length > 0) return malformed;
  const options = values as string[];
  const errors: FieldError[] = [];
  for (let index = 0; index + 1 < options.length; index++) {
    if (compareQuantities(options[index], options[index + 1]) > 0) errors.push(invalid(`${path}[${index + 1}]`, options[index + 1], 'values must be sorted in ascending order'));
  }
  // validateSet: over the limit only `Too many`.
  if (options.length > VALID_VALUES_MAX_SIZE) return [...errors, { path, message: `Too many: ${options.length}: must have at most ${VALID_VALUES_MAX_SIZE} items` }];
  options.forEach((option, index) => {
    if (compareQuantities(option, capacity) > 0) errors.push(invalid(`${path}[${index}]`, option, `option is larger than capacity value: ${capacity}`));
    if (options.findIndex((other) => compareQuantities(other, option) === 0) < index) errors.push({ path: `${path}[${index}]`, message: `Duplicate value: "${option}"` });
  });
  if (!options.some((option) => compareQuantities(option, defaultValue) === 0)) errors.push(invalid(path, defaultValue, 'default value is not valid according to the requestPolicy'));
  return errors;
}

/** validateRequestPolicy: one of validValues and validRange, each with a default that fits it. */
function validateRequestPolicy(capacity: string, policy: unknown, path: string): FieldError[] {
  if (!isJsonObject(policy)) return [wrongType(path, 'an object')];
  const values = Array.isArray(policy.validValues) ? policy.validValues : [];
  const range = policy.validRange;
  if (values.length > 0 && range !== undefined && range !== null) return [forbidden(path, 'exactly one policy can be specified, cannot specify "validValues" and "validRange" at the same time')];
  if (policy.default !== undefined && policy.default !== null && !isQuantity(policy.default)) return quantityAt(policy.default, `${path}.default`);
  const defaultValue = policy.default as string | undefined;
  if (values.length > 0) {
    return defaultValue === undefined ? [{ path: `${path}.default`, message: 'Required value: required when validValues is defined' }] : validateValidValues(defaultValue, capacity, values, `${path}.validValues`);
  }
  if (range !== undefined && range !== null) {
    if (!isJsonObject(range)) return [wrongType(`${path}.validRange`, 'an object')];
    return defaultValue === undefined ? [{ path: `${path}.default`, message: 'Required value: required when validRange is defined' }] : validateRange(defaultValue, capacity, range, `${path}.validRange`);
  }
  return [];
}

/**
 * validateDevice: allowMultipleAllocations is a bool; a capacity of a device
 * that allows multiple allocations may carry a requestPolicy, which must be
 * valid; another device's may not.
 */
export function validateDeviceConsumableCapacity(device: JsonObject, path: string): FieldError[] {
  const multiple = device.allowMultipleAllocations;
  if (multiple !== undefined && multiple !== null && typeof multiple !== 'boolean') return [wrongType(`${path}.allowMultipleAllocations`, 'a boolean')];
  if (!isJsonObject(device.capacity)) return [];
  return Object.entries(device.capacity).flatMap(([name, entry]) => {
    if (!isJsonObject(entry) || entry.requestPolicy === undefined || entry.requestPolicy === null || !isQuantity(entry.value)) return [];
    const policyPath = `${path}.capacity[${name}].requestPolicy`;
    return multiple === true ? validateRequestPolicy(String(entry.value), entry.requestPolicy, policyPath) : [forbidden(policyPath, 'allowMultipleAllocations must be true')];
  });
}

/** A request's (or subrequest's) capacity.requests: a map of capacity names to quantities. */
export function validateCapacityRequirements(request: JsonObject, path: string): FieldError[] {
  const capacity = request.capacity;
  if (capacity === undefined || capacity === null) return [];
  if (!isJsonObject(capacity)) return [wrongType(`${path}.capacity`, 'an object')];
  const requests = capacity.requests;
  if (requests === undefined || requests === null) return [];
  if (!isJsonObject(requests)) return [wrongType(`${path}.capacity.requests`, 'a map of capacity names to quantities')];
  return Object.entries(requests).flatMap(([name, value]) => quantityAt(value, `${path}.capacity.requests[${name}]`));
}

/** A result's shareID (validateUID) and consumedCapacity (a map of capacity names to quantities). */
export function validateResultShare(result: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (result.shareID !== undefined && result.shareID !== null && (typeof result.shareID !== 'string' || !UUID.test(result.shareID))) {
    errors.push(invalid(`${path}.shareID`, result.shareID, 'must be a lowercase UUID in 8-4-4-4-12 format'));
  }
  const consumed = result.consumedCapacity;
  if (consumed !== undefined && consumed !== null) {
    if (!isJsonObject(consumed)) errors.push(wrongType(`${path}.consumedCapacity`, 'a map of capacity names to quantities'));
    else errors.push(...Object.entries(consumed).flatMap(([name, value]) => quantityAt(value, `${path}.consumedCapacity[${name}]`)));
  }
  return errors;
}
