/** Queries on `analyses`: analyses run on a saved topology, stored whole, scoped by team. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cursorTimestampSql, type KeysetPosition } from '../../common/pagination/cursor.js';
import type { AnalysisKind, AnalysisStore, NewAnalysis, StoredAnalysis } from '../../pipeline/analysis-store.js';
import { recordAuditWithin } from '../../auth/audit-scope.js';

interface AnalysisRow {
  id: string;
  topology_id: string;
  revision: number;
  kind: AnalysisKind;
  request: unknown;
  result: unknown;
  created_at: Date;
  cursor_created_at?: string;
}

const COLUMNS = 'id, topology_id, revision, kind, request, result, created_at';

function toStored(row: AnalysisRow): StoredAnalysis {
  return { id: row.id, topologyId: row.topology_id, revision: row.revision, kind: row.kind, request: row.request, result: row.result, createdAt: row.created_at };
}

@Injectable()
export class AnalysesRepository implements AnalysisStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores an analysis run on a saved topology; audited as the route's action (analysis.capacity, …) in the same transaction. */
  async insert(analysis: NewAnalysis): Promise<StoredAnalysis> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO analyses (team, topology_id, revision, kind, request, result)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
         RETURNING ${COLUMNS}`,
        [analysis.team, analysis.topologyId, analysis.revision, analysis.kind, JSON.stringify(analysis.request), JSON.stringify(analysis.result)],
      )) as AnalysisRow[];
      await recordAuditWithin(manager, row.id);
      return toStored(row);
    });
  }

  async find(team: string, id: string): Promise<StoredAnalysis | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM analyses WHERE id = $1 AND team = $2`, [id, team])) as AnalysisRow[];
    return row ? toStored(row) : undefined;
  }

  async listByTopology(team: string, topologyId: string, after: KeysetPosition | null, limit: number): Promise<{ analysis: StoredAnalysis; position: KeysetPosition }[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, ${cursorTimestampSql('created_at')} AS cursor_created_at
         FROM analyses
        WHERE topology_id = $1 AND team = $5
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id
        LIMIT $4`,
      [topologyId, after?.createdAt ?? null, after?.id ?? null, limit, team],
    )) as AnalysisRow[];
    return rows.map((row) => ({ analysis: toStored(row), position: { createdAt: row.cursor_created_at!, id: row.id } }));
  }
}
