/**
 * Spans through the OpenTelemetry API only. Without a registered SDK (tracing
 * off, the default) the API's tracer is a no-op: these helpers then cost a
 * function call and allocate nothing worth measuring.
 */
import { SpanKind, SpanStatusCode, context, trace, type Attributes, type Span } from '@opentelemetry/api';

export const TRACER_NAME = 'podplan';

export function podplanTracer() {
  return trace.getTracer(TRACER_NAME);
}

/** Marks the span failed with the error, as OpenTelemetry's semantic conventions say (status ERROR + an exception event). */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `work` in a new active span (child of the current one), ending it when
 * the work settles; a thrown error marks the span failed and is rethrown.
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T> | T, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return podplanTracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** `inSpan` for synchronous work (the engine on the calling thread). */
export function inSpanSync<T>(name: string, attributes: Attributes, work: (span: Span) => T): T {
  return podplanTracer().startActiveSpan(name, { attributes }, (span) => {
    try {
      return work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Whether anything records spans: lets callers skip computing attributes nobody will read. */
export function tracingActive(): boolean {
  return trace.getSpan(context.active())?.isRecording() ?? false;
}
