/** The page-size arguments every list shares: `?limit=` in REST query strings, `first` in GraphQL. */
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './cursor.js';

const bounded = (schema: z.ZodNumber) =>
  schema.int('must be an integer').min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE);

/** `?limit=` (a query-string value, coerced). */
export const pageLimit = bounded(z.coerce.number()).meta({ description: `items per page (at most ${MAX_PAGE_SIZE})` });

/** GraphQL `first` (already a number). */
export const pageFirst = bounded(z.number());

/** Validates a GraphQL `first` argument (null or absent: the default page size). */
export const firstArgument = z.object({ first: pageFirst });
