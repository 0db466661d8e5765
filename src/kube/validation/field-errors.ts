/**
 * Messages in the API server's vocabulary (apimachinery
 * pkg/util/validation/field/errors.go), so a rejected manifest reads the same
 * here as from `kubectl apply`.
 */
import type { FieldError } from '../field-error.js';

export const required = (path: string): FieldError => ({ path, message: 'Required value' });

export const invalid = (path: string, value: unknown, detail: string): FieldError => ({
  path,
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
});

export const unsupported = (path: string, value: unknown, supported: readonly string[]): FieldError => ({
  path,
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((entry) => `"${entry}"`).join(', ')}`,
});

export const forbidden = (path: string, detail: string): FieldError => ({ path, message: `Forbidden: ${detail}` });

export const wrongType = (path: string, expected: string): FieldError => ({ path, message: `must be ${expected}` });

/**
 * A list field as validation walks it: the list, or [] after recording a
 * wrong-type error when something else stands there (absent or null: []), so
 * a map where a list belongs is refused here instead of failing later.
 */
export function listAt(value: unknown, path: string, errors: FieldError[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  errors.push(wrongType(path, 'a list'));
  return [];
}
