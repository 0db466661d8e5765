/**
 * Clusters for the right-sizing analyses as Kubernetes documents (so they go
 * through the real import), and a runner that takes a REST body through the
 * same schema and engine entry point as the service does.
 */
import { parseInput } from '../../src/common/validation/parse-input.js';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { consolidationRequest, migrationRequest } from '../../src/what-if/analysis-requests.js';
import type { AnalysisBounds } from '../../src/what-if/analysis-budget.js';
import type { ConsolidationResult } from '../../src/what-if/consolidation/consolidation-result.js';
import type { MigrationResult } from '../../src/what-if/migration/migration-result.js';
import { runAnalysis } from '../../src/what-if/run-analysis.js';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOST = 'kubernetes.io/hostname';
export const INSTANCE_TYPE = 'node.kubernetes.io/instance-type';

export function node(name: string, options: { cpu?: string; memory?: string; zone?: string; labels?: Record<string, string> } = {}) {
  const allocatable = { cpu: options.cpu ?? '4', memory: options.memory ?? '16Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { [HOST]: name, ...(options.zone ? { [ZONE]: options.zone } : {}), ...(options.labels ?? {}) } },
    status: { capacity: allocatable, allocatable },
  };
}

export interface PodOptions {
  readonly cpu?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  /** The controller: `ReplicaSet/web-abc` (default), `DaemonSet/logs`, `Node/n1` (a mirror pod), or null for none. */
  readonly owner?: string | null;
  readonly annotations?: Record<string, string>;
  readonly volumes?: unknown[];
  readonly spec?: Record<string, unknown>;
  readonly deletionTimestamp?: string;
}

export function pod(name: string, nodeName: string, options: PodOptions = {}) {
  const owner = options.owner === undefined ? 'ReplicaSet/rs' : options.owner;
  const [kind, ownerName] = owner?.split('/') ?? [];
  const apiVersion = kind === 'Node' ? 'v1' : 'apps/v1';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      labels: options.labels ?? { app: name },
      ...(owner ? { ownerReferences: [{ apiVersion, kind, name: ownerName, uid: `${ownerName}-uid`, controller: true }] } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ...(options.deletionTimestamp ? { deletionTimestamp: options.deletionTimestamp } : {}),
    },
    spec: {
      nodeName,
      containers: [{ name: 'c', image: 'c', resources: { requests: { cpu: options.cpu ?? '1', memory: '100Mi' } } }],
      ...(options.volumes ? { volumes: options.volumes } : {}),
      ...(options.spec ?? {}),
    },
    status: { phase: 'Running' },
  };
}

export function pdb(name: string, selector: Record<string, string>, budget: { disruptionsAllowed?: number; minAvailable?: number | string; maxUnavailable?: number | string }, namespace = 'default') {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: selector },
      ...(budget.minAvailable !== undefined ? { minAvailable: budget.minAvailable } : {}),
      ...(budget.maxUnavailable !== undefined ? { maxUnavailable: budget.maxUnavailable } : {}),
    },
    ...(budget.disruptionsAllowed !== undefined ? { status: { disruptionsAllowed: budget.disruptionsAllowed } } : {}),
  };
}

export function nodeGroup(name: string, options: { cpu?: string; zones?: string[]; maxCount?: number; price?: number; labels?: Record<string, string> } = {}) {
  const allocatable = { cpu: options.cpu ?? '4', memory: '16Gi', pods: '110' };
  return {
    name,
    template: { metadata: { labels: { [INSTANCE_TYPE]: name, ...(options.labels ?? {}) } }, status: { capacity: allocatable, allocatable } },
    ...(options.zones ? { zones: options.zones } : {}),
    ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    ...(options.price !== undefined ? { price: options.price } : {}),
  };
}

const TEST_NOW = Date.parse('2026-12-01T12:00:00Z');
export const BOUNDS: AnalysisBounds = { maxWork: Number.POSITIVE_INFINITY, shouldStop: () => false, now: () => TEST_NOW };

function sourceOf(objects: unknown[]) {
  const imported = importCluster(objects, { basePath: 'cluster.objects' });
  return { objects: imported.objects, state: ClusterState.fromObjects(imported.objects) };
}

/** The body as POST /v1/analyses/consolidation takes it (`cluster.objects` inline). */
export function consolidate(body: Record<string, unknown>, bounds: AnalysisBounds = BOUNDS): ConsolidationResult {
  const { cluster, ...request } = parseInput(consolidationRequest, body);
  return runAnalysis({ kind: 'consolidation', request }, sourceOf(cluster!.objects as unknown[]), bounds) as ConsolidationResult;
}

export function migrate(body: Record<string, unknown>, bounds: AnalysisBounds = BOUNDS): MigrationResult {
  const { cluster, ...request } = parseInput(migrationRequest, body);
  return runAnalysis({ kind: 'migration', request }, sourceOf(cluster!.objects as unknown[]), bounds) as MigrationResult;
}
