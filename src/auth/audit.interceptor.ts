/**
 * Puts every audited route (a policy naming an `audit` action) in an audit
 * scope: who is calling and what the action is. The repositories write the
 * audit row inside the transaction of the change itself (audit-scope.ts), so
 * a committed write is always recorded, and a write that fails or rolls back
 * leaves no record.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable } from 'rxjs';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.decorator.js';
import { runInAuditScope } from './audit-scope.js';
import { requestCaller, requestOf } from './request-caller.js';

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy || policy.public || policy.audit === undefined) return next.handle();
    const caller = requestCaller(requestOf(context));
    if (!caller) return next.handle();
    const scope = { action: policy.audit, caller };
    // The handler runs when the observable is subscribed: subscribing inside the scope runs it, and all it awaits, in the scope.
    return new Observable((subscriber) => runInAuditScope(scope, () => next.handle().subscribe(subscriber)));
  }
}
