import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RetryLaterError } from '../common/errors/domain-error.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/errors/problem.js';
import { Public } from '../auth/access-policy.decorator.js';
import { schemaRef } from '../common/openapi/schema-objects.js';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem-response.js';

/** The answer of both probes when they pass (health.schemas.ts). */
interface ProbeStatus {
  readonly status: 'ok';
}

/** Liveness and readiness probes; no authentication, ever. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('healthz')
  @Public()
  @ApiOperation({ operationId: 'healthz', summary: 'Liveness: the process is up' })
  @ApiOkResponse({ description: '{ status: "ok" }: the process is up', schema: schemaRef('ProbeStatus') })
  healthz(): ProbeStatus {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Public()
  @ApiOperation({ operationId: 'readyz', summary: 'Readiness: the database answers' })
  @ApiOkResponse({ description: '{ status: "ok" }: the database answers', schema: schemaRef('ProbeStatus') })
  @ApiServiceUnavailableResponse({
    description: 'the database does not answer: an application/problem+json problem, with Retry-After',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaRef('ServiceUnavailableProblem') } },
  })
  async readyz(): Promise<ProbeStatus> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new RetryLaterError('SERVICE_UNAVAILABLE', 'the database is not reachable', DATABASE_RETRY_AFTER_SECONDS);
    }
    return { status: 'ok' };
  }
}
