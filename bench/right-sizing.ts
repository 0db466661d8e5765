/**
 * The right-sizing analyses at scale (`BENCH_ONLY=right-sizing npm run bench`,
 * or `consolidation` / `migration` for one of them): consolidation of a
 * 500-node / 8,000-pod and a 5,000-node / 50,000-pod cluster, and the
 * migration of a 1,000-node pool. Each runs through runAnalysis, the entry
 * point the REST and GraphQL routes and the CLI reach (minus HTTP, the
 * database and the engine thread), with an unbounded work budget and the
 * request's own time budget.
 *
 * The clusters (scheduler_perf-shaped nodes: 4 CPU / 32Gi / 110 pods over 3
 * zones) hold Deployment pods of 100 ReplicaSets (the ReplicaSets are in the
 * cluster, so the default spreading constraints apply), laid out unevenly —
 * of every four nodes one holds a third as many pods as the others — plus a
 * node-exporter DaemonSet pod on every node (it goes with its node) and, on
 * every 50th node, a kube-system pod no PDB covers (it keeps its node). See
 * docs/right-sizing.md for what the search does with them.
 */
import type { V1Node, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { emptyClusterObjects, type ClusterObjects } from '../src/kube/cluster-objects.js';
import { parseInput } from '../src/common/validation/parse-input.js';
import { ClusterState } from '../src/scheduling/model/cluster-state.js';
import { consolidationRequest, migrationRequest } from '../src/what-if/analysis-requests.js';
import type { ConsolidationResult } from '../src/what-if/consolidation/consolidation-result.js';
import type { MigrationResult } from '../src/what-if/migration/migration-result.js';
import { runAnalysis } from '../src/what-if/run-analysis.js';
import { syntheticNode } from './synthetic-cluster.js';

export interface RightSizingRow {
  readonly analysis: string;
  readonly nodes: number;
  readonly pods: number;
  /** What the answer was: nodes removed / nodes added. */
  readonly answer: string;
  readonly evaluatedPlans: number;
  readonly stoppedBy: string | null;
  readonly seconds: number;
  /** CPU time of this process: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
}

const REPLICA_SETS = 100;
const POOL_LABEL = 'node.kubernetes.io/instance-type';
const POOL = 'example.com/pool';

/** Pods of ReplicaSet `set` request 50m/128Mi, 100m/256Mi or 200m/512Mi by the set's index (no node starts over its allocatable). */
const SIZES = [
  { cpu: '50m', memory: '128Mi' },
  { cpu: '100m', memory: '256Mi' },
  { cpu: '200m', memory: '512Mi' },
];

function replicaSet(index: number): V1ReplicaSet {
  const labels = { app: `app-${index}` };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `app-${index}-5d8f9c`, namespace: 'default' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app' }] } } },
  };
}

function appPod(index: number, nodeName: string): V1Pod {
  const set = index % REPLICA_SETS;
  const size = SIZES[set % SIZES.length];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `app-${set}-5d8f9c-${index}`,
      namespace: 'default',
      labels: { app: `app-${set}` },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${set}-5d8f9c`, uid: `rs-${set}`, controller: true }],
    },
    spec: { nodeName, containers: [{ name: 'app', image: 'app', resources: { requests: size } }] },
    status: { phase: 'Running' },
  };
}

function nodeExporter(nodeName: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `node-exporter-${nodeName}`,
      namespace: 'monitoring',
      labels: { app: 'node-exporter' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'node-exporter', uid: 'ds-node-exporter', controller: true }],
    },
    spec: {
      nodeName,
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
      containers: [{ name: 'exporter', image: 'exporter', resources: { requests: { cpu: '50m', memory: '64Mi' } } }],
    },
    status: { phase: 'Running' },
  };
}

function systemPod(nodeName: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `debug-${nodeName}`, namespace: 'kube-system', labels: { app: 'debug' } },
    spec: { nodeName, containers: [{ name: 'debug', image: 'debug', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    status: { phase: 'Running' },
  };
}

/**
 * `nodes` nodes and `pods` Deployment pods; of every four nodes the fourth
 * gets one share of pods and the others three each (weights 3, 3, 3, 1).
 * `nodeLabels` labels some nodes (the migrated pool).
 */
export function rightSizingCluster(nodes: number, pods: number, nodeLabels: (index: number) => Record<string, string> = () => ({})): ClusterObjects {
  const objects = emptyClusterObjects();
  const nodeObjects: V1Node[] = [];
  for (let index = 0; index < nodes; index++) nodeObjects.push(syntheticNode(index, nodeLabels(index)));
  objects.nodes.push(...nodeObjects);
  for (let index = 0; index < REPLICA_SETS; index++) objects.replicaSets.push(replicaSet(index));
  const weight = (index: number) => (index % 4 === 3 ? 1 : 3);
  const totalWeight = nodeObjects.reduce((sum, _, index) => sum + weight(index), 0);
  let placed = 0;
  nodeObjects.forEach((node, index) => {
    const nodeName = node.metadata!.name!;
    const share = index === nodes - 1 ? pods - placed : Math.round((pods * weight(index)) / totalWeight);
    for (let count = 0; count < share && placed < pods; count++) objects.pods.push(appPod(placed++, nodeName));
    objects.pods.push(nodeExporter(nodeName));
    if (index % 50 === 49) objects.pods.push(systemPod(nodeName));
  });
  return objects;
}

function measure<T>(run: () => T): { value: T; seconds: number; cpuSeconds: number } {
  global.gc?.();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const value = run();
  const cpu = process.cpuUsage(cpuStarted);
  return { value, seconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)) };
}

/** Candidates the greedy never reached (its time or work budget ran out first). */
const notTried = (result: ConsolidationResult) => result.kept.filter((node) => node.because === 'NotTried').length;

const BOUNDS = { maxWork: Number.POSITIVE_INFINITY, shouldStop: () => false, now: () => Date.now() };
const appPods = (objects: ClusterObjects) => objects.pods.filter((pod) => pod.metadata?.namespace === 'default').length;

/** Consolidation of `nodes` nodes holding `pods` Deployment pods, the search given `timeBudgetMs`. */
export function benchConsolidation(nodes: number, pods: number, timeBudgetMs: number): RightSizingRow {
  const objects = rightSizingCluster(nodes, pods);
  const source = { objects, state: ClusterState.fromObjects(objects) };
  const { cluster: _cluster, ...request } = parseInput(consolidationRequest, { cluster: { objects: [] }, timeBudgetMs });
  const { value, seconds, cpuSeconds } = measure(() => runAnalysis({ kind: 'consolidation', request }, source, BOUNDS) as ConsolidationResult);
  return {
    analysis: `consolidation (time budget ${timeBudgetMs / 1000} s)`,
    nodes,
    pods: appPods(objects),
    answer: `${value.removable.length} removable, ${value.kept.length} kept; ${value.search.triedNodes} tried by plans, ${notTried(value)} not tried, ${value.search.improvements} local-search improvements`,
    evaluatedPlans: value.search.evaluatedPlans,
    stoppedBy: value.search.stoppedBy,
    seconds,
    cpuSeconds,
  };
}

/** Migration of a `poolNodes`-node pool (of `nodes`) to 16-CPU nodes in three zones; the pool's pods select the pool by label. */
export function benchMigration(nodes: number, poolNodes: number, pods: number, timeBudgetMs: number): RightSizingRow {
  const objects = rightSizingCluster(nodes, pods, (index) => (index < poolNodes ? { [POOL_LABEL]: 'm5.xlarge', [POOL]: 'general' } : { [POOL_LABEL]: 'm5.2xlarge', [POOL]: 'batch' }));
  // The pool's Deployment pods select their pool, so only new nodes (labelled like it) can take them.
  const poolNodeNames = new Set(objects.nodes.slice(0, poolNodes).map((node) => node.metadata!.name!));
  objects.pods = objects.pods.map((pod) =>
    pod.metadata?.namespace === 'default' && poolNodeNames.has(pod.spec!.nodeName!) ? { ...pod, spec: { ...pod.spec!, nodeSelector: { [POOL]: 'general' } } } : pod,
  );
  const source = { objects, state: ClusterState.fromObjects(objects) };
  const allocatable = { cpu: '16', memory: '64Gi', pods: '110' };
  const body = {
    cluster: { objects: [] },
    from: `${POOL_LABEL}=m5.xlarge`,
    nodeGroups: [{ name: 'c6i-4xlarge', template: { metadata: { labels: { [POOL_LABEL]: 'c6i.4xlarge', [POOL]: 'general' } }, status: { capacity: allocatable, allocatable } }, zones: ['zone-a', 'zone-b', 'zone-c'], price: 0.68 }],
    fromPrice: 0.192,
    timeBudgetMs,
  };
  const { cluster: _cluster, ...request } = parseInput(migrationRequest, body);
  const { value, seconds, cpuSeconds } = measure(() => runAnalysis({ kind: 'migration', request }, source, BOUNDS) as MigrationResult);
  return {
    analysis: `migration of a ${poolNodes}-node pool (time budget ${timeBudgetMs / 1000} s)`,
    nodes,
    pods: value.placements.length + value.unmovable.length,
    answer: `${value.totalNodes} added (${value.added.map((addition) => `${addition.count} in ${addition.zone}`).join(', ')}), ${value.unmovable.length} unmovable`,
    evaluatedPlans: value.evaluatedPlans,
    stoppedBy: value.stoppedBy,
    seconds,
    cpuSeconds,
  };
}

/** The rows `only` selects: `right-sizing` (all), `consolidation` or `migration`. */
export function rightSizingBenchRows(only: string | undefined, onRow: (row: RightSizingRow) => void): RightSizingRow[] {
  const rows: RightSizingRow[] = [];
  const add = (row: RightSizingRow) => {
    rows.push(row);
    onRow(row);
  };
  const budgetMs = Number(process.env.BENCH_SEARCH_BUDGET_MS ?? 60_000);
  if (only !== 'migration') {
    add(benchConsolidation(500, 8_000, budgetMs));
    add(benchConsolidation(5_000, 50_000, budgetMs));
  }
  if (only !== 'consolidation') add(benchMigration(3_000, 1_000, 30_000, budgetMs));
  return rows;
}
