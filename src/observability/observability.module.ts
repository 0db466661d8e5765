/**
 * Metrics, logs and traces for the whole process, available everywhere:
 * MetricsRegistry (any module defines its instruments through it),
 * PlanningMetrics, EngineRunTelemetry and ImportMetrics; the pino root
 * logger behind Nest's `Logger` (nestjs-pino); and, for the API, `/metrics`,
 * the per-request telemetry (request id, access log, HTTP metrics and span),
 * GraphQL operation metrics and resolver spans.
 */
import { Global, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig, ProcessRole } from '../config/app-config.js';
import { EngineRunTelemetry } from './engine-run-telemetry.js';
import { GraphQLTelemetryPlugin } from './graphql/graphql-telemetry.plugin.js';
import { ResolverSpanInterceptor } from './graphql/resolver-span.interceptor.js';
import { AccessLog } from './http/access-log.js';
import { RequestTelemetry } from './http/request-telemetry.js';
import { createRootLogger, ROOT_LOGGER } from './logging/root-logger.js';
import { ImportMetrics } from './metrics/import-metrics.js';
import { RefreshMetrics } from './metrics/refresh-metrics.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import { MetricsPort } from './metrics/metrics-port.js';
import { shutdownTracing } from './tracing/tracing.js';
import { PlanningMetrics } from './metrics/planning-metrics.js';
import { AnalysisTelemetryInterceptor } from './analysis-telemetry.interceptor.js';

export interface ObservabilityOptions {
  readonly role: ProcessRole;
  /** The API's HTTP side: /metrics, request telemetry, GraphQL. Off in `podplan worker`. */
  readonly http: boolean;
}

@Global()
@Module({})
export class ObservabilityModule implements OnApplicationShutdown {
  /** Spans still buffered are exported before the process goes (tracing itself is started before the application, see startPodplan). */
  async onApplicationShutdown(): Promise<void> {
    await shutdownTracing();
  }

  static forConfig(config: AppConfig, options: ObservabilityOptions): DynamicModule {
    const root = createRootLogger({ level: config.logLevel, role: options.role, destination: config.logDestination });
    const shared: Provider[] = [
      { provide: ROOT_LOGGER, useValue: root },
      { provide: MetricsRegistry, useFactory: () => new MetricsRegistry() },
      PlanningMetrics,
      EngineRunTelemetry,
      ImportMetrics,
      RefreshMetrics,
      AnalysisTelemetryInterceptor,
      MetricsPort,
    ];
    const http: Provider[] = [AccessLog, RequestTelemetry, GraphQLTelemetryPlugin, { provide: APP_INTERCEPTOR, useClass: ResolverSpanInterceptor }];
    return {
      module: ObservabilityModule,
      // pino-http is mounted by createApp ahead of every other middleware (AccessLog); nestjs-pino binds its request logger to the request's async context.
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true })],
      controllers: options.http ? [MetricsController] : [],
      providers: [...shared, ...(options.http ? http : [])],
      exports: [LoggerModule, ...shared.map((provider) => ('provide' in provider ? provider.provide : provider)), ...(options.http ? [AccessLog, RequestTelemetry] : [])],
    };
  }
}
