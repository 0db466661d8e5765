/**
 * What a cluster read LISTs: one collection per kind of the importer's own
 * kind table (object-kinds.ts), so a kind added there is read from clusters
 * too, with no second list to keep in step.
 */
import { apiGroupOf, CLUSTER_KINDS, type ClusterKind } from '../object-kinds.js';

export interface ListTarget {
  readonly kind: ClusterKind;
  /** API group, '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** Lower-case plural, as in the URL and in RBAC rules. */
  readonly resource: string;
  readonly namespaced: boolean;
}

/**
 * The resource name of a kind: upstream's guess (apimachinery
 * pkg/api/meta/restmapper.go UnsafeGuessKindToResource), right for every
 * built-in kind podplan reads: `PriorityClass` → `priorityclasses`,
 * `CSINode` → `csinodes`, `PodDisruptionBudget` → `poddisruptionbudgets`.
 */
export function resourceOfKind(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}

/** Every kind the importer keeps, in the kind table's order. */
export function listTargets(): ListTarget[] {
  return (Object.keys(CLUSTER_KINDS) as ClusterKind[]).map((kind) => {
    const info = CLUSTER_KINDS[kind];
    return { kind, group: apiGroupOf(info.apiVersion), version: versionOf(info.apiVersion), resource: resourceOfKind(kind), namespaced: info.namespaced };
  });
}

/** The cluster-wide collection URL path: `/api/v1/pods`, `/apis/apps/v1/deployments`. */
export function collectionPath(target: Pick<ListTarget, 'group' | 'version' | 'resource'>): string {
  return target.group === '' ? `/api/${target.version}/${target.resource}` : `/apis/${target.group}/${target.version}/${target.resource}`;
}

/** `v1`, `apps/v1`: the list document's apiVersion. */
export function apiVersionOf(target: Pick<ListTarget, 'group' | 'version'>): string {
  return target.group === '' ? target.version : `${target.group}/${target.version}`;
}
