/**
 * Every error answer is bounded, whatever produced it: a message, a path and
 * the list of field errors each have a ceiling, so no input can make an
 * error larger than a few hundred kilobytes (sources quote values through
 * kube/echoed-value.ts already; this is the net under all of them, including
 * text from libraries podplan does not write, such as graphql-js coercion
 * messages).
 */
import type { FieldError } from '../../kube/field-error.js';
import { echoed } from '../../kube/echoed-value.js';

export const MAX_MESSAGE_CHARACTERS = 2048;
export const MAX_PATH_CHARACTERS = 512;
/** Field errors listed in one answer; the rest are counted in the detail. */
export const MAX_FIELD_ERRORS = 100;

export function boundedMessage(message: string): string {
  return echoed(message, MAX_MESSAGE_CHARACTERS);
}

export interface BoundedFieldErrors {
  readonly errors: FieldError[];
  /** How many were left out (0 when all are listed). */
  readonly omitted: number;
}

export function boundedFieldErrors(errors: readonly FieldError[]): BoundedFieldErrors {
  return {
    errors: errors.slice(0, MAX_FIELD_ERRORS).map((error) => ({ path: echoed(error.path, MAX_PATH_CHARACTERS), message: boundedMessage(error.message) })),
    omitted: Math.max(0, errors.length - MAX_FIELD_ERRORS),
  };
}

/** A detail and its field errors, bounded; the detail says how many errors were left out. */
export function boundedDetail(detail: string, errors: readonly FieldError[]): { detail: string; errors: FieldError[] } {
  const bounded = boundedFieldErrors(errors);
  const note = bounded.omitted > 0 ? ` (the first ${MAX_FIELD_ERRORS} of ${errors.length} errors are listed)` : '';
  return { detail: `${boundedMessage(detail)}${note}`, errors: bounded.errors };
}
