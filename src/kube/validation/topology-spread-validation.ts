/** topologySpreadConstraints as core validation.go validateTopologySpreadConstraints checks them. */
import type { FieldError } from '../field-error.js';
import { arrayOrEmpty, isJsonObject } from '../json-object.js';
import { validateLabelKey } from '../labels.js';
import { forbidden, integerField, invalid, listAt, POSITIVE, required, unsupported, wrongType } from './field-errors.js';
import { validateLabelSelector } from './label-selector-validation.js';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'] as const;
const INCLUSION_POLICIES = ['Honor', 'Ignore'] as const;

/**
 * `allowInvalidLabelSelector`: PodValidationOptions.AllowInvalidTopologySpreadConstraintLabelSelector
 * (selector values not checked as label values: ratcheting for stored pods).
 */
export function validateTopologySpreadConstraints(constraints: unknown, path: string, allowInvalidLabelSelector = false): FieldError[] {
  if (constraints === undefined || constraints === null) return [];
  if (!Array.isArray(constraints)) return [wrongType(path, 'a list')];
  const errors: FieldError[] = [];
  const seenPairs = new Set<string>();
  constraints.forEach((constraint, index) => {
    const at = `${path}[${index}]`;
    if (!isJsonObject(constraint)) return errors.push(wrongType(at, 'an object'));
    const { maxSkew, topologyKey, whenUnsatisfiable, minDomains } = constraint;
    if (maxSkew === undefined || maxSkew === null) errors.push(invalid(`${at}.maxSkew`, maxSkew ?? 0, 'must be greater than zero'));
    else errors.push(...integerField(maxSkew, `${at}.maxSkew`, 'int32', POSITIVE));
    if (typeof topologyKey !== 'string' || topologyKey === '') {
      errors.push({ ...required(`${at}.topologyKey`), message: 'Required value: can not be empty' });
    } else {
      errors.push(...validateLabelKey(topologyKey).map((message) => invalid(`${at}.topologyKey`, topologyKey, message)));
    }
    if (!WHEN_UNSATISFIABLE.includes(whenUnsatisfiable as 'DoNotSchedule')) {
      errors.push(unsupported(`${at}.whenUnsatisfiable`, whenUnsatisfiable, WHEN_UNSATISFIABLE));
    }
    if (minDomains !== undefined && minDomains !== null) {
      const minDomainsErrors = integerField(minDomains, `${at}.minDomains`, 'int32', POSITIVE);
      if (minDomainsErrors.length > 0) errors.push(...minDomainsErrors);
      else if (whenUnsatisfiable !== 'DoNotSchedule') {
        errors.push(invalid(`${at}.minDomains`, minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(whenUnsatisfiable)}`));
      }
    }
    const pair = `${String(topologyKey)}\u0000${String(whenUnsatisfiable)}`;
    if (seenPairs.has(pair)) errors.push({ path: `${at}.{topologyKey, whenUnsatisfiable}`, message: `Duplicate value: "{${String(topologyKey)}, ${String(whenUnsatisfiable)}}"` });
    seenPairs.add(pair);
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const value = constraint[policy];
      if (value !== undefined && value !== null && !INCLUSION_POLICIES.includes(value as 'Honor')) errors.push(unsupported(`${at}.${policy}`, value, INCLUSION_POLICIES));
    }
    errors.push(...validateLabelSelector(constraint.labelSelector, `${at}.labelSelector`, { allowInvalidLabelValue: allowInvalidLabelSelector }));
    const matchLabelKeys = listAt(constraint.matchLabelKeys, `${at}.matchLabelKeys`, errors);
    if (matchLabelKeys.length > 0 && !isJsonObject(constraint.labelSelector)) {
      errors.push(forbidden(`${at}.matchLabelKeys`, 'must not be specified when labelSelector is not set'));
    }
    matchLabelKeys.forEach((key, keyIndex) => {
      const keyPath = `${at}.matchLabelKeys[${keyIndex}]`;
      if (typeof key !== 'string') errors.push(wrongType(keyPath, 'a string'));
      else errors.push(...validateLabelKey(key).map((message) => invalid(keyPath, key, message)));
    });
  });
  return errors;
}
