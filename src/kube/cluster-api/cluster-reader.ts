/**
 * Reads a cluster through the Kubernetes API into the documents a dump
 * holds: one list per kind the importer keeps (list-targets.ts), plus the
 * API server's version document. The result goes through importCluster
 * exactly like an uploaded dump, so a live import and a dump import of the
 * same objects are the same topology.
 *
 * A kind the credentials may not list (403), or one the server does not
 * serve (404), becomes a warning naming it: the rest of the cluster is still
 * worth planning against. A namespace selector keeps the namespaced objects
 * of the matching namespaces (cluster-scoped objects are all kept).
 */
import type { CompiledSelector } from '../label-selector.js';
import type { ImportWarning } from '../cluster-import.js';
import { ClusterReadError, type ClusterEndpoint } from './cluster-read-error.js';
import { loadKubeconfig, type KubeconfigSource } from './kubeconfig-source.js';
import { apiVersionOf, collectionPath, listTargets, type ListTarget } from './list-targets.js';
import { DEFAULT_PAGING, getWithRetries, listAll, type PagingOptions } from './paged-list.js';

export interface ClusterReadOptions {
  /** Namespaced objects are kept only in namespaces whose labels match (e.g. `kubernetes.io/metadata.name in (a,b)`). */
  readonly namespaceSelector?: CompiledSelector;
  /** Reading stops with an error once more objects than this have arrived. */
  readonly maxObjects?: number;
  readonly paging?: Partial<PagingOptions>;
}

export interface ListStatistics {
  readonly resource: string;
  readonly items: number;
  readonly pages: number;
  readonly retries: number;
  readonly restarts: number;
}

export interface ClusterSnapshot {
  /** What importCluster takes: the version document, then one list per kind. */
  readonly documents: unknown[];
  /** Kinds that could not be listed. */
  readonly warnings: ImportWarning[];
  readonly endpoint: ClusterEndpoint;
  readonly lists: ListStatistics[];
}

interface Metadata {
  namespace?: string;
  name?: string;
  labels?: Record<string, string>;
}

export async function readCluster(source: KubeconfigSource, options: ClusterReadOptions = {}): Promise<ClusterSnapshot> {
  const { config, endpoint } = loadKubeconfig(source);
  const paging: PagingOptions = { ...DEFAULT_PAGING, ...options.paging };
  const documents: unknown[] = [];
  const warnings: ImportWarning[] = [];
  const lists: ListStatistics[] = [];

  const version = await readVersion(config, endpoint, paging);
  if (version !== undefined) documents.push(version);

  let received = 0;
  const countPage = (count: number): void => {
    received += count;
    if (options.maxObjects !== undefined && received > options.maxObjects) {
      throw new ClusterReadError('limit', `the cluster holds more than ${options.maxObjects} objects of the kinds podplan reads (PODPLAN_MAX_TOPOLOGY_OBJECTS); narrow it with a namespace selector`, endpoint);
    }
  };

  const targets = listTargets();
  // Namespaces first: the selector decides which namespaced objects are kept.
  targets.sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
  let selectedNamespaces: Set<string> | undefined;
  for (const target of targets) {
    const path = collectionPath(target);
    const outcome = await listAll(config, endpoint, path, paging, countPage);
    if (outcome.status === 'refused') {
      if (target.kind === 'Namespace' && options.namespaceSelector !== undefined) {
        throw new ClusterReadError('failed', `--namespace-selector needs to list namespaces, which was refused (${outcome.httpStatus}): ${outcome.message}`, endpoint);
      }
      warnings.push(refusalWarning(target, path, outcome.httpStatus, outcome.message));
      continue;
    }
    let items = outcome.items;
    if (target.kind === 'Namespace' && options.namespaceSelector !== undefined) {
      const selector = options.namespaceSelector;
      items = items.filter((item) => selector.matches(metadataOf(item).labels));
      selectedNamespaces = new Set(items.map((item) => String(metadataOf(item).name)));
    } else if (target.namespaced && selectedNamespaces !== undefined) {
      const kept = selectedNamespaces;
      items = items.filter((item) => kept.has(metadataOf(item).namespace || 'default'));
    }
    documents.push({ apiVersion: outcome.apiVersion ?? apiVersionOf(target), kind: outcome.kind ?? `${target.kind}List`, items });
    lists.push({ resource: target.resource, items: items.length, pages: outcome.pages, retries: outcome.retries, restarts: outcome.restarts });
  }
  return { documents, warnings, endpoint, lists };
}

function metadataOf(item: unknown): Metadata {
  return ((item as { metadata?: Metadata } | null)?.metadata ?? {}) as Metadata;
}

/** `GET /version`, as `kubectl version -o json` prints its serverVersion; absent when the server will not say. */
async function readVersion(config: Parameters<typeof getWithRetries>[0], endpoint: ClusterEndpoint, paging: PagingOptions): Promise<unknown> {
  const response = await getWithRetries(config, endpoint, '/version', {}, paging, () => undefined);
  if (response.status === 401) throw new ClusterReadError('unauthorized', 'the credentials were refused (401 Unauthorized)', endpoint);
  if (response.status !== 200) return undefined;
  try {
    const version = JSON.parse(response.text) as { gitVersion?: unknown };
    return typeof version.gitVersion === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

function refusalWarning(target: ListTarget, path: string, status: 403 | 404, message: string): ImportWarning {
  const reason =
    status === 403
      ? `the credentials may not list ${target.resource} (403 Forbidden: ${message}); grant "list" on ${target.group === '' ? 'core' : target.group} ${target.resource} (see the podplan-reader ClusterRole)`
      : `the server does not serve ${apiVersionOf(target)} ${target.resource} (404)`;
  return { path, message: `skipped ${target.kind}: ${reason}; plans see no ${target.kind} objects` };
}
