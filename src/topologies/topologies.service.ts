/**
 * Saved cluster topologies: import (validate, strip, summarise) and store
 * revisions; read them back. Plans load a revision's objects through
 * `loadClusterObjects`.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { LimitExceededError } from '../common/errors/domain-error.js';
import { importCluster } from '../kube/cluster-import.js';
import { validateFields } from '../kube/field-validation/field-validation.js';
import { DEFAULT_FIELD_VALIDATION, type FieldValidationMode } from '../kube/field-validation/field-validation-mode.js';
import type { ClusterObjects } from '../kube/cluster-objects.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { parseSelectorString } from '../kube/label-selector-string.js';
import { describeNodeUsage, type NodeUsage } from './domain/node-usage.js';
import { decodeNodeCursor, encodeNodeCursor, pageNodes, type NodeUsagePage } from './domain/node-page.js';
import type { NodeSort, PlannedLoads } from './domain/node-order.js';
import { RevisionUsageCache } from './domain/revision-usage-cache.js';
import { diffRevisions, type RevisionDiff } from './domain/revision-diff.js';
import { summarizeTopology } from './domain/topology-summary.js';
import { revisionDigest } from './domain/revision-digest.js';
import type { FieldError } from '../kube/field-error.js';
import { aggregateZones, type ZoneUsage } from './domain/zone-usage.js';
import type { TopologyObjects, TopologyPage, TopologyRevisionView } from './domain/topology.types.js';
import { TopologiesRepository, type RevisionContent } from './persistence/topologies.repository.js';
import { ImportMetrics } from '../observability/metrics/import-metrics.js';
import { toRevisionView } from './topology.mapper.js';

const TOPOLOGY = 'Topology';

export interface CreateTopologyCommand {
  name: string;
  /** The submitted documents, addressed as `objects[i]` in error paths. */
  objects: unknown[];
  /** Unknown fields: refused (Strict, the default), warned of, or ignored. */
  fieldValidation?: FieldValidationMode;
}

export interface ReplaceTopologyCommand {
  objects: unknown[];
  /** Rename along with the new revision. */
  name?: string;
  /** When set, the write fails with 412 unless this is still the latest revision. */
  expectedRevision?: number;
  fieldValidation?: FieldValidationMode;
}

/** What a cluster read hands over: the documents a dump would hold, and what the read could not list. */
export interface ClusterSnapshotDocuments {
  readonly documents: unknown[];
  readonly warnings: readonly FieldError[];
}

/** A re-import's answer: the revision now latest, and whether it is an older one kept because nothing changed. */
export interface ReplacedRevision extends TopologyRevisionView {
  readonly unchanged: boolean;
}

export interface SnapshotStored {
  readonly revision: number;
  readonly stored: boolean;
  readonly warnings: FieldError[];
}

export interface NodeQuery {
  revision?: number;
  /** kubectl `-l` syntax, e.g. `node.kubernetes.io/instance-type=m5.large,!spot`. */
  labelSelector?: string;
  zone?: string;
  cursor?: string;
  /** The cursor's name in error paths (`cursor` over REST, `after` over GraphQL). */
  cursorParameter?: string;
  limit: number;
  /** Default: by name. */
  sort?: NodeSort;
  /** A plan's replicas per node: added to the shares `sort` compares, and what `withPlannedReplicas` keeps. */
  planned?: PlannedLoads;
  withPlannedReplicas?: boolean;
}

export interface RevisionDiffView extends RevisionDiff {
  topologyId: string;
  from: number;
  to: number;
}

export interface ZoneUsageList {
  topologyId: string;
  revision: number;
  zones: ZoneUsage[];
}

/** Revisions whose node usage stays in memory (the largest take tens of MB each). */
const USAGE_CACHE_REVISIONS = 4;

/** PostgreSQL's uuid input syntax; anything else can name no topology. */
const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Told of every revision saved, after it is stored (e.g. to index it ahead of the first plan). */
export type RevisionSavedListener = (team: string, revision: TopologyRevisionView) => void;

function objectCount(objects: ClusterObjects): number {
  return Object.values(objects).reduce((total, list) => total + (Array.isArray(list) ? list.length : 0), 0);
}

@Injectable()
export class TopologiesService {
  private readonly usageCache = new RevisionUsageCache(USAGE_CACHE_REVISIONS);
  private readonly revisionSavedListeners: RevisionSavedListener[] = [];

  constructor(
    private readonly repository: TopologiesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly importMetrics: ImportMetrics,
  ) {}

  /**
   * Every method takes the caller's team first: a topology of another team
   * answers 404 exactly like one that never existed.
   */
  async create(team: string, command: CreateTopologyCommand): Promise<TopologyRevisionView> {
    const content = await this.importRevision(command.objects, command.fieldValidation);
    const id = await this.repository.create(team, command.name, content);
    this.importMetrics.revisionImported(objectCount(content.objects), Buffer.byteLength(content.objectsJson));
    return this.saved(team, await this.get(team, id));
  }

  /**
   * A new revision of the objects, unless they are exactly the latest
   * revision's (same digest: nothing scheduling reads changed): then that
   * revision stays the latest, nothing is stored but a rename, and the
   * answer says `unchanged`.
   */
  async replace(team: string, id: string, command: ReplaceTopologyCommand): Promise<ReplacedRevision> {
    this.assertPlausibleId(id);
    const content = await this.importRevision(command.objects, command.fieldValidation);
    const { revision, stored } = await this.repository.appendRevision(team, id, command.expectedRevision, content, command.name, { keepUnchanged: true });
    if (!stored) return { ...(await this.get(team, id, revision)), unchanged: true };
    this.importMetrics.revisionImported(objectCount(content.objects), Buffer.byteLength(content.objectsJson));
    return { ...this.saved(team, await this.get(team, id, revision)), unchanged: false };
  }

  /**
   * A refresh's read of the cluster (src/kube/cluster-api), imported like a
   * dump. Stores a revision only when the objects differ from the latest
   * revision's, then keeps the newest `keepRevisions` (see
   * TopologiesRepository.appendRevision). Throws InvalidInputError or
   * LimitExceededError before anything is written.
   */
  async storeSnapshot(team: string, id: string, snapshot: ClusterSnapshotDocuments, keepRevisions: number): Promise<SnapshotStored> {
    // Unknown fields are the API server's own, not a person's typo: nothing to refuse or warn of.
    const content = await this.importRevision(snapshot.documents, 'Ignore');
    content.warnings = [...snapshot.warnings, ...content.warnings];
    const appended = await this.repository.appendRevision(team, id, undefined, content, undefined, { keepUnchanged: true, keepRevisions });
    if (appended.stored) {
      this.importMetrics.revisionImported(objectCount(content.objects), Buffer.byteLength(content.objectsJson));
      this.saved(team, await this.get(team, id, appended.revision));
    }
    return { ...appended, warnings: content.warnings };
  }

  onRevisionSaved(listener: RevisionSavedListener): void {
    this.revisionSavedListeners.push(listener);
  }

  private saved(team: string, view: TopologyRevisionView): TopologyRevisionView {
    for (const listener of this.revisionSavedListeners) listener(team, view);
    return view;
  }

  /** The given revision (default: the latest), without objects. */
  async get(team: string, id: string, revision?: number): Promise<TopologyRevisionView> {
    this.assertPlausibleId(id);
    const topology = await this.repository.findLive(team, id);
    if (!topology) throw new NotFoundError(TOPOLOGY, id);
    const wanted = revision ?? topology.latestRevision;
    const stored = wanted <= topology.latestRevision ? await this.repository.findRevision(id, wanted) : null;
    if (!stored) throw new NotFoundError(`Revision ${wanted} of topology`, id);
    return { ...toRevisionView(topology, stored), revisions: await this.repository.countRevisions(id) };
  }

  /** `cursorParameter` names the cursor in error paths (`cursor` over REST, `after` over GraphQL). */
  async list(team: string, cursor: string | undefined, limit: number, cursorParameter = 'cursor'): Promise<TopologyPage> {
    const after = cursor === undefined ? null : decodeCursor(cursor, cursorParameter);
    const rows = await this.repository.listLatest(team, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({ cursor: encodeCursor(row.position), view: toRevisionView(row.topology, row.revision) })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }

  /** The team's live topologies: the total behind every page of `list`. */
  count(team: string): Promise<number> {
    return this.repository.countLive(team);
  }

  async delete(team: string, id: string): Promise<void> {
    this.assertPlausibleId(id);
    if (!(await this.repository.softDelete(team, id))) throw new NotFoundError(TOPOLOGY, id);
  }

  /** One revision's stripped objects (default: the latest), for plans and node views. */
  async loadClusterObjects(team: string, id: string, revision?: number): Promise<TopologyObjects> {
    const view = await this.get(team, id, revision);
    const objects = await this.repository.findRevisionObjects(id, view.revision);
    if (!objects) throw new NotFoundError(`Revision ${view.revision} of topology`, id);
    return { topologyId: id, revision: view.revision, objects };
  }

  /**
   * One revision's nodes with what is requested on each, filtered, ordered (default: by name) and paged.
   * `edited`: the nodes of the revision as a stored plan's scenario left them (describeEditedNodes), listed instead.
   */
  async listNodes(team: string, id: string, query: NodeQuery, edited?: readonly NodeUsage[]): Promise<NodeUsagePage> {
    const labelSelector = query.labelSelector === undefined ? undefined : parseSelectorString(query.labelSelector, 'labelSelector');
    const cursorPath = query.cursorParameter ?? 'cursor';
    const after = query.cursor === undefined ? undefined : { name: decodeNodeCursor(query.cursor, cursorPath), path: cursorPath };
    const { revision, nodes } = edited ? { revision: (await this.get(team, id, query.revision)).revision, nodes: edited } : await this.nodeUsage(team, id, query.revision);
    const order = { sort: query.sort ?? 'name', planned: query.planned, withPlannedReplicas: query.withPlannedReplicas };
    const page = pageNodes(nodes, { labelSelector, zone: query.zone }, order, after, query.limit);
    return {
      topologyId: id,
      revision,
      totalCount: page.totalCount,
      items: page.items,
      nextCursor: page.lastName === null ? null : encodeNodeCursor(page.lastName),
    };
  }

  /** Per-zone totals of one revision; `edited`: of its nodes as a stored plan's scenario left them (as listNodes). */
  async listZones(team: string, id: string, revision?: number, edited?: readonly NodeUsage[]): Promise<ZoneUsageList> {
    const usage = edited ? { revision: (await this.get(team, id, revision)).revision, nodes: edited } : await this.nodeUsage(team, id, revision);
    return { topologyId: id, revision: usage.revision, zones: aggregateZones(usage.nodes) };
  }

  /** What changed from revision `from` to revision `to` (either order; both must exist). */
  async diffRevisions(team: string, id: string, from: number, to: number): Promise<RevisionDiffView> {
    const before = await this.nodeUsage(team, id, from);
    const after = await this.nodeUsage(team, id, to);
    return { topologyId: id, from: before.revision, to: after.revision, ...diffRevisions(before.nodes, after.nodes) };
  }

  /** Node name → labels of one revision (from the node-usage cache), for placements that show their node's labels. */
  async nodeLabels(team: string, id: string, revision?: number): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    const { nodes } = await this.nodeUsage(team, id, revision);
    return new Map(nodes.map((node) => [node.name, node.labels]));
  }

  /**
   * Node usage of one revision with its nodes and pods replaced by `edited` (a stored plan's scenario's
   * nodes and bound pods), beside the revision's storage and device objects. Not cached here: a plan's
   * scenario is its own (PlansService keeps it per plan).
   */
  async describeEditedNodes(
    team: string,
    id: string,
    revision: number,
    edited: { readonly nodes: readonly V1Node[]; readonly pods: readonly V1Pod[] },
  ): Promise<NodeUsage[]> {
    const loaded = await this.loadClusterObjects(team, id, revision);
    return describeNodeUsage({ ...loaded.objects, nodes: [...edited.nodes], pods: [...edited.pods] });
  }

  private async nodeUsage(team: string, id: string, revision?: number): Promise<{ revision: number; nodes: NodeUsage[] }> {
    // Checked before the cache: the cache is keyed by id, and another team's id must stay a 404.
    const view = await this.get(team, id, revision);
    const nodes = await this.usageCache.getOrCompute(id, view.revision, async () => {
      const { objects } = await this.loadClusterObjects(team, id, view.revision);
      return describeNodeUsage(objects);
    });
    return { revision: view.revision, nodes };
  }

  /** Validates and strips the documents; throws InvalidInputError before anything is written. */
  private async importRevision(documents: unknown[], fieldValidation: FieldValidationMode = DEFAULT_FIELD_VALIDATION): Promise<RevisionContent> {
    const fieldWarnings = await validateFields([{ documents, basePath: 'objects' }], fieldValidation);
    const imported = importCluster(documents, { basePath: 'objects', requireNodes: true });
    this.assertObjectLimit(imported.objects);
    return {
      objects: imported.objects,
      objectsJson: JSON.stringify(imported.objects),
      digest: revisionDigest(imported.objects),
      summary: summarizeTopology(imported.objects),
      warnings: [...fieldWarnings, ...imported.warnings],
      dropped: imported.dropped,
    };
  }

  /** PODPLAN_MAX_TOPOLOGY_OBJECTS bounds what one revision stores and what every plan on it indexes. */
  private assertObjectLimit(objects: ClusterObjects): void {
    const count = objectCount(objects);
    const limit = this.config.limits.maxTopologyObjects;
    if (count > limit) throw new LimitExceededError('objects', `has ${count} objects`, 'PODPLAN_MAX_TOPOLOGY_OBJECTS', limit);
  }

  private assertPlausibleId(id: string): void {
    if (!UUID_PATTERN.test(id)) throw new NotFoundError(TOPOLOGY, id);
  }
}
