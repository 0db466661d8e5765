/**
 * Writes a Problem as an HTTP response: application/problem+json with the
 * request id as its `instance` (the occurrence, findable in the logs), or at
 * the GraphQL endpoint a GraphQL response whose `errors` carry
 * `extensions.code` and `extensions.requestId` — for refusals made before
 * Nest's router or Apollo ran (authentication, body limits, document checks)
 * and for everything ProblemExceptionFilter maps.
 */
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { requestIdOf } from '../http/request-id-of.js';
import { problemType, type Problem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function toGraphQLError(problem: Problem): GraphQLError {
  return new GraphQLError(problem.detail, {
    extensions: {
      code: problem.code,
      status: problem.status,
      errors: problem.errors,
      ...(problem.retryAfterSeconds !== undefined ? { retryAfter: problem.retryAfterSeconds } : {}),
    },
  });
}

/**
 * In the GraphQL shape the status is 200, as for the same refusals raised
 * in resolvers (UNAUTHENTICATED, TOO_MANY_REQUESTS): GraphQL-over-HTTP
 * answers application/json with 200 and puts the outcome in `errors`, and
 * clients (the viewer, dashboards) read `extensions.code` and `extensions.status`.
 */
export function sendProblem(response: Response, problem: Problem, shape: 'problem' | 'graphql' = 'problem'): void {
  if (problem.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(problem.retryAfterSeconds));
  const requestId = requestIdOf(response.req);
  if (shape === 'graphql') {
    const error = toGraphQLError(problem).toJSON();
    response.status(200).json({ errors: [requestId === undefined ? error : { ...error, extensions: { ...error.extensions, requestId } }] });
    return;
  }
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(
    JSON.stringify({
      type: problemType(problem.code),
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      ...(requestId !== undefined ? { instance: requestId } : {}),
      errors: problem.errors,
    }),
  );
}
