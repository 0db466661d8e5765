/** The audit log as admins read it: their team's writes (every team's for default-team admins), newest first. */
import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../kube/field-error.js';
import { DEFAULT_TEAM, type Caller } from './caller.js';
import { AuditLogRepository, type AuditEntry } from './persistence/audit-log.repository.js';

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

function encodeAuditCursor(id: string): string {
  return Buffer.from(`a:${id}`, 'utf8').toString('base64url');
}

function decodeAuditCursor(cursor: string): string {
  const match = /^a:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidInputError([{ path: 'cursor', message: 'is not a cursor returned by this API' }]);
  return match[1];
}

@Injectable()
export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async list(caller: Caller, cursor: string | undefined, limit: number): Promise<AuditPage> {
    const before = cursor === undefined ? null : decodeAuditCursor(cursor);
    const rows = await this.auditLog.list(caller.team === DEFAULT_TEAM ? null : caller.team, before, limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeAuditCursor(items[items.length - 1].id) : null };
  }
}
