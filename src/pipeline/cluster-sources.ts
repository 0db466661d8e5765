/**
 * Step 3 of the pipeline, and what step 2 may know of a source before it:
 * a stored revision's summary is a row read (its node and pod counts, never
 * its objects); loading is reading its objects for the engine, or importing
 * an inline cluster. The pipeline calls `describeRevision` before its limits
 * and the loading methods only after them; tests replace this with sources
 * that fail when anything is loaded.
 */
import { Injectable } from '@nestjs/common';
import { importCluster, type ClusterImport } from '../kube/cluster-import.js';
import { InvalidInputError } from '../kube/field-error.js';
import { RevisionObjectsReader } from '../topologies/revision-objects.reader.js';
import { TopologiesService } from '../topologies/topologies.service.js';

/** A stored revision as its summary row describes it. */
export interface RevisionSummary {
  readonly topologyId: string;
  readonly revision: number;
  readonly nodes: number;
  readonly pods: number;
}

export interface ClusterSources {
  /** The revision's stored summary (default: the latest); NotFoundError for another team's or a deleted topology. */
  describeRevision(team: string, topologyId: string, revision?: number): Promise<RevisionSummary>;
  /** The revision's objects as JSON text, parsed and indexed where the engine runs. */
  readRevision(team: string, topologyId: string, revision: number): Promise<string>;
  /** An inline cluster's documents, validated and stripped, with paths under `basePath`. */
  importInline(objects: readonly unknown[], basePath: string): ClusterImport;
}

/** Saved topologies through src/topologies; inline clusters through the importer. */
@Injectable()
export class TopologyClusterSources implements ClusterSources {
  constructor(
    private readonly topologies: TopologiesService,
    private readonly revisions: RevisionObjectsReader,
  ) {}

  async describeRevision(team: string, topologyId: string, revision?: number): Promise<RevisionSummary> {
    const view = await this.topologies.get(team, topologyId, revision);
    return { topologyId: view.id, revision: view.revision, nodes: view.summary.nodes, pods: view.summary.pods };
  }

  readRevision(team: string, topologyId: string, revision: number): Promise<string> {
    return this.revisions.read(team, topologyId, revision);
  }

  importInline(objects: readonly unknown[], basePath: string): ClusterImport {
    return importCluster([...objects], { basePath, requireNodes: true });
  }
}

/** The command line without a server: inline clusters only. */
export const OFFLINE_CLUSTER_SOURCES: ClusterSources = {
  describeRevision: () => Promise.reject(new InvalidInputError([{ path: 'topologyId', message: 'saved topologies need a podplan server' }])),
  readRevision: () => Promise.reject(new InvalidInputError([{ path: 'topologyId', message: 'saved topologies need a podplan server' }])),
  importInline: (objects, basePath) => importCluster([...objects], { basePath, requireNodes: true }),
};

/** Injection token of the process's ClusterSources. */
export const CLUSTER_SOURCES = Symbol('CLUSTER_SOURCES');
