/**
 * What callers see of a topology's source (never its kubeconfig) and of its
 * latest refresh. REST DTOs and GraphQL models are filled from these.
 */

/** `kubeconfig`: a stored, sealed kubeconfig; `inCluster`: the service account of the pod podplan runs in. */
export type SourceKind = 'kubeconfig' | 'inCluster';

/** What started a refresh. */
export type RefreshTrigger = 'schedule' | 'request' | 'source-set';

/** `stored`: a new revision; `unchanged`: the cluster matched the latest revision, nothing stored; `failed`: nothing stored, see `error`. */
export type RefreshOutcome = 'stored' | 'unchanged' | 'failed';

export interface RefreshRecord {
  readonly trigger: RefreshTrigger;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly outcome: RefreshOutcome;
  /** The revision stored (`stored`) or matched (`unchanged`); null when the refresh failed. */
  readonly revision: number | null;
  /** Why it failed, naming the kubeconfig context and the API server; null otherwise. */
  readonly error: string | null;
  /** Warnings of the read and the import (kinds the credentials may not list, skipped objects). */
  readonly warnings: readonly { path: string; message: string }[];
}

export interface TopologySourceView {
  readonly topologyId: string;
  readonly kind: SourceKind;
  /** The kubeconfig context read (`in-cluster` for the service account). */
  readonly context: string;
  /** The API server; for inCluster, known after the first refresh. */
  readonly server: string | null;
  readonly namespaceSelector: string | null;
  /** Seconds between scheduled refreshes; null: refreshed on request only. */
  readonly refreshIntervalSeconds: number | null;
  readonly nextRefreshAt: Date | null;
  readonly lastRefresh: RefreshRecord | null;
  /** When a refresh last succeeded (stored or unchanged). */
  readonly lastSuccessAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a refresh needs to read the cluster; holds the opened kubeconfig, so it never leaves the service. */
export interface SourceConnection {
  readonly topologyId: string;
  readonly team: string;
  readonly kind: SourceKind;
  readonly context: string;
  readonly namespaceSelector: string | null;
  /** The sealed kubeconfig and the fingerprint of the key that sealed it (kind `kubeconfig`). */
  readonly sealedKubeconfig: Buffer | null;
  readonly keyFingerprint: string | null;
  readonly server: string | null;
}
