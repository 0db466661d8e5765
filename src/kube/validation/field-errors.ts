/**
 * Messages in the API server's vocabulary (apimachinery
 * pkg/util/validation/field/errors.go), so a rejected manifest reads the same
 * here as from `kubectl apply`.
 */
import type { FieldError } from '../field-error.js';
import { integerProblem, type IntegerWidth } from '../integer-ranges.js';
import { echoedJson } from '../echoed-value.js';

export const required = (path: string): FieldError => ({ path, message: 'Required value' });

export const invalid = (path: string, value: unknown, detail: string): FieldError => ({
  path,
  message: `Invalid value: ${echoedJson(value)}: ${detail}`,
});

export const unsupported = (path: string, value: unknown, supported: readonly string[]): FieldError => ({
  path,
  message: `Unsupported value: ${echoedJson(value)}: supported values: ${supported.map((entry) => `"${entry}"`).join(', ')}`,
});

export const forbidden = (path: string, detail: string): FieldError => ({ path, message: `Forbidden: ${detail}` });

export const wrongType = (path: string, expected: string): FieldError => ({ path, message: `must be ${expected}` });

/**
 * An integer field of a Go width (`*int32`, `int64`): absent or null is
 * fine; a float, a non-number or a value the width cannot hold is refused, as
 * the API server's decoding refuses it before validation. Then `atLeast`, when
 * given, is the field's own lower bound (apimachinery ValidateNonnegativeField
 * and friends), with its message.
 */
export function integerField(
  value: unknown,
  path: string,
  width: IntegerWidth,
  atLeast?: { readonly min: number; readonly message: string },
): FieldError[] {
  if (value === undefined || value === null) return [];
  const problem = integerProblem(value, width);
  if (problem !== undefined) return [invalid(path, value, problem)];
  return atLeast !== undefined && (value as number) < atLeast.min ? [invalid(path, value, atLeast.message)] : [];
}

export const NON_NEGATIVE = { min: 0, message: 'must be greater than or equal to 0' } as const;
export const POSITIVE = { min: 1, message: 'must be greater than zero' } as const;

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
