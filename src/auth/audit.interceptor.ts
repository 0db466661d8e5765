/**
 * Records every successful write (a route whose policy names an `audit`
 * action) in the audit log: who (key, team), what (action, object id), when.
 * Recorded after the write commits; if recording fails the write still
 * stands and the failure is logged, rather than reporting a committed write
 * as failed.
 */
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, mergeMap, type Observable } from 'rxjs';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.decorator.js';
import { requestCaller, requestOf } from './request-caller.js';
import { AuditLogRepository } from './persistence/audit-log.repository.js';

function stringId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 200) : null;
}

/**
 * The object written: the `id` of what the write returned (a created plan,
 * not the topology in its URL), else the `id` route parameter or argument
 * (a delete returns nothing).
 */
function objectIdOf(context: ExecutionContext, result: unknown): string | null {
  const returned = stringId((result as { id?: unknown } | null | undefined)?.id);
  if (returned !== null) return returned;
  const given =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getArgs<{ id?: unknown }>().id
      : context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params?.id;
  return stringId(given);
}

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly auditLog: AuditLogRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy || policy.public || policy.audit === undefined) return next.handle();
    const action = policy.audit;
    return next.handle().pipe(mergeMap((result) => from(this.record(context, action, result).then(() => result))));
  }

  private async record(context: ExecutionContext, action: string, result: unknown): Promise<void> {
    const caller = requestCaller(requestOf(context));
    if (!caller) return;
    try {
      await this.auditLog.append({ team: caller.team, keyId: caller.keyId, source: caller.source, action, objectId: objectIdOf(context, result) });
    } catch (error) {
      this.logger.error(`could not record ${action} by ${caller.keyId ?? caller.source}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
