/**
 * The last step of every GraphQL error, whoever raised it (our resolvers
 * through ProblemExceptionFilter, graphql-js parsing, validation and variable
 * coercion, Apollo itself):
 * - bounded: graphql-js quotes invalid values whole ("Variable "$input" got
 *   invalid value "xxxx…"), so the message, and the field errors in
 *   `extensions.errors`, are cut to bounded-errors.ts's ceilings;
 * - no internals: an error caused by a programming fault (a RangeError such
 *   as "Maximum call stack size exceeded", a TypeError) is answered with one
 *   stable message and logged, never echoed, as ProblemExceptionFilter does
 *   for REST.
 */
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { FieldError } from '../../kube/field-error.js';
import { boundedDetail } from '../errors/bounded-errors.js';
import { INTERNAL_PROBLEM } from '../errors/problem.js';

/** Errors only a bug (or an unguarded resource limit) throws; their text describes podplan, not the request. */
const PROGRAMMING_FAULTS = [RangeError, TypeError, ReferenceError, EvalError, URIError];

/** The first error in the `originalError` / `cause` chain that is a programming fault, if any. */
function programmingFault(error: unknown): Error | undefined {
  let current: unknown = error;
  for (let hops = 0; hops < 8 && current instanceof Error; hops++) {
    if (PROGRAMMING_FAULTS.some((kind) => current instanceof kind)) return current as Error;
    current = current instanceof GraphQLError ? current.originalError : (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isFieldErrorList(value: unknown): value is FieldError[] {
  return Array.isArray(value) && value.every((entry) => typeof entry?.path === 'string' && typeof entry?.message === 'string');
}

export function graphqlErrorFormatter(logger = new Logger('Errors')) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const fault = programmingFault(error);
    if (fault) {
      logger.error(fault.stack ?? fault.message);
      return {
        message: INTERNAL_PROBLEM.detail,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: INTERNAL_PROBLEM.code, status: INTERNAL_PROBLEM.status, errors: [] },
      };
    }
    const fieldErrors = formatted.extensions?.errors;
    const bounded = boundedDetail(formatted.message, isFieldErrorList(fieldErrors) ? fieldErrors : []);
    return {
      ...formatted,
      message: bounded.detail,
      ...(isFieldErrorList(fieldErrors) ? { extensions: { ...formatted.extensions, errors: bounded.errors } } : {}),
    };
  };
}
