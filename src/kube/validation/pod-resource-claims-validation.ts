/**
 * A pod's `spec.resourceClaims` (core validation validatePodResourceClaims):
 * each entry a unique DNS-label name with exactly one of resourceClaimName
 * and resourceClaimTemplateName.
 */
import type { FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { validateDnsLabel, validateDnsSubdomain } from '../labels.js';
import { invalid, listAt, required, wrongType } from './field-errors.js';

export function validatePodResourceClaims(claims: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  listAt(claims, path, errors).forEach((claim, index) => {
    const claimPath = `${path}[${index}]`;
    if (!isJsonObject(claim)) {
      errors.push(wrongType(claimPath, 'an object'));
      return;
    }
    if (typeof claim.name !== 'string' || claim.name === '') errors.push(required(`${claimPath}.name`));
    else {
      errors.push(...validateDnsLabel(claim.name).map((message) => invalid(`${claimPath}.name`, claim.name, message)));
      if (names.has(claim.name)) errors.push({ path: `${claimPath}.name`, message: `Duplicate value: "${claim.name}"` });
      names.add(claim.name);
    }
    const sources = (['resourceClaimName', 'resourceClaimTemplateName'] as const).filter((field) => claim[field] !== undefined && claim[field] !== null && claim[field] !== '');
    if (sources.length !== 1) {
      errors.push({ path: claimPath, message: `Invalid value: ${sources.length === 0 ? '"no source"' : '"both sources"'}: must specify one of: \`resourceClaimName\`, \`resourceClaimTemplateName\`` });
      return;
    }
    const source = claim[sources[0]];
    if (typeof source !== 'string') errors.push(wrongType(`${claimPath}.${sources[0]}`, 'a string'));
    else errors.push(...validateDnsSubdomain(source).map((message) => invalid(`${claimPath}.${sources[0]}`, source, message)));
  });
  return errors;
}
