import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import { MetricsRegistry } from './metrics-registry.js';

/** Prometheus text format 0.0.4, as prom-client renders it. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics` on the API port, behind the same keys as every other route
 * (any role). PODPLAN_METRICS_PORT serves the same text without a key on a
 * port of its own (see metrics-server.ts).
 */
@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'scrapeMetrics', summary: 'Prometheus metrics (podplan_*)' })
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'Prometheus text exposition of the podplan_* metrics', content: { [PROMETHEUS_CONTENT_TYPE]: { schema: { type: 'string' } } } })
  async scrape(): Promise<string> {
    return (await this.metrics.scrape()).body;
  }
}
