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
 * Express middleware over every parsed JSON body. At `graphqlPath` it checks
 * the variables (paths relative to them) and answers as GraphQL does, with
 * an `errors` list carrying `extensions.code`; elsewhere, problem+json.
 */
export function submittedDocumentChecks(maxDepth: number, graphqlPath: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const isGraphQL = request.path === graphqlPath;
    try {
      if (typeof request.body === 'object' && request.body !== null) {
        if (isGraphQL) assertAcceptableDocument((request.body as { variables?: unknown }).variables, maxDepth);
        else assertAcceptableDocument(request.body, maxDepth);
      }
      next();
    } catch (error) {
      const problem = isGraphQL ? toProblem(error) : undefined;
      if (!problem) return next(error);
      response.status(HttpStatus.BAD_REQUEST).json({ errors: [toGraphQLError(problem).toJSON()] });
    }
  };
}
