import type { FieldError } from '../field-error.js';
import { validateDnsSubdomain } from '../labels.js';
import { invalid, required, wrongType } from './field-errors.js';

/**
 * core/validation ValidateCSIDriverName: required, at most 63 characters, a
 * DNS subdomain once lower-cased (so `GPU.Example.com` is a valid name). The
 * API server checks VolumeAttachment attachers with it, and resource.k8s.io
 * reuses it for every DRA driver name (resource/validation validateDriverName:
 * "the allowed values are exactly the same").
 */
export function validateCsiDriverName(name: unknown, path: string): FieldError[] {
  if (name === undefined || name === null || name === '') return [required(path)];
  if (typeof name !== 'string') return [wrongType(path, 'a string')];
  if (name.length > 63) return [{ path, message: `Too long: may not be more than 63 bytes` }];
  return validateDnsSubdomain(name.toLowerCase()).map((message) => invalid(path, name, message));
}
