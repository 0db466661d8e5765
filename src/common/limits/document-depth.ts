/**
 * Nesting depth of submitted documents. Kubernetes objects nest about 15
 * levels (a List of Deployments down to a matchExpressions value); a body
 * nested thousands deep is an attack on every recursive walk after parsing
 * (validation, hashing, storage), so it is refused at the edge, before any.
 */
import type { NextFunction, Request, Response } from 'express';
import { mapKeyPath } from '../../kube/field-error.js';
import { LimitExceededError } from '../errors/domain-error.js';

/** The path of the first value nested deeper than `maxDepth`, or undefined. Iterative: deep input cannot overflow it. */
export function pathBeyondDepth(document: unknown, maxDepth: number, basePath = ''): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: document, depth: 0, path: basePath }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return path;
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, depth: depth + 1, path: `${path}[${index}]` }));
    else for (const [key, item] of Object.entries(value)) stack.push({ value: item, depth: depth + 1, path: path === '' ? key : mapKeyPath(path, key) });
  }
  return undefined;
}

export function assertDocumentDepth(document: unknown, maxDepth: number, basePath = ''): void {
  const path = pathBeyondDepth(document, maxDepth, basePath);
  if (path !== undefined) {
    throw new LimitExceededError(path === '' ? '(root)' : path, `is nested more than ${maxDepth} levels deep`, 'PODPLAN_MAX_DOCUMENT_DEPTH', maxDepth);
  }
}

/** Express middleware checking every parsed JSON body (REST and GraphQL variables alike). */
export function documentDepthLimit(maxDepth: number) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    try {
      if (typeof request.body === 'object' && request.body !== null) assertDocumentDepth(request.body, maxDepth);
      next();
    } catch (error) {
      next(error);
    }
  };
}
