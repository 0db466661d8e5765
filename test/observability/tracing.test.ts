/**
 * Traces through real HTTP into an in-memory exporter: a plan makes one
 * trace of its HTTP server span, the engine run (nodes, replicas, mode) and
 * the database queries below it; a background plan's job and a GraphQL
 * resolver make theirs. Tracing is started the way startPodplan starts it,
 * before the application opens its database.
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_CONFIG, DEFAULT_OBSERVABILITY_CONFIG } from '../../src/config/app-config.js';
import { startTracing, type Tracing } from '../../src/observability/tracing/tracing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from '../e2e/plans-fixtures.js';

const exporter = new InMemorySpanExporter();

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** Every span of the trace below `root` (children, grandchildren, …). */
function descendants(root: ReadableSpan, spans: readonly ReadableSpan[]): ReadableSpan[] {
  const found: ReadableSpan[] = [];
  const frontier = [root.spanContext().spanId];
  while (frontier.length > 0) {
    const id = frontier.pop()!;
    for (const span of spans) {
      if (parentOf(span) === id && span.spanContext().traceId === root.spanContext().traceId) {
        found.push(span);
        frontier.push(span.spanContext().spanId);
      }
    }
  }
  return found;
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OpenTelemetry traces', () => {
  let tracing: Tracing | undefined;
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    tracing = await startTracing(DEFAULT_OBSERVABILITY_CONFIG, { exporter });
    // 6 nodes: one replica plans inline, two as a background job.
    testApp = await startTestApp({ jobs: { ...DEFAULT_JOBS_CONFIG, planAsyncThreshold: 6, jobPollSeconds: 0.5 } });
    const created = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
    await tracing?.shutdown();
  });

  it('is off without an endpoint: nothing starts', async () => {
    expect(await startTracing(DEFAULT_OBSERVABILITY_CONFIG)).toBeUndefined();
  });

  it('makes one trace of a plan: the HTTP span, the engine run with its attributes, and the queries', async () => {
    exporter.reset();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).set('traceparent', traceparent).send({ workloads: [deployment('web', 1)] });
    expect(response.status).toBe(201);
    const http = await waitFor(() => exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.name === 'POST /v1/topologies/:id/plans'), 'HTTP span');
    // The caller's trace continues: same trace id, the caller's span as parent.
    expect(http.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(parentOf(http)).toBe('b7ad6b7169203331');
    expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/v1/topologies/:id/plans', 'http.response.status_code': 201 });
    expect(http.attributes['podplan.request_id']).toBe(response.headers['x-request-id']);
    const below = descendants(http, exporter.getFinishedSpans());
    const engine = below.find((span) => span.name === 'podplan.engine.run');
    expect(engine?.attributes).toMatchObject({ 'podplan.nodes': 6, 'podplan.replicas': 1, 'podplan.mode': 'exhaustive', 'podplan.pods.scheduled': 1, 'podplan.engine.outcome': 'completed' });
    const queries = below.filter((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql');
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.some((span) => /INSERT/i.test(String(span.attributes['db.statement'] ?? span.attributes['db.query.text'] ?? span.name)))).toBe(true);
  });

  it('makes a span for a background plan job, with the engine run under it', async () => {
    exporter.reset();
    const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('api', 2)] });
    expect(response.status).toBe(202);
    const job = await waitFor(
      () => exporter.getFinishedSpans().find((span) => span.name === 'podplan.plan.job' && span.attributes['podplan.plan.id'] === response.body.id),
      'plan job span',
    );
    expect(job.attributes['podplan.plan.outcome']).toBe('succeeded');
    const engine = descendants(job, exporter.getFinishedSpans()).find((span) => span.name === 'podplan.engine.run');
    expect(engine?.attributes).toMatchObject({ 'podplan.nodes': 6, 'podplan.replicas': 2, 'podplan.mode': 'exhaustive', 'podplan.engine.kind': 'plan' });
    // The validation before queueing ran in the request's trace.
    const validation = exporter.getFinishedSpans().find((span) => span.name === 'podplan.engine.run' && span.attributes['podplan.engine.kind'] === 'validate');
    const request = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.attributes['http.response.status_code'] === 202);
    expect(validation?.spanContext().traceId).toBe(request?.spanContext().traceId);
  });

  it('makes a span per GraphQL resolver, inside the request, with its queries below', async () => {
    exporter.reset();
    const response = await testApp.graphql(`query Topology { topology(id: "${topologyId}") { id name } }`);
    expect(response.errors).toBeUndefined();
    const resolver = await waitFor(() => exporter.getFinishedSpans().find((span) => span.name === 'graphql.resolve Query.topology'), 'resolver span');
    expect(resolver.attributes).toMatchObject({ 'graphql.field.name': 'topology', 'graphql.field.parent_type': 'Query', 'graphql.operation.type': 'query' });
    const http = exporter.getFinishedSpans().find((span) => span.spanContext().spanId === parentOf(resolver));
    expect(http?.name).toBe('POST /graphql');
    expect(http?.attributes['graphql.operation.name']).toBe('Topology');
    expect(descendants(resolver, exporter.getFinishedSpans()).some((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql')).toBe(true);
  });
});
