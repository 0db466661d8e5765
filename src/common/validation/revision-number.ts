/**
 * A topology revision as requests name it: a positive integer that fits the
 * int4 `revision` columns (and GraphQL's Int), so an out-of-range number is
 * refused at its field instead of failing inside a query.
 */
import { z } from 'zod';
import { INT32_MAX } from '../../kube/integer-ranges.js';

const bounded = (schema: z.ZodNumber) =>
  schema.int('must be an integer').min(1, 'must be at least 1').max(INT32_MAX, `must be at most ${INT32_MAX}`);

/** In a JSON body or a GraphQL argument. */
export const revisionNumber = bounded(z.number());

/** In a query string (coerced from text). */
export const revisionParameter = bounded(z.coerce.number());
