import type { z } from 'zod';
import { InvalidInputError } from '../../kube/field-error.js';
import { formatFieldPath } from './field-path.js';

/**
 * Validates request input against a zod schema; every issue becomes a
 * FieldError whose path is relative to `base` (e.g. `limit`, `objects[2]`).
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, base = ''): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(
    result.error.issues.map((issue) => ({ path: formatFieldPath(issue.path, base), message: issue.message })),
  );
}
