/**
 * The first middleware of every request: gives it its id (see request-id.ts)
 * and returns it in `X-Request-Id`, opens the HTTP server span (continuing a
 * caller's W3C `traceparent`), and when the response is finished counts it in
 * `podplan_http_requests_total` / `podplan_http_request_duration_seconds`
 * under its route template.
 */
import { Inject, Injectable } from '@nestjs/common';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { REQUEST_ID_HEADER, requestIdFor } from '../logging/request-id.js';
import { podplanTracer } from '../tracing/spans.js';
import { routeTemplate } from './route-template.js';

/** From a health probe to a 5,000-node plan answered inline. */
const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

@Injectable()
export class RequestTelemetry {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    this.requests = registry.counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status.', labelNames: ['method', 'route', 'status'] });
    this.duration = registry.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its response, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
    });
  }

  /** Express middleware; mount it before anything else. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const id = requestIdFor(request.headers[REQUEST_ID_HEADER]);
    (request as Request & { id: string }).id = id;
    response.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = podplanTracer().startSpan(
      `${request.method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.path, 'podplan.request_id': id } },
      parent,
    );
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const route = routeTemplate(request);
      // 499 (as nginx logs it): the client went away before an answer was sent.
      const status = response.headersSent ? response.statusCode : 499;
      const labels = { method: request.method, route, status: String(status) };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', finish);
    response.once('close', finish);
    // Everything the request does runs inside the span: resolvers, queries and engine runs become its children.
    context.with(trace.setSpan(parent, span), next);
  };
}
