import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../common/pagination/cursor.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { RequiresRole } from '../access-policy.decorator.js';
import { AuditLogService } from '../audit-log.service.js';
import type { Caller } from '../caller.js';
import { CurrentCaller } from '../current-caller.decorator.js';
import { toAuditEntryDocument } from './auth-rest.mapper.js';

const auditQuery = z.object({
  limit: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
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
