/**
 * Imports a cluster dump: flattens lists, validates what the API server
 * would have refused (collecting every error), applies the API server's
 * defaults, and strips objects to what scheduling reads.
 */
import { emptyClusterObjects, type ClusterObjects } from './cluster-objects.js';
import { DroppedFields } from './dropped-fields.js';
import { InvalidInputError, type FieldError } from './field-error.js';
import type { JsonObject } from './json-object.js';
import { flattenObjects, type ObjectEntry } from './list-flattening.js';
import { CLUSTER_KINDS, clusterKindOf, skipReason, type ClusterKind } from './object-kinds.js';
import { detectClusterVersion, serverVersionOf } from './cluster-version.js';
import { stripObject } from './object-stripping.js';
import { validateClusterObject } from './validation/object-validation.js';

export interface ImportWarning {
  path: string;
  message: string;
}

export interface ClusterImport {
  objects: ClusterObjects;
  warnings: ImportWarning[];
  /** What stripping removed, per field, in aggregate. */
  dropped: Record<string, number>;
}

export interface ImportOptions {
  /** Prefix of every path in errors and warnings; default `objects`. */
  basePath?: string;
  /** A cluster without nodes is an error (default true). */
  requireNodes?: boolean;
}

/** How many pod names a "bound to a missing node" warning spells out. */
const NAMED_PODS_PER_WARNING = 3;

export function importCluster(documents: unknown[], options: ImportOptions = {}): ClusterImport {
  const basePath = options.basePath ?? 'objects';
  // Version documents (`kubectl version -o json`) have no kind: set aside before flattening, which requires one.
  const serverVersions: { path: string; gitVersion: string }[] = [];
  const objectDocuments: unknown[] = [];
  const documentIndexes: number[] = [];
  documents.forEach((document, index) => {
    const gitVersion = serverVersionOf(document);
    if (gitVersion === undefined) {
      objectDocuments.push(document);
      documentIndexes.push(index);
    } else if (gitVersion !== null) {
      serverVersions.push({ path: `${basePath}[${index}]`, gitVersion });
    }
  });
  const flattened = flattenObjects(objectDocuments, basePath);
  // Paths name the submitted document, not its position among the objects.
  const renumber = (path: string): string => path.replace(/^(\S*?)\[(\d+)\]/, (whole, prefix: string, index: string) => (prefix === basePath ? `${basePath}[${documentIndexes[Number(index)]}]` : whole));
  const entries = flattened.entries.map((entry) => ({ ...entry, path: renumber(entry.path) }));
  const errors = flattened.errors.map((error) => ({ ...error, path: renumber(error.path) }));
  const objects = emptyClusterObjects();
  const dropped = new DroppedFields();
  const skipped = new Map<string, { path: string; count: number; reason: string }>();
  const firstPathByIdentity = new Map<string, string>();
  const podPaths: string[] = [];
  const kubeletVersions: string[] = [];

  for (const entry of entries) {
    const kind = clusterKindOf(entry.kind, entry.apiVersion);
    if (kind === undefined) {
      recordSkipped(skipped, entry);
      continue;
    }
    const objectErrors = validateClusterObject(kind, entry.object, entry.path);
    errors.push(...objectErrors);
    if (objectErrors.length > 0) continue;
    const identityError = checkUnique(kind, entry, firstPathByIdentity);
    if (identityError) {
      errors.push(identityError);
      continue;
    }
    if (kind === 'Node') {
      const kubeletVersion = (entry.object.status as { nodeInfo?: { kubeletVersion?: unknown } } | undefined)?.nodeInfo?.kubeletVersion;
      if (typeof kubeletVersion === 'string') kubeletVersions.push(kubeletVersion);
    }
    const stored = stripObject(kind, CLUSTER_KINDS[kind].apiVersion, entry.object, dropped);
    applyNamespaceDefault(kind, stored);
    (objects[CLUSTER_KINDS[kind].collection] as JsonObject[]).push(stored);
    if (kind === 'Pod') podPaths.push(entry.path);
  }

  if ((options.requireNodes ?? true) && objects.nodes.length === 0 && errors.length === 0) {
    errors.push({ path: basePath, message: 'contains no nodes: a cluster needs at least one v1 Node (e.g. `kubectl get nodes -o yaml`)' });
  }
  if (errors.length > 0) throw new InvalidInputError(errors);

  const detected = detectClusterVersion(serverVersions, kubeletVersions, basePath);
  if (detected.version) objects.clusterVersion = detected.version;
  const warnings: ImportWarning[] = [
    ...detected.warnings,
    ...[...skipped.entries()].map(([kind, { path, count, reason }]) => ({
      path,
      message: `skipped ${count} ${kind} object${count === 1 ? '' : 's'}: ${reason}`,
    })),
    ...warnPodsOnMissingNodes(objects, podPaths),
  ];
  return { objects, warnings, dropped: dropped.toRecord() };
}

function recordSkipped(skipped: Map<string, { path: string; count: number; reason: string }>, entry: ObjectEntry): void {
  const known = Object.prototype.hasOwnProperty.call(CLUSTER_KINDS, entry.kind);
  // A known kind from another API group (a CRD named `Node`, say) is named with its apiVersion.
  const label = known ? `${entry.apiVersion} ${entry.kind}` : entry.kind;
  const existing = skipped.get(label);
  if (existing) existing.count += 1;
  else skipped.set(label, { path: entry.path, count: 1, reason: known ? `podplan reads ${entry.kind} only from ${CLUSTER_KINDS[entry.kind as ClusterKind].apiVersion}` : skipReason(entry.kind) });
}

function identityOf(kind: ClusterKind, object: JsonObject): string {
  const metadata = object.metadata as JsonObject;
  const name = String(metadata.name);
  return CLUSTER_KINDS[kind].namespaced ? `${String(metadata.namespace || 'default')}/${name}` : name;
}

/** Names are unique per kind (and namespace), as in an API server. */
function checkUnique(kind: ClusterKind, entry: ObjectEntry, firstPathByIdentity: Map<string, string>): FieldError | undefined {
  const identity = identityOf(kind, entry.object);
  const key = `${kind}\u0000${identity}`;
  const first = firstPathByIdentity.get(key);
  if (first !== undefined) {
    return { path: `${entry.path}.metadata.name`, message: `Duplicate value: ${kind} "${identity}" is already defined at ${first}` };
  }
  firstPathByIdentity.set(key, entry.path);
  return undefined;
}

function applyNamespaceDefault(kind: ClusterKind, stored: JsonObject): void {
  if (!CLUSTER_KINDS[kind].namespaced) return;
  const metadata = stored.metadata as JsonObject;
  if (typeof metadata.namespace !== 'string' || metadata.namespace === '') metadata.namespace = 'default';
}

/** One warning per missing node, naming a few of its pods: they count on no node. */
function warnPodsOnMissingNodes(objects: ClusterObjects, podPaths: readonly string[]): ImportWarning[] {
  const nodeNames = new Set(objects.nodes.map((node) => node.metadata?.name));
  const byMissingNode = new Map<string, { path: string; pods: string[] }>();
  objects.pods.forEach((pod, index) => {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || nodeNames.has(nodeName)) return;
    const group = byMissingNode.get(nodeName) ?? { path: `${podPaths[index]}.spec.nodeName`, pods: [] };
    group.pods.push(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    byMissingNode.set(nodeName, group);
  });
  return [...byMissingNode.entries()].map(([nodeName, { path, pods }]) => {
    const named = pods.slice(0, NAMED_PODS_PER_WARNING).join(', ');
    const more = pods.length > NAMED_PODS_PER_WARNING ? ` and ${pods.length - NAMED_PODS_PER_WARNING} more` : '';
    const message =
      pods.length === 1
        ? `pod ${named} is bound to node "${nodeName}", which is not in the input; it counts on no node`
        : `${pods.length} pods (${named}${more}) are bound to node "${nodeName}", which is not in the input; they count on no node`;
    return { path, message };
  });
}

