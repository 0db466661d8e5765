/**
 * Pod affinity validation as core validation.go validateAffinity does:
 * node selector terms (operators, Gt/Lt integers, matchFields on
 * metadata.name), preferred weights 1–100, pod (anti-)affinity terms with a
 * required topologyKey, valid selectors, and the matchLabelKeys /
 * mismatchLabelKeys rules of KEP-3633 (validateMatchLabelKeysAndMismatchLabelKeys).
 */
import type { FieldError } from '../field-error.js';
import { arrayOrEmpty, isJsonObject } from '../json-object.js';
import { validateDnsLabel, validateDnsSubdomain, validateLabelKey, validateLabelValue } from '../labels.js';
import { forbidden, invalid, listAt, required, wrongType } from './field-errors.js';
import { validateLabelSelector } from './label-selector-validation.js';

const NODE_FIELD_SELECTOR_OPERATORS = ['In', 'NotIn'] as const;

/** The PodValidationOptions the affinity rules read. */
export interface AffinityValidationOptions {
  /** AllowInvalidLabelValueInRequiredNodeAffinity: required node affinity values are not checked as label values. */
  readonly allowInvalidLabelValueInRequiredNodeAffinity?: boolean;
  /** AllowInvalidLabelValueInSelector: pod (anti-)affinity label selector values are not checked. */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

export function validateAffinity(affinity: unknown, path: string, options: AffinityValidationOptions = {}): FieldError[] {
  if (affinity === undefined || affinity === null) return [];
  if (!isJsonObject(affinity)) return [wrongType(path, 'an object')];
  return [
    ...validateNodeAffinity(affinity.nodeAffinity, `${path}.nodeAffinity`, options),
    ...validatePodAffinity(affinity.podAffinity, `${path}.podAffinity`, options),
    ...validatePodAffinity(affinity.podAntiAffinity, `${path}.podAntiAffinity`, options),
  ];
}

function validateNodeAffinity(nodeAffinity: unknown, path: string, options: AffinityValidationOptions): FieldError[] {
  if (nodeAffinity === undefined || nodeAffinity === null) return [];
  if (!isJsonObject(nodeAffinity)) return [wrongType(path, 'an object')];
  const errors: FieldError[] = [];
  const requiredSelector = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (requiredSelector !== undefined && requiredSelector !== null) {
    errors.push(
      ...validateNodeSelector(requiredSelector, `${path}.requiredDuringSchedulingIgnoredDuringExecution`, !options.allowInvalidLabelValueInRequiredNodeAffinity),
    );
  }
  listAt(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution, `${path}.preferredDuringSchedulingIgnoredDuringExecution`, errors).forEach((preferred, index) => {
    const at = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${index}]`;
    if (!isJsonObject(preferred)) return errors.push(wrongType(at, 'an object'));
    errors.push(...validateWeight(preferred.weight, `${at}.weight`));
    // as ValidatePreferredSchedulingTerms: "we always allow invalid label-value for preferred affinity".
    errors.push(...validateNodeSelectorTerm(preferred.preference, `${at}.preference`, false));
  });
  return errors;
}

/**
 * A NodeSelector (core validation ValidateNodeSelector): at least one term,
 * each well formed. Also a PV's `spec.nodeAffinity.required`.
 * `checkLabelValues`: false where upstream passes AllowInvalidLabelValueInRequiredNodeAffinity.
 */
export function validateNodeSelector(selector: unknown, path: string, checkLabelValues = true): FieldError[] {
  const errors: FieldError[] = [];
  if (!isJsonObject(selector)) errors.push(wrongType(path, 'a node selector'));
  const terms = isJsonObject(selector) ? listAt(selector.nodeSelectorTerms, `${path}.nodeSelectorTerms`, errors) : [];
  if (terms.length === 0) errors.push({ ...required(`${path}.nodeSelectorTerms`), message: 'Required value: must have at least one node selector term' });
  terms.forEach((term, index) => errors.push(...validateNodeSelectorTerm(term, `${path}.nodeSelectorTerms[${index}]`, checkLabelValues)));
  return errors;
}

function validateNodeSelectorTerm(term: unknown, path: string, checkLabelValues: boolean): FieldError[] {
  if (!isJsonObject(term)) return [wrongType(path, 'a node selector term')];
  const errors: FieldError[] = [];
  listAt(term.matchExpressions, `${path}.matchExpressions`, errors).forEach((expression, index) => {
    errors.push(...validateNodeSelectorRequirement(expression, `${path}.matchExpressions[${index}]`, checkLabelValues));
  });
  listAt(term.matchFields, `${path}.matchFields`, errors).forEach((field, index) => {
    errors.push(...validateNodeFieldSelectorRequirement(field, `${path}.matchFields[${index}]`));
  });
  return errors;
}

function validateNodeSelectorRequirement(expression: unknown, path: string, checkLabelValues: boolean): FieldError[] {
  if (!isJsonObject(expression)) return [wrongType(path, 'an object with key, operator and values')];
  const errors: FieldError[] = [];
  const { key, operator } = expression;
  const values = listAt(expression.values, `${path}.values`, errors);
  if (typeof key !== 'string' || key === '') errors.push(required(`${path}.key`));
  else errors.push(...validateLabelKey(key).map((message) => invalid(`${path}.key`, key, message)));
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errors.push({ ...required(`${path}.values`), message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" });
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errors.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errors.push({ ...required(`${path}.values`), message: "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'" });
      // No integer check: the API server admits `Gt: ["abc"]`; the scheduler cannot parse it, so the term matches no node.
      break;
    default:
      errors.push(invalid(`${path}.operator`, operator, 'not a valid selector operator'));
  }
  values.forEach((value, index) => {
    const at = `${path}.values[${index}]`;
    if (typeof value !== 'string') errors.push(wrongType(at, 'a string'));
    else if (checkLabelValues) errors.push(...validateLabelValue(value).map((message) => invalid(at, value, message)));
  });
  return errors;
}

/**
 * ValidateNodeFieldSelectorRequirement: In/NotIn with exactly one value, and
 * the only selectable field, `metadata.name`, whose values must be node
 * names (ValidateNodeName: DNS subdomains).
 */
function validateNodeFieldSelectorRequirement(field: unknown, path: string): FieldError[] {
  if (!isJsonObject(field)) return [wrongType(path, 'an object with key, operator and values')];
  const errors: FieldError[] = [];
  const values = listAt(field.values, `${path}.values`, errors);
  if (!NODE_FIELD_SELECTOR_OPERATORS.includes(field.operator as 'In')) errors.push(invalid(`${path}.operator`, field.operator ?? '', 'not a valid selector operator'));
  else if (values.length !== 1) errors.push({ ...required(`${path}.values`), message: 'Required value: must be only one value when `operator` is \'In\' or \'NotIn\' for node field selector' });
  if (field.key !== 'metadata.name') {
    errors.push(invalid(`${path}.key`, field.key ?? '', 'not a valid field selector key'));
    return errors;
  }
  values.forEach((value, index) => {
    const at = `${path}.values[${index}]`;
    if (typeof value !== 'string') errors.push(wrongType(at, 'a string'));
    else errors.push(...validateDnsSubdomain(value).map((message) => invalid(at, value, message)));
  });
  return errors;
}

function validateWeight(weight: unknown, path: string): FieldError[] {
  return Number.isInteger(weight) && (weight as number) >= 1 && (weight as number) <= 100 ? [] : [invalid(path, weight, 'must be in the range 1-100')];
}

function validatePodAffinity(podAffinity: unknown, path: string, options: AffinityValidationOptions): FieldError[] {
  if (podAffinity === undefined || podAffinity === null) return [];
  if (!isJsonObject(podAffinity)) return [wrongType(path, 'an object')];
  const errors: FieldError[] = [];
  listAt(podAffinity.requiredDuringSchedulingIgnoredDuringExecution, `${path}.requiredDuringSchedulingIgnoredDuringExecution`, errors).forEach((term, index) => {
    errors.push(...validatePodAffinityTerm(term, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${index}]`, options));
  });
  listAt(podAffinity.preferredDuringSchedulingIgnoredDuringExecution, `${path}.preferredDuringSchedulingIgnoredDuringExecution`, errors).forEach((weighted, index) => {
    const at = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${index}]`;
    if (!isJsonObject(weighted)) return errors.push(wrongType(at, 'an object'));
    errors.push(...validateWeight(weighted.weight, `${at}.weight`));
    errors.push(...validatePodAffinityTerm(weighted.podAffinityTerm, `${at}.podAffinityTerm`, options));
  });
  return errors;
}

function validatePodAffinityTerm(term: unknown, path: string, options: AffinityValidationOptions): FieldError[] {
  if (!isJsonObject(term)) return [wrongType(path, 'a pod affinity term')];
  const selectorOptions = { allowInvalidLabelValue: options.allowInvalidLabelValueInSelector };
  const errors: FieldError[] = [
    ...validateLabelSelector(term.labelSelector, `${path}.labelSelector`, selectorOptions),
    ...validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`, selectorOptions),
  ];
  listAt(term.namespaces, `${path}.namespaces`, errors).forEach((namespace, index) => {
    const at = `${path}.namespaces[${index}]`;
    if (typeof namespace !== 'string') errors.push(wrongType(at, 'a string'));
    else errors.push(...validateDnsLabel(namespace).map((message) => invalid(at, namespace, message)));
  });
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '') {
    errors.push({ path: `${path}.topologyKey`, message: 'Required value: can not be empty' });
  } else {
    const topologyKey = term.topologyKey;
    errors.push(...validateLabelKey(topologyKey).map((message) => invalid(`${path}.topologyKey`, topologyKey, message)));
  }
  errors.push(...validateMatchLabelKeys(term, path));
  return errors;
}

/**
 * Runs on the term as the API server stores it, i.e. after matchLabelKeys
 * were merged into the labelSelector (see match-label-keys.ts): a key
 * repeated in matchExpressions after appearing in the selector already is
 * one the user also wrote by hand.
 */
function validateMatchLabelKeys(term: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const matchLabelKeys = listAt(term.matchLabelKeys, `${path}.matchLabelKeys`, errors);
  const mismatchLabelKeys = listAt(term.mismatchLabelKeys, `${path}.mismatchLabelKeys`, errors);
  const selector = isJsonObject(term.labelSelector) ? term.labelSelector : undefined;
  for (const [field, keys] of [['matchLabelKeys', matchLabelKeys], ['mismatchLabelKeys', mismatchLabelKeys]] as const) {
    if (keys.length === 0) continue;
    if (selector === undefined) {
      errors.push(forbidden(`${path}.${field}`, 'must not be specified when labelSelector is not set'));
      continue;
    }
    keys.forEach((key, index) => {
      const at = `${path}.${field}[${index}]`;
      if (typeof key !== 'string') errors.push(wrongType(at, 'a string'));
      else errors.push(...validateLabelKey(key).map((message) => invalid(at, key, message)));
    });
  }
  if (selector !== undefined && matchLabelKeys.length > 0) {
    const seen = new Set(Object.keys(isJsonObject(selector.matchLabels) ? selector.matchLabels : {}));
    for (const expression of arrayOrEmpty(selector.matchExpressions)) {
      const key = isJsonObject(expression) ? expression.key : undefined;
      if (typeof key !== 'string') continue;
      const index = matchLabelKeys.indexOf(key);
      if (index !== -1 && seen.has(key)) errors.push(invalid(`${path}.matchLabelKeys[${index}]`, key, 'exists in both matchLabelKeys and labelSelector'));
      seen.add(key);
    }
  }
  const mismatch = new Set(mismatchLabelKeys);
  matchLabelKeys.forEach((key, index) => {
    if (mismatch.has(key)) errors.push(invalid(`${path}.matchLabelKeys[${index}]`, key, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errors;
}
