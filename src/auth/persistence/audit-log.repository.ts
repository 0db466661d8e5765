/** Pages through `audit_log`, newest first (rows are written by each write's own transaction: audit-scope.ts). */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallerSource } from '../caller.js';

export interface AuditEntry {
  readonly id: string;
  readonly at: Date;
  readonly team: string;
  readonly keyId: string | null;
  readonly source: CallerSource;
  readonly action: string;
  readonly objectId: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  team: string;
  key_id: string | null;
  source: CallerSource;
  action: string;
  object_id: string | null;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Entries of one team (every team when null) with ids below `beforeId`, newest first. */
  async list(team: string | null, beforeId: string | null, limit: number): Promise<AuditEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT id::text AS id, at, team, key_id, source, action, object_id
         FROM audit_log
        WHERE ($1::text IS NULL OR team = $1) AND ($2::bigint IS NULL OR audit_log.id < $2::bigint)
        ORDER BY audit_log.id DESC
        LIMIT $3`,
      [team, beforeId, limit],
    )) as AuditRow[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      team: row.team,
      keyId: row.key_id,
      source: row.source,
      action: row.action,
      objectId: row.object_id,
    }));
  }
}
