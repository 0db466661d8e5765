/**
 * A span per GraphQL resolver Nest runs (`Query.plan`, `Plan.placements`, …):
 * the resolver runs inside it, so the database queries and engine runs it
 * causes nest below it. REST handlers need none: the HTTP span names their route.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Observable } from 'rxjs';
import { podplanTracer, recordFailure } from '../tracing/spans.js';

@Injectable()
export class ResolverSpanInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType<string>() !== 'graphql' || !trace.getSpan(context.active())?.isRecording()) return next.handle();
    const info = GqlExecutionContext.create(execution).getInfo<GraphQLResolveInfo>();
    const span = podplanTracer().startSpan(`graphql.resolve ${info.parentType.name}.${info.fieldName}`, {
      attributes: { 'graphql.field.name': info.fieldName, 'graphql.field.parent_type': info.parentType.name, 'graphql.operation.type': info.operation.operation },
    });
    const active = trace.setSpan(context.active(), span);
    // Subscribing inside the span's context is what runs the resolver there (Nest defers the call to subscription).
    return new Observable((subscriber) =>
      context.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            recordFailure(span, error);
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
