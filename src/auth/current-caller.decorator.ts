import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller.js';
import { requestCaller, requestOf } from './request-caller.js';

/** The authenticated caller of this request (REST or GraphQL); AuthGuard has resolved it. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = requestCaller(requestOf(context));
  // AuthGuard runs before every handler and field resolver; reaching here without a caller is a wiring bug.
  if (!caller) throw new Error('no authenticated caller on this request: is AuthGuard registered?');
  return caller;
});
