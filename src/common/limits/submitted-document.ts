/**
 * Checks every parsed JSON body before anything else reads it:
 * - nesting depth: Kubernetes objects nest about 15 levels (a List of
 *   Deployments down to a matchExpressions value); a body nested thousands
 *   deep attacks every recursive walk after parsing (validation, hashing,
 *   storage), so it is refused (PODPLAN_MAX_DOCUMENT_DEPTH);
 * - the NUL character (U+0000): valid JSON, but Postgres text and jsonb
 *   cannot hold it, so it is refused here, at its path, not by the database.
 */
import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { findDocumentFault } from '../../kube/document-faults.js';
import { InvalidInputError } from '../../kube/field-error.js';
import { LimitExceededError } from '../errors/domain-error.js';
import { toGraphQLError } from '../errors/problem-response.js';
import { toProblem } from '../errors/problem.js';
import { findGraphQLDepthFault } from './graphql-document-depth.js';

/** Throws LimitExceededError (422) for a document too deep, InvalidInputError (400) for a NUL character. */
export function assertAcceptableDocument(document: unknown, maxDepth: number, basePath = ''): void {
  const found = findDocumentFault(document, maxDepth, basePath);
  if (found === undefined) return;
  const path = found.path === '' ? '(root)' : found.path;
  if (found.fault === 'too-deep') {
    throw new LimitExceededError(path, `is nested more than ${maxDepth} levels deep`, 'PODPLAN_MAX_DOCUMENT_DEPTH', maxDepth);
  }
  throw new InvalidInputError([{ path, message: 'must not contain the NUL character (U+0000)' }]);
}

/**
 * Throws LimitExceededError (422) when a GraphQL document's literal values (or
 * selection sets) nest `maxDepth` levels or more: the same limit, and the
 * same error, as for variables, so where a value is written does not matter.
 */
export function assertAcceptableGraphQLDocument(query: unknown, maxDepth: number): void {
  if (typeof query !== 'string') return;
  const fault = findGraphQLDepthFault(query, maxDepth);
  if (fault === undefined) return;
  const what = fault.within === 'literal' ? 'a value' : 'a selection set';
  throw new LimitExceededError('query', `${what} at line ${fault.line}, column ${fault.column} is nested more than ${maxDepth} levels deep`, 'PODPLAN_MAX_DOCUMENT_DEPTH', maxDepth);
}

/**
 * Express middleware over every parsed JSON body. At `graphqlPath` it checks
 * the variables (paths relative to them) and the document's literals, and
 * answers as GraphQL does, with an `errors` list carrying `extensions.code`;
 * elsewhere, problem+json.
 */
export function submittedDocumentChecks(maxDepth: number, graphqlPath: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const isGraphQL = request.path === graphqlPath;
    try {
      if (isGraphQL) {
        // A POST carries the operation in its JSON body; a GET (queries only) in the query string, variables as JSON text.
        const body = typeof request.body === 'object' && request.body !== null ? (request.body as { query?: unknown; variables?: unknown }) : {};
        const search = request.query as { query?: unknown; variables?: unknown };
        assertAcceptableGraphQLDocument(body.query ?? search.query, maxDepth);
        assertAcceptableGraphQLDocument(search.variables, maxDepth);
        assertAcceptableDocument(body.variables, maxDepth);
      } else if (typeof request.body === 'object' && request.body !== null) {
        assertAcceptableDocument(request.body, maxDepth);
      }
      next();
    } catch (error) {
      const problem = isGraphQL ? toProblem(error) : undefined;
      if (!problem) return next(error);
      response.status(HttpStatus.BAD_REQUEST).json({ errors: [toGraphQLError(problem).toJSON()] });
    }
  };
}
