/**
 * GraphQL operations as metrics (`podplan_graphql_operations_total`,
 * `podplan_graphql_operation_duration_seconds`, by operation name, type and
 * outcome), the operation named on the HTTP span, and the request id in
 * every error's `extensions.requestId` (the GraphQL counterpart of a problem
 * document's `instance`).
 */
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Inject } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import type { Counter, Histogram } from 'prom-client';
import { BoundedLabelValues } from '../metrics/bounded-label.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { RequestOutcome } from '../metrics/planning-metrics.js';
import { requestIdOf } from '../../common/http/request-id-of.js';

type Labels = 'operation' | 'type' | 'outcome';

/** Distinct operation names kept as labels; clients choose them, so the set is bounded. */
const MAX_OPERATION_NAMES = 200;
const SERVER_ERROR_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

interface GraphQLContext {
  readonly req?: { id?: unknown };
}

export function operationOutcome(errors: readonly GraphQLError[] | undefined): RequestOutcome {
  if (!errors || errors.length === 0) return 'success';
  return errors.some((error) => SERVER_ERROR_CODES.has(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))) ? 'server_error' : 'client_error';
}

@Plugin()
export class GraphQLTelemetryPlugin implements ApolloServerPlugin<GraphQLContext> {
  private readonly operations: Counter<Labels>;
  private readonly duration: Histogram<Labels>;
  private readonly operationNames = new BoundedLabelValues(MAX_OPERATION_NAMES);

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    this.operations = registry.counter({ name: 'graphql_operations_total', help: 'GraphQL operations answered, by operation name, type and outcome.', labelNames: ['operation', 'type', 'outcome'] });
    this.duration = registry.histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation name, type and outcome.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: DURATION_BUCKETS,
    });
  }

  async requestDidStart(start: GraphQLRequestContext<GraphQLContext>): Promise<GraphQLRequestListener<GraphQLContext>> {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(start.contextValue.req);
    const httpSpan = trace.getSpan(context.active());
    return {
      didResolveOperation: async ({ operationName, operation }) => {
        httpSpan?.setAttributes({ 'graphql.operation.type': operation?.operation ?? 'unknown', ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
      },
      willSendResponse: async ({ response, errors, operation, operationName }) => {
        const labels = {
          operation: operationName ? this.operationNames.of(operationName) : 'anonymous',
          type: operation?.operation ?? 'unknown',
          outcome: operationOutcome(errors),
        };
        this.operations.inc(labels);
        this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        if (requestId === undefined || response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          (error as { extensions?: Record<string, unknown> }).extensions = { ...error.extensions, requestId };
        }
      },
    };
  }
}
