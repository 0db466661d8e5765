/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (or a
 * test hands in an exporter): a Node tracer provider with W3C trace-context
 * propagation, spans batched to OTLP/HTTP, and the `pg` instrumentation for
 * database queries. HTTP requests, GraphQL resolvers, plan jobs and engine
 * runs make their own spans (see spans.ts): podplan is an ES module, and
 * OpenTelemetry's http/express instrumentations patch CommonJS `require`,
 * which its imports never go through.
 *
 * Disabled, nothing of the SDK is even imported: start-up pays one `if`.
 * Must run before the database is opened, so `pg` is patched when TypeORM
 * loads it.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ObservabilityConfig } from '../../config/app-config.js';

export interface Tracing {
  /** Flushes spans not yet exported and stops the provider. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Replaces the OTLP exporter (tests: an InMemorySpanExporter); spans are then exported one by one, at once. */
  readonly exporter?: SpanExporter;
}

/** The OTLP/HTTP traces path below a base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT is defined by the specification. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

let running: Tracing | undefined;

/** Flushes and stops the process's tracing, if started (on application shutdown). */
export async function shutdownTracing(): Promise<void> {
  await running?.shutdown();
}

export async function startTracing(config: ObservabilityConfig, options: TracingOptions = {}): Promise<Tracing | undefined> {
  if (!config.otlpEndpoint && !options.exporter) return undefined;
  // One provider per process: OpenTelemetry's global registration happens once.
  if (running) return running;
  const [{ NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, ParentBasedSampler, AlwaysOnSampler }, { resourceFromAttributes }, { registerInstrumentations }, { PgInstrumentation }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/instrumentation'),
      import('@opentelemetry/instrumentation-pg'),
    ]);
  let processor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor(options.exporter);
  } else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(config.otlpEndpoint!), headers: { ...config.otlpHeaders } }));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    // Follows the caller's sampling decision (traceparent); samples every root span otherwise.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [processor],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    // Queries only inside a traced operation: pg-boss polling would otherwise make a root span every few seconds.
    instrumentations: [new PgInstrumentation({ requireParentSpan: true })],
  });
  const tracing: Tracing = {
    async shutdown() {
      running = undefined;
      unregister();
      await provider.shutdown();
      // Lets a later startTracing (another test) register its provider.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  running = tracing;
  return tracing;
}
