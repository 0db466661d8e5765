import type { Request } from 'express';

/** The label of a request no route matched: a bounded label, unlike its path. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template that answered (`/v1/plans/:id`), never the concrete path,
 * so metrics keep one series per route rather than one per id. Express sets
 * `req.route` when a route handles the request; it is read once the response
 * is finished.
 */
export function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path !== 'string') return UNMATCHED_ROUTE;
  // Express 5's optional trailing wildcard (Apollo's `/graphql{/*splat}`) names no part of the API.
  return `${request.baseUrl ?? ''}${route.path}`.replace(/\{\/\*\w+\}$/, '') || '/';
}
