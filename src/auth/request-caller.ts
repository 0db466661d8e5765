/**
 * The caller of one HTTP request, attached by AuthGuard and read by the
 * `@CurrentCaller()` parameter decorator and the audit interceptor. Held in a
 * WeakMap rather than on the request object, so nothing else can forge it.
 */
import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Caller } from './caller.js';

const callers = new WeakMap<Request, Caller>();

export function setRequestCaller(request: Request, caller: Caller): void {
  callers.set(request, caller);
}

export function requestCaller(request: Request): Caller | undefined {
  return callers.get(request);
}

/** The Express request behind a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): Request {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  }
  return context.switchToHttp().getRequest<Request>();
}
