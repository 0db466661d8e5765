import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RetryLaterError } from '../common/errors/domain-error.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/errors/problem.js';
import { Public } from '../auth/access-policy.decorator.js';

/** Liveness and readiness probes; no authentication, ever. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('healthz')
  @Public()
  @ApiOperation({ operationId: 'healthz', summary: 'Liveness: the process is up' })
  @ApiOkResponse({ description: 'the process is up' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Public()
  @ApiOperation({ operationId: 'readyz', summary: 'Readiness: the database answers' })
  @ApiOkResponse({ description: 'the database answers' })
  @ApiServiceUnavailableResponse({ description: 'the database does not answer' })
  async readyz(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new RetryLaterError('SERVICE_UNAVAILABLE', 'the database is not reachable', DATABASE_RETRY_AFTER_SECONDS);
    }
    return { status: 'ok' };
  }
}
