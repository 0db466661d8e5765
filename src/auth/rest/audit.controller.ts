import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { RequiresRole } from '../access-policy.decorator.js';
import { AuditLogService } from '../audit-log.service.js';
import type { Caller } from '../caller.js';
import { CurrentCaller } from '../current-caller.decorator.js';
import { toAuditEntryDocument } from './auth-rest.mapper.js';

const auditQuery = z.object({
  limit: pageLimit,
  cursor: z.string().min(1).optional(),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @RequiresRole('admin')
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ description: '{ items: [ { id, at, team, keyId, source, action, objectId } ], nextCursor }, newest first' })
  async list(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>) {
    const { limit, cursor } = parseInput(auditQuery, query);
    const page = await this.auditLog.list(caller, cursor, limit);
    return { items: page.items.map(toAuditEntryDocument), nextCursor: page.nextCursor };
  }
}
