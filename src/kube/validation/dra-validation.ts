/**
 * What kube-apiserver refuses in the DRA objects the allocator reads
 * (pkg/apis/resource/validation/validation.go: ValidateResourceSlice,
 * ValidateDeviceClass, ValidateResourceClaim, ValidateResourceClaimTemplate),
 * checked on the v1 shape after conversion, as the API server validates the
 * internal version: paths say `exactly` for a v1beta1 request too. CEL
 * selectors are compiled (validateSelector): a compile error is
 * `Invalid value: "<expression>": compilation failed: …`, an expression over
 * the cost budget `Forbidden: too complex, exceeds cost limit`.
 */
import { CEL_SELECTOR_EXPRESSION_MAX_LENGTH, compileDeviceSelector } from '../cel/device-selector.js';
import { CEL_SELECTOR_EXPRESSION_MAX_COST } from '../cel/selector-cost.js';
import { Semver } from '../cel/semver.js';
import { convertDraObject } from '../dra-conversion.js';
import { echoedJson } from '../echoed-value.js';
import { isExtendedResourceName } from '../extended-resource-name.js';
import type { FieldError } from '../field-error.js';
import { isJsonObject, type JsonObject } from '../json-object.js';
import { validateDnsLabel, validateDnsSubdomain, validateLabelKey } from '../labels.js';
import { isQuantity } from '../quantity.js';
import { validateNodeSelector } from './affinity-validation.js';
import { validateCsiDriverName } from './csi-driver-name.js';
import { validateCapacityRequirements, validateDeviceConsumableCapacity, validateResultShare } from './dra-consumable-capacity-validation.js';
import { forbidden, integerField, invalid, listAt, NON_NEGATIVE, POSITIVE, required, unsupported, wrongType } from './field-errors.js';

/** resource/v1 limits (types.go). */
const RESOURCE_SLICE_MAX_DEVICES = 128;
/** ResourceSliceMaxAttributesAndCapacitiesPerDevice: attributes and capacities of one device, combined. */
const RESOURCE_SLICE_MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE = 32;
/** DeviceAttributeMaxValueLength: bytes of a string or version attribute value. */
const DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH = 64;
const DEVICE_REQUESTS_MAX_SIZE = 32;
const BINDING_CONDITIONS_MAX_SIZE = 4;
const BINDING_FAILURE_CONDITIONS_MAX_SIZE = 4;
const ALLOCATION_MODES = ['ExactCount', 'All'] as const;

function nameErrors(value: unknown, path: string, check: (value: string) => string[]): FieldError[] {
  if (value === undefined || value === null || value === '') return [required(path)];
  if (typeof value !== 'string') return [wrongType(path, 'a string')];
  return check(value).map((message) => invalid(path, value, message));
}

/** validateSelector: a CEL expression that compiles to bool within the cost budget. */
function validateSelectors(selectors: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  listAt(selectors, path, errors).forEach((selector, index) => {
    const celPath = `${path}[${index}].cel`;
    if (!isJsonObject(selector) || !isJsonObject(selector.cel)) {
      errors.push(required(celPath));
      return;
    }
    const expressionPath = `${celPath}.expression`;
    const expression = selector.cel.expression;
    if (typeof expression !== 'string' || expression === '') {
      errors.push(required(expressionPath));
      return;
    }
    if (expression.length > CEL_SELECTOR_EXPRESSION_MAX_LENGTH) {
      errors.push({ path: expressionPath, message: `Too long: may not be more than ${CEL_SELECTOR_EXPRESSION_MAX_LENGTH} bytes` });
      return;
    }
    const compiled = compileDeviceSelector(expression);
    if (compiled.error !== undefined) errors.push(invalid(expressionPath, expression, compiled.error));
    else if (compiled.maxCost > CEL_SELECTOR_EXPRESSION_MAX_COST) errors.push(forbidden(expressionPath, 'too complex, exceeds cost limit'));
  });
  return errors;
}

function validateAttributes(attributes: unknown, path: string): FieldError[] {
  if (attributes === undefined || attributes === null) return [];
  if (!isJsonObject(attributes)) return [wrongType(path, 'a map of attribute names to values')];
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const attributePath = `${path}[${name}]`;
    const set = isJsonObject(value) ? ['int', 'bool', 'string', 'version'].filter((field) => value[field] !== undefined && value[field] !== null) : [];
    const attribute = isJsonObject(value) ? value : {};
    // validateDeviceAttribute: the version's semver check, then each value's
    // length (validateDeviceAttributeStringValue / ...VersionValue), before
    // the exactly-one check; Go's len() counts UTF-8 bytes.
    if (set.includes('version')) {
      try {
        Semver.parse(String(attribute.version));
      } catch {
        errors.push(invalid(`${attributePath}.version`, attribute.version, 'must be a string compatible with semver.org spec 2.0.0'));
      }
    }
    for (const field of ['string', 'version'] as const) {
      const text = attribute[field];
      if (set.includes(field) && typeof text === 'string' && Buffer.byteLength(text, 'utf8') > DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH) {
        errors.push({ path: `${attributePath}.${field}`, message: `Too long: may not be more than ${DEVICE_ATTRIBUTE_MAX_VALUE_LENGTH} bytes` });
      }
    }
    if (set.length !== 1) {
      errors.push(invalid(attributePath, value, 'exactly one value must be specified'));
      continue;
    }
    if (set[0] === 'int') errors.push(...integerField(attribute.int, `${attributePath}.int`, 'int64'));
  }
  return errors;
}

/** Entries of a map field (len() of a Go map); anything else counts 0 and is refused by its own check. */
function entryCount(map: unknown): number {
  return isJsonObject(map) ? Object.keys(map).length : 0;
}

function validateCapacity(capacity: unknown, path: string): FieldError[] {
  if (capacity === undefined || capacity === null) return [];
  if (!isJsonObject(capacity)) return [wrongType(path, 'a map of capacity names to {value: quantity}')];
  return Object.entries(capacity).flatMap(([name, value]) => {
    const valuePath = `${path}[${name}].value`;
    if (!isJsonObject(value) || value.value === undefined) return [required(valuePath)];
    return isQuantity(value.value) ? [] : [invalid(valuePath, value.value, 'must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$')];
  });
}

/**
 * A list of condition types (validateSlice with ValidateLabelName): over the
 * limit only `Too many` (the size check short-circuits), else each entry a
 * qualified name, each repeat a `Duplicate value`.
 */
function validateConditionTypes(conditions: readonly unknown[], maxSize: number, path: string): FieldError[] {
  if (conditions.length > maxSize) return [{ path, message: `Too many: ${conditions.length}: must have at most ${maxSize} items` }];
  const errors: FieldError[] = [];
  const seen = new Set<unknown>();
  conditions.forEach((condition, index) => {
    const conditionPath = `${path}[${index}]`;
    if (typeof condition !== 'string') errors.push(wrongType(conditionPath, 'a string'));
    else errors.push(...validateLabelKey(condition).map((message) => invalid(conditionPath, condition, message)));
    if (seen.has(condition)) errors.push({ path: conditionPath, message: `Duplicate value: ${echoedJson(condition)}` });
    seen.add(condition);
  });
  return errors;
}

/**
 * KEP-5007 device binding conditions, on a slice's device and on an
 * allocation result alike (validation.go validateDeviceBindingParameters):
 * at most 4 of each, no overlap, and either both lists or neither.
 */
function validateBindingParameters(body: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const conditions = listAt(body.bindingConditions, `${path}.bindingConditions`, errors);
  const failureConditions = listAt(body.bindingFailureConditions, `${path}.bindingFailureConditions`, errors);
  errors.push(
    ...validateConditionTypes(conditions, BINDING_CONDITIONS_MAX_SIZE, `${path}.bindingConditions`),
    ...validateConditionTypes(failureConditions, BINDING_FAILURE_CONDITIONS_MAX_SIZE, `${path}.bindingFailureConditions`),
  );
  failureConditions.forEach((condition, index) => {
    if (conditions.includes(condition)) errors.push(invalid(`${path}.bindingFailureConditions[${index}]`, condition, 'bindingFailureConditions must not overlap with bindingConditions'));
  });
  if (conditions.length === 0 && failureConditions.length > 0) errors.push(invalid(`${path}.bindingConditions`, body.bindingConditions ?? null, 'bindingConditions are required to use bindingFailureConditions'));
  if (failureConditions.length === 0 && conditions.length > 0) errors.push(invalid(`${path}.bindingFailureConditions`, body.bindingFailureConditions ?? null, 'bindingFailureConditions are required to use bindingConditions'));
  return errors;
}

/** Exactly one of nodeName, nodeSelector, allNodes, perDeviceNodeSelection (validateResourceSliceSpec). */
function validateNodeSelection(spec: JsonObject, path: string): FieldError[] {
  const set = ['nodeName', 'nodeSelector', 'allNodes', 'perDeviceNodeSelection'].filter((field) => spec[field] !== undefined && spec[field] !== null && spec[field] !== false && spec[field] !== '');
  if (set.length === 0) return [{ path, message: 'Required value: exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required' }];
  if (set.length > 1) return [invalid(path, `{${set.join(', ')}}`, 'exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required, but multiple fields are set')];
  const errors: FieldError[] = [];
  if (set[0] === 'nodeSelector') errors.push(...validateNodeSelector(spec.nodeSelector, `${path}.nodeSelector`));
  return errors;
}

function validateResourceSlice(slice: JsonObject, path: string): FieldError[] {
  const spec = isJsonObject(slice.spec) ? slice.spec : {};
  const specPath = `${path}.spec`;
  const errors = validateCsiDriverName(spec.driver, `${specPath}.driver`);
  const pool = isJsonObject(spec.pool) ? spec.pool : {};
  errors.push(...nameErrors(pool.name, `${specPath}.pool.name`, (name) => (name.split('/').some((segment) => segment === '') ? ['a valid pool name'] : [])));
  errors.push(...integerField(pool.generation, `${specPath}.pool.generation`, 'int64', NON_NEGATIVE));
  if (pool.resourceSliceCount === undefined || pool.resourceSliceCount === null) errors.push(required(`${specPath}.pool.resourceSliceCount`));
  else errors.push(...integerField(pool.resourceSliceCount, `${specPath}.pool.resourceSliceCount`, 'int64', POSITIVE));
  errors.push(...validateNodeSelection(spec, specPath));
  const devices = listAt(spec.devices, `${specPath}.devices`, errors);
  if (devices.length > RESOURCE_SLICE_MAX_DEVICES) errors.push({ path: `${specPath}.devices`, message: `Too many: ${devices.length}: must have at most ${RESOURCE_SLICE_MAX_DEVICES} items` });
  const seen = new Set<string>();
  devices.forEach((device, index) => {
    const devicePath = `${specPath}.devices[${index}]`;
    const body = isJsonObject(device) ? device : {};
    errors.push(...nameErrors(body.name, `${devicePath}.name`, validateDnsLabel));
    if (typeof body.name === 'string') {
      if (seen.has(body.name)) errors.push({ path: `${devicePath}.name`, message: `Duplicate value: "${body.name}"` });
      seen.add(body.name);
    }
    // validateDevice: one error at the device for too many attributes and
    // capacities combined, reported once however they are split.
    const attributeAndCapacityLength = entryCount(body.attributes) + entryCount(body.capacity);
    if (attributeAndCapacityLength > RESOURCE_SLICE_MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE) {
      errors.push(invalid(devicePath, attributeAndCapacityLength, `the total number of attributes and capacities must not exceed ${RESOURCE_SLICE_MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE}`));
    }
    errors.push(...validateAttributes(body.attributes, `${devicePath}.attributes`), ...validateCapacity(body.capacity, `${devicePath}.capacity`));
    errors.push(...validateDeviceConsumableCapacity(body, devicePath));
    if (spec.perDeviceNodeSelection === true) errors.push(...validateNodeSelection(body, devicePath));
    errors.push(...validateBindingParameters(body, devicePath));
  });
  return errors;
}

function validateAllocationMode(request: JsonObject, path: string): FieldError[] {
  const mode = request.allocationMode ?? 'ExactCount';
  if (!ALLOCATION_MODES.includes(mode as (typeof ALLOCATION_MODES)[number])) return [unsupported(`${path}.allocationMode`, mode, ALLOCATION_MODES)];
  if (mode === 'ExactCount') return integerField(request.count ?? 1, `${path}.count`, 'int64', POSITIVE);
  return request.count !== undefined && request.count !== null && request.count !== 0 ? [invalid(`${path}.count`, request.count, 'must not be specified when allocationMode is All')] : [];
}

function validateClassReference(request: JsonObject, path: string): FieldError[] {
  return [
    ...nameErrors(request.deviceClassName, `${path}.deviceClassName`, validateDnsSubdomain),
    ...validateAllocationMode(request, path),
    ...validateSelectors(request.selectors, `${path}.selectors`),
    ...validateCapacityRequirements(request, path),
  ];
}

/** validateResourceClaimSpec: requests (exactly one of exactly/firstAvailable), unique names, constraints naming requests. */
function validateClaimSpec(spec: unknown, path: string): FieldError[] {
  const devices = isJsonObject(spec) && isJsonObject(spec.devices) ? spec.devices : {};
  const devicesPath = `${path}.devices`;
  const errors: FieldError[] = [];
  const requests = listAt(devices.requests, `${devicesPath}.requests`, errors);
  if (requests.length > DEVICE_REQUESTS_MAX_SIZE) errors.push({ path: `${devicesPath}.requests`, message: `Too many: ${requests.length}: must have at most ${DEVICE_REQUESTS_MAX_SIZE} items` });
  const names = new Set<string>();
  requests.forEach((request, index) => {
    const requestPath = `${devicesPath}.requests[${index}]`;
    const body = isJsonObject(request) ? request : {};
    errors.push(...nameErrors(body.name, `${requestPath}.name`, validateDnsLabel));
    if (typeof body.name === 'string') {
      if (names.has(body.name)) errors.push({ path: `${requestPath}.name`, message: `Duplicate value: "${body.name}"` });
      names.add(body.name);
    }
    const hasExactly = isJsonObject(body.exactly);
    const subRequests = Array.isArray(body.firstAvailable) ? body.firstAvailable : [];
    if (hasExactly === subRequests.length > 0) {
      errors.push(hasExactly ? invalid(requestPath, body.name, 'exactly one of `exactly` or `firstAvailable` is required, but multiple fields are set') : { path: requestPath, message: 'Required value: exactly one of `exactly` or `firstAvailable` is required' });
      return;
    }
    if (hasExactly) {
      errors.push(...validateClassReference(body.exactly as JsonObject, `${requestPath}.exactly`));
      return;
    }
    subRequests.forEach((subRequest, subIndex) => {
      const subPath = `${requestPath}.firstAvailable[${subIndex}]`;
      const sub = isJsonObject(subRequest) ? subRequest : {};
      errors.push(...nameErrors(sub.name, `${subPath}.name`, validateDnsLabel), ...validateClassReference(sub, subPath));
      if (typeof body.name === 'string' && typeof sub.name === 'string') names.add(`${body.name}/${sub.name}`);
    });
  });
  listAt(devices.constraints, `${devicesPath}.constraints`, errors).forEach((constraint, index) => {
    const constraintPath = `${devicesPath}.constraints[${index}]`;
    const body = isJsonObject(constraint) ? constraint : {};
    listAt(body.requests, `${constraintPath}.requests`, errors).forEach((name, nameIndex) => {
      if (typeof name !== 'string' || !names.has(name)) {
        errors.push(invalid(`${constraintPath}.requests[${nameIndex}]`, name, "must be the name of a request in the claim or the name of a request and a subrequest separated by '/'"));
      }
    });
    // validateDeviceConstraint: matchAttribute, else distinctAttribute (DRAConsumableCapacity), else matchAttribute is required.
    const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';
    const field = present(body.matchAttribute) || !present(body.distinctAttribute) ? 'matchAttribute' : 'distinctAttribute';
    const attribute = body[field];
    if (!present(attribute)) errors.push(required(`${constraintPath}.matchAttribute`));
    else if (typeof attribute !== 'string' || !attribute.includes('/')) errors.push(invalid(`${constraintPath}.${field}`, attribute, 'a fully qualified name must be a domain and a name separated by a slash'));
  });
  return errors;
}

/** A claim's allocation results carry the binding conditions copied from their devices (ValidateResourceClaimStatusUpdate). */
function validateClaimStatus(status: unknown, path: string): FieldError[] {
  const allocation = isJsonObject(status) && isJsonObject(status.allocation) ? status.allocation : {};
  const resultsPath = `${path}.allocation.devices.results`;
  const errors: FieldError[] = [];
  const results = listAt(isJsonObject(allocation.devices) ? allocation.devices.results : undefined, resultsPath, errors);
  results.forEach((result, index) => {
    const body = isJsonObject(result) ? result : {};
    errors.push(...validateBindingParameters(body, `${resultsPath}[${index}]`), ...validateResultShare(body, `${resultsPath}[${index}]`));
  });
  return errors;
}
/**
 * validateDeviceClassSpec: selectors, and spec.extendedResourceName
 * (DRAExtendedResource) must be an extended resource name
 * (v1helper.IsExtendedResourceName). An API server without the gate drops
 * the field before validating, so a stored class carries it only where it
 * was checked.
 */
function validateDeviceClassSpec(spec: JsonObject, path: string): FieldError[] {
  const errors = validateSelectors(spec.selectors, `${path}.selectors`);
  const name = spec.extendedResourceName;
  if (name === undefined || name === null) return errors;
  if (typeof name !== 'string') return [...errors, wrongType(`${path}.extendedResourceName`, 'a string')];
  if (!isExtendedResourceName(name)) errors.push(invalid(`${path}.extendedResourceName`, name, 'must be a valid extended resource name'));
  return errors;
}

/** Validation of the DRA kinds (any served version; checked in v1's shape). */
export function validateDraObject(kind: 'ResourceSlice' | 'DeviceClass' | 'ResourceClaim' | 'ResourceClaimTemplate', object: JsonObject, path: string): FieldError[] {
  const converted = convertDraObject(kind, object);
  switch (kind) {
    case 'ResourceSlice':
      return validateResourceSlice(converted, path);
    case 'DeviceClass':
      return validateDeviceClassSpec(isJsonObject(converted.spec) ? converted.spec : {}, `${path}.spec`);
    case 'ResourceClaim':
      return [...validateClaimSpec(converted.spec, `${path}.spec`), ...validateClaimStatus(converted.status, `${path}.status`)];
    case 'ResourceClaimTemplate':
      return validateClaimSpec(isJsonObject(converted.spec) ? converted.spec.spec : undefined, `${path}.spec.spec`);
  }
}
