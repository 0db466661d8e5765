/**
 * How many rate-limit tokens one HTTP request takes. A REST call takes one; a
 * GraphQL operation may carry many requests' worth of work in one POST
 * (aliases, nested pages), so the query-cost plugin sets its weight before
 * any resolver runs, and AuthGuard takes that many tokens at once.
 */
import type { Request } from 'express';

const tokensByRequest = new WeakMap<Request, number>();

export function chargeRequestTokens(request: Request, tokens: number): void {
  tokensByRequest.set(request, Math.max(1, Math.ceil(tokens)));
}

export function requestTokens(request: Request): number {
  return tokensByRequest.get(request) ?? 1;
}
