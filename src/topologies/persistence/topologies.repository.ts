/**
 * Queries on `topologies` and `topology_revisions`. Every write runs in one
 * transaction; appending a revision locks the topology row (SELECT … FOR
 * UPDATE) so concurrent writers queue and a stale one sees the new latest.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import type { FieldError } from '../../kube/field-error.js';
import { cursorTimestampSql, type KeysetPosition } from '../../common/pagination/cursor.js';
import { NotFoundError, StaleRevisionError } from '../../common/errors/domain-error.js';
import type { TopologySummary } from '../domain/topology.types.js';
import { TopologyRevisionEntity } from './topology-revision.entity.js';
import { TopologyEntity } from './topology.entity.js';
import { recordAuditWithin } from '../../auth/audit-scope.js';
import { revisionDigest } from '../domain/revision-digest.js';

/** What one import stores as a revision. */
export interface RevisionContent {
  objects: ClusterObjects;
  /** `objects` as the JSON text stored (made once by the caller, which also measures it). */
  objectsJson: string;
  summary: TopologySummary;
  warnings: FieldError[];
  dropped: Record<string, number>;
  /** revisionDigest(objects): equal digests, equal objects. */
  digest: string;
}

export interface AppendOptions {
  /** When the latest revision holds the same objects (same digest), store nothing and answer it. */
  readonly keepUnchanged?: boolean;
  /**
   * After storing, delete revisions older than the newest `keepRevisions`
   * that no plan or analysis points at (the latest is always kept).
   */
  readonly keepRevisions?: number;
}

export interface AppendedRevision {
  /** The revision stored, or the unchanged latest one. */
  readonly revision: number;
  /** False when the latest revision already held these objects. */
  readonly stored: boolean;
}

export interface StoredRevision {
  topology: TopologyEntity;
  revision: TopologyRevisionEntity;
}

export interface ListedRevision extends StoredRevision {
  position: KeysetPosition;
}

interface ListingRow {
  id: string;
  team: string;
  name: string;
  latest_revision: number;
  created_at: Date;
  updated_at: Date;
  summary: TopologySummary;
  warnings: FieldError[];
  dropped: Record<string, number>;
  revision_created_at: Date;
  cursor_created_at: string;
}

const TOPOLOGY = 'Topology';

@Injectable()
export class TopologiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a topology with its first revision; returns the new id. */
  async create(team: string, name: string, content: RevisionContent): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [{ id }] = (await manager.query(
        'INSERT INTO topologies (team, name, latest_revision) VALUES ($1, $2, 1) RETURNING id',
        [team, name],
      )) as { id: string }[];
      await this.insertRevision(manager, id, 1, content);
      await recordAuditWithin(manager, id);
      return id;
    });
  }

  /**
   * Appends revision latest+1. With `expectedRevision`, fails with
   * StaleRevisionError unless it is still the latest when the lock is held.
   */
  async appendRevision(
    team: string,
    id: string,
    expectedRevision: number | undefined,
    content: RevisionContent,
    name: string | undefined,
    options: AppendOptions = {},
  ): Promise<AppendedRevision> {
    return this.dataSource.transaction(async (manager) => {
      const locked = (await manager.query(
        'SELECT latest_revision FROM topologies WHERE id = $1 AND team = $2 AND deleted_at IS NULL FOR UPDATE',
        [id, team],
      )) as { latest_revision: number }[];
      if (locked.length === 0) throw new NotFoundError(TOPOLOGY, id);
      const latest = locked[0].latest_revision;
      if (expectedRevision !== undefined && expectedRevision !== latest) {
        throw new StaleRevisionError(expectedRevision, latest);
      }
      if (options.keepUnchanged && (await this.latestDigest(manager, id, latest)) === content.digest) {
        // Nothing scheduling reads changed: the latest revision stays; only a rename is a change.
        if (name !== undefined) await manager.query('UPDATE topologies SET name = $2, updated_at = now() WHERE id = $1', [id, name]);
        await recordAuditWithin(manager, id);
        return { revision: latest, stored: false };
      }
      const next = latest + 1;
      await this.insertRevision(manager, id, next, content);
      await manager.query(
        'UPDATE topologies SET latest_revision = $2, name = COALESCE($3, name), updated_at = now() WHERE id = $1',
        [id, next, name ?? null],
      );
      if (options.keepRevisions !== undefined) await this.pruneRevisions(manager, id, next, options.keepRevisions);
      await recordAuditWithin(manager, id);
      return { revision: next, stored: true };
    });
  }

  /** How many revisions the topology holds (fewer than its latest number once old ones were pruned). */
  async countRevisions(id: string): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS count FROM topology_revisions WHERE topology_id = $1', [id])) as { count: number }[];
    return row.count;
  }

  /**
   * The latest revision's digest; revisions stored before digests were
   * recorded get theirs computed from the stored objects here, once.
   */
  private async latestDigest(manager: EntityManager, id: string, revision: number): Promise<string> {
    const [row] = (await manager.query('SELECT digest FROM topology_revisions WHERE topology_id = $1 AND revision = $2', [id, revision])) as { digest: string | null }[];
    if (row.digest !== null) return row.digest;
    const [stored] = (await manager.query('SELECT objects::text AS objects FROM topology_revisions WHERE topology_id = $1 AND revision = $2', [id, revision])) as { objects: string }[];
    const digest = revisionDigest(JSON.parse(stored.objects));
    await manager.query('UPDATE topology_revisions SET digest = $3 WHERE topology_id = $1 AND revision = $2', [id, revision, digest]);
    return digest;
  }

  /**
   * Retention: keeps the newest `keep` revisions, and every older one a plan
   * or analysis points at (deleting it would delete them: their foreign keys
   * cascade), so a stored plan always keeps the revision it ran on.
   */
  private async pruneRevisions(manager: EntityManager, id: string, latest: number, keep: number): Promise<void> {
    await manager.query(
      `DELETE FROM topology_revisions r
        WHERE r.topology_id = $1 AND r.revision <= $2
          AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.topology_id = r.topology_id AND p.revision = r.revision)
          AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.topology_id = r.topology_id AND a.revision = r.revision)`,
      [id, latest - keep],
    );
  }

  /** Soft-deletes; false when the team has no live topology with this id. */
  async softDelete(team: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(TopologyEntity)
        .set({ deletedAt: () => 'now()', updatedAt: () => 'now()' })
        .where('id = :id AND team = :team AND deleted_at IS NULL', { id, team })
        .execute();
      const deleted = (result.affected ?? 0) > 0;
      if (deleted) await recordAuditWithin(manager, id);
      return deleted;
    });
  }

  /** The team's live topology with this id; another team's is as absent as a deleted one. */
  findLive(team: string, id: string): Promise<TopologyEntity | null> {
    return this.dataSource.getRepository(TopologyEntity).findOneBy({ id, team, deletedAt: IsNull() });
  }

  /** The revision's metadata and summary, without its objects. */
  findRevision(id: string, revision: number): Promise<TopologyRevisionEntity | null> {
    return this.dataSource.getRepository(TopologyRevisionEntity).findOneBy({ topologyId: id, revision });
  }

  async findRevisionObjects(id: string, revision: number): Promise<ClusterObjects | null> {
    const row = await this.dataSource
      .getRepository(TopologyRevisionEntity)
      .createQueryBuilder('revision')
      .select('revision.objects')
      .where('revision.topology_id = :id AND revision.revision = :revision', { id, revision })
      .getOne();
    return row?.objects ?? null;
  }

  /** The team's live topologies with their latest revision, in (created_at, id) order after `after`. */
  async countLive(team: string): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS count FROM topologies WHERE team = $1 AND deleted_at IS NULL', [team])) as { count: number }[];
    return row.count;
  }

  async listLatest(team: string, after: KeysetPosition | null, limit: number): Promise<ListedRevision[]> {
    const rows = (await this.dataSource.query(
      `SELECT t.id, t.team, t.name, t.latest_revision, t.created_at, t.updated_at,
              r.summary, r.warnings, r.dropped, r.created_at AS revision_created_at,
              ${cursorTimestampSql('t.created_at')} AS cursor_created_at
         FROM topologies t
         JOIN topology_revisions r ON r.topology_id = t.id AND r.revision = t.latest_revision
        WHERE t.team = $4 AND t.deleted_at IS NULL
          AND ($1::timestamptz IS NULL OR (t.created_at, t.id) > ($1::timestamptz, $2::uuid))
        ORDER BY t.created_at, t.id
        LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit, team],
    )) as ListingRow[];
    return rows.map((row) => ({
      topology: Object.assign(new TopologyEntity(), {
        id: row.id,
        team: row.team,
        name: row.name,
        latestRevision: row.latest_revision,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        deletedAt: null,
      }),
      revision: Object.assign(new TopologyRevisionEntity(), {
        topologyId: row.id,
        revision: row.latest_revision,
        summary: row.summary,
        warnings: row.warnings,
        dropped: row.dropped,
        createdAt: row.revision_created_at,
      }),
      position: { createdAt: row.cursor_created_at, id: row.id },
    }));
  }

  private async insertRevision(manager: EntityManager, id: string, revision: number, content: RevisionContent): Promise<void> {
    await manager.query(
      `INSERT INTO topology_revisions (topology_id, revision, objects, summary, warnings, dropped, digest)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7)`,
      [
        id,
        revision,
        content.objectsJson,
        JSON.stringify(content.summary),
        JSON.stringify(content.warnings),
        JSON.stringify(content.dropped),
        content.digest,
      ],
    );
  }
}
