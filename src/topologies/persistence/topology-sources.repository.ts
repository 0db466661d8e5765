/**
 * Queries on `topology_sources` (migrations/1765036800000-add-topology-sources.ts).
 * The sealed kubeconfig is selected only by `findConnection`, which the
 * refresh uses; every read a caller sees goes through `find`, which never
 * selects it.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAuditWithin } from '../../auth/audit-scope.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import type { RefreshRecord, SourceConnection, SourceKind, TopologySourceView } from '../sources/topology-source.types.js';

export interface SourceRow {
  readonly kind: SourceKind;
  readonly sealedKubeconfig: Buffer | null;
  readonly keyFingerprint: string | null;
  readonly context: string;
  readonly server: string | null;
  readonly namespaceSelector: string | null;
  readonly refreshIntervalSeconds: number | null;
}

interface ViewRow {
  topology_id: string;
  kind: 'kubeconfig' | 'in-cluster';
  context: string;
  server: string | null;
  namespace_selector: string | null;
  refresh_interval_seconds: number | null;
  next_refresh_at: Date | null;
  last_refresh: RefreshRecord | null;
  last_success_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const VIEW_COLUMNS = `s.topology_id, s.kind, s.context, s.server, s.namespace_selector, s.refresh_interval_seconds,
  s.next_refresh_at, s.last_refresh, s.last_success_at, s.created_at, s.updated_at`;

const storedKind = (kind: SourceKind): string => (kind === 'inCluster' ? 'in-cluster' : 'kubeconfig');
const viewKind = (kind: string): SourceKind => (kind === 'in-cluster' ? 'inCluster' : 'kubeconfig');

function toView(row: ViewRow): TopologySourceView {
  return {
    topologyId: row.topology_id,
    kind: viewKind(row.kind),
    context: row.context,
    server: row.server,
    namespaceSelector: row.namespace_selector,
    refreshIntervalSeconds: row.refresh_interval_seconds,
    nextRefreshAt: row.next_refresh_at,
    lastRefresh: row.last_refresh,
    lastSuccessAt: row.last_success_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

@Injectable()
export class TopologySourcesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sets (or replaces) the source of the team's live topology. Its first
   * scheduled refresh is one interval away: setting a source queues a
   * refresh of its own (TopologySourcesService.set). The latest refresh
   * record stays until the next refresh replaces it.
   */
  async upsert(team: string, topologyId: string, row: SourceRow): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const live = (await manager.query('SELECT id FROM topologies WHERE id = $1 AND team = $2 AND deleted_at IS NULL FOR UPDATE', [topologyId, team])) as unknown[];
      if (live.length === 0) throw new NotFoundError('Topology', topologyId);
      await manager.query(
        `INSERT INTO topology_sources AS s (topology_id, kind, kubeconfig_secret, key_fingerprint, context, server, namespace_selector,
                                            refresh_interval_seconds, next_refresh_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8::integer IS NULL THEN NULL ELSE now() + make_interval(secs => $8::integer) END)
         ON CONFLICT (topology_id) DO UPDATE SET
           kind = EXCLUDED.kind, kubeconfig_secret = EXCLUDED.kubeconfig_secret, key_fingerprint = EXCLUDED.key_fingerprint,
           context = EXCLUDED.context, server = EXCLUDED.server, namespace_selector = EXCLUDED.namespace_selector,
           refresh_interval_seconds = EXCLUDED.refresh_interval_seconds, next_refresh_at = EXCLUDED.next_refresh_at,
           updated_at = now()`,
        [topologyId, storedKind(row.kind), row.sealedKubeconfig, row.keyFingerprint, row.context, row.server, row.namespaceSelector, row.refreshIntervalSeconds],
      );
      await recordAuditWithin(manager, topologyId);
    });
  }

  /** False when the team's live topology has no source. */
  async remove(team: string, topologyId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, affected] = (await manager.query(
        `DELETE FROM topology_sources s USING topologies t
          WHERE s.topology_id = $1 AND t.id = s.topology_id AND t.team = $2 AND t.deleted_at IS NULL`,
        [topologyId, team],
      )) as [unknown, number];
      if (affected > 0) await recordAuditWithin(manager, topologyId);
      return affected > 0;
    });
  }

  /** The source of the team's live topology, without its kubeconfig. */
  async find(team: string, topologyId: string): Promise<TopologySourceView | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM topology_sources s JOIN topologies t ON t.id = s.topology_id
        WHERE s.topology_id = $1 AND t.team = $2 AND t.deleted_at IS NULL`,
      [topologyId, team],
    )) as ViewRow[];
    return rows.length === 0 ? null : toView(rows[0]);
  }

  /** Everything a refresh needs, the sealed kubeconfig included; null when the topology is gone or has no source. */
  async findConnection(topologyId: string): Promise<SourceConnection | null> {
    const rows = (await this.dataSource.query(
      `SELECT s.topology_id, t.team, s.kind, s.context, s.server, s.namespace_selector, s.kubeconfig_secret, s.key_fingerprint
         FROM topology_sources s JOIN topologies t ON t.id = s.topology_id
        WHERE s.topology_id = $1 AND t.deleted_at IS NULL`,
      [topologyId],
    )) as { topology_id: string; team: string; kind: string; context: string; server: string | null; namespace_selector: string | null; kubeconfig_secret: Buffer | null; key_fingerprint: string | null }[];
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      topologyId: row.topology_id,
      team: row.team,
      kind: viewKind(row.kind),
      context: row.context,
      server: row.server,
      namespaceSelector: row.namespace_selector,
      sealedKubeconfig: row.kubeconfig_secret,
      keyFingerprint: row.key_fingerprint,
    };
  }

  /**
   * Claims the sources due a scheduled refresh: each one's next refresh
   * moves one interval on in the same statement, so of several workers
   * scanning at once exactly one gets it.
   */
  async claimDue(limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `UPDATE topology_sources s SET next_refresh_at = now() + make_interval(secs => s.refresh_interval_seconds)
        WHERE s.topology_id IN (
          SELECT d.topology_id FROM topology_sources d JOIN topologies t ON t.id = d.topology_id
           WHERE d.next_refresh_at <= now() AND t.deleted_at IS NULL
           ORDER BY d.next_refresh_at
           LIMIT $1
           FOR UPDATE OF d SKIP LOCKED)
        RETURNING s.topology_id`,
      [limit],
    )) as [{ topology_id: string }[], number];
    return rows[0].map((row) => row.topology_id);
  }

  /** Records a refresh's outcome (and, for inCluster sources, the server it read). */
  async recordRefresh(topologyId: string, record: RefreshRecord, server: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE topology_sources SET last_refresh = $2::jsonb,
              last_success_at = CASE WHEN $3 THEN $4::timestamptz ELSE last_success_at END,
              server = COALESCE($5, server)
        WHERE topology_id = $1`,
      [topologyId, JSON.stringify(record), record.outcome !== 'failed', record.finishedAt, server],
    );
  }
}
