import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { ValidatedQuery } from '../../common/http/validated-query.js';
import { RequiresRole } from '../access-policy.decorator.js';
import { AuditLogService } from '../audit-log.service.js';
import type { Caller } from '../caller.js';
import { CurrentCaller } from '../current-caller.decorator.js';
import { toAuditEntryDocument } from './auth-rest.mapper.js';
import { schemaRef } from '../../common/openapi/schema-objects.js';

const auditQuery = z.object({
  limit: pageLimit,
  cursor: z.string().min(1).optional().meta({ description: 'the nextCursor of the previous page' }),
});

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @RequiresRole('admin')
  @ApiOperation({ operationId: 'listAuditEntries', summary: "The team's audit trail (admin), newest first" })
  @ApiOkResponse({ description: '{ items: [ { id, at, team, keyId, source, action, objectId } ], nextCursor }, newest first', schema: schemaRef('AuditPage') })
  async list(@CurrentCaller() caller: Caller, @ValidatedQuery(auditQuery) { limit, cursor }: z.output<typeof auditQuery>) {
    const page = await this.auditLog.list(caller, cursor, limit);
    return { items: page.items.map(toAuditEntryDocument), nextCursor: page.nextCursor };
  }
}
