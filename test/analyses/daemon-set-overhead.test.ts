/**
 * Target nodes of a migration start with the DaemonSet pods they would run
 * (as Cluster Autoscaler's scale-up templates do): the DaemonSet controller's
 * NodeShouldRunDaemonPod decides which — node selector and NoSchedule /
 * NoExecute taints — and the pods' pin to their current node
 * (ReplaceDaemonSetPodNodeNameNodeAffinity) is not the DaemonSet's own rule.
 * Hand-solvable: eight 1-cpu pods on 4-cpu target nodes need 2 nodes bare,
 * 3 with 1 cpu of DaemonSets, 4 with 2 cpu. Scale-up's node groups start
 * their nodes the same way (same numbers).
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { parseInput } from '../../src/common/validation/parse-input.js';
import { scaleUpRequest } from '../../src/what-if/analysis-requests.js';
import type { ScaleUpResult } from '../../src/what-if/analysis-types.js';
import { addNodeWithDaemonSets, daemonSetsOf } from '../../src/what-if/daemon-set-overhead.js';
import { runAnalysis } from '../../src/what-if/run-analysis.js';
import { BOUNDS, INSTANCE_TYPE, migrate, node, nodeGroup, pod } from './right-sizing-fixtures.js';

const OS = 'kubernetes.io/os';
const oldPool = { [INSTANCE_TYPE]: 'm5.4xlarge', [OS]: 'linux' };
const batchTaint = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' };

/** A DaemonSet's pod as the controller creates it: pinned to its node by a metadata.name term. */
function daemonPod(daemonSet: string, nodeName: string, cpu: string, spec: Record<string, unknown> = {}) {
  const pin = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } };
  return pod(`${daemonSet}-${nodeName}`, nodeName, { owner: `DaemonSet/${daemonSet}`, cpu, namespace: 'kube-system', labels: { ds: daemonSet }, spec: { affinity: pin, ...spec } });
}

/** The old pool: two 16-cpu nodes, eight 1-cpu pods (tolerating the batch taint), and the DaemonSets given. */
function pool(daemonSets: (nodeName: string) => unknown[]) {
  return ['old-1', 'old-2'].flatMap((name, index) => [
    node(name, { cpu: '16', labels: oldPool }),
    ...[0, 1, 2, 3].map((slot) => pod(`w-${index * 4 + slot}`, name, { labels: { app: 'w' }, spec: { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } })),
    ...daemonSets(name),
  ]);
}

function target(options: { labels?: Record<string, string>; taints?: unknown[] } = {}) {
  const group = nodeGroup('c5', { labels: { [OS]: 'linux', ...(options.labels ?? {}) } });
  return { ...group, template: { ...group.template, ...(options.taints ? { spec: { taints: options.taints } } : {}) } };
}

const movedPerNode = (result: ReturnType<typeof migrate>) => {
  const counts = new Map<string, number>();
  for (const placement of result.placements) counts.set(placement.to, (counts.get(placement.to) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort());
};

describe('migration: DaemonSet overhead on target nodes', () => {
  it('without DaemonSets, eight 1-cpu pods need exactly two 4-cpu nodes', () => {
    const result = migrate({ cluster: { objects: pool(() => []) }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [target()] });
    expect(result.totalNodes).toBe(2);
    expect(movedPerNode(result)).toEqual({ 'c5-1': 4, 'c5-2': 4 });
  });

  it('DaemonSets whose selector the template meets take 1 cpu first: three nodes (3 + 3 + 2); one selecting other nodes takes nothing', () => {
    const daemonSets = (name: string) => [
      daemonPod('logs', name, '500m'),
      daemonPod('node-exporter', name, '500m', { nodeSelector: { [OS]: 'linux' } }),
      // Not on the target template: it selects the old instance type, or a label the template lacks.
      daemonPod('old-pool-agent', name, '2', { nodeSelector: { [INSTANCE_TYPE]: 'm5.4xlarge' } }),
    ];
    // A GPU node the moved pods may not use (its taint), with a DaemonSet of its own.
    const gpuTaint = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };
    const gpuNode = { ...node('gpu-1', { cpu: '8', labels: { accelerator: 'nvidia' } }), spec: { taints: [gpuTaint] } };
    const gpuDriver = daemonPod('gpu-driver', 'gpu-1', '1', { nodeSelector: { accelerator: 'nvidia' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] });
    const objects = [...pool(daemonSets), gpuNode, gpuDriver];
    const result = migrate({ cluster: { objects }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [target()] });
    expect(result.feasible).toBe(true);
    expect(result.added.map(({ nodeGroup: group, count, nodes }) => ({ group, count, nodes }))).toEqual([{ group: 'c5', count: 3, nodes: ['c5-1', 'c5-2', 'c5-3'] }]);
    expect(Object.values(movedPerNode(result)).sort()).toEqual([2, 3, 3]);
    expect(result.goneWithNodes).toBe(6);
  });

  it("a NoSchedule taint on the template keeps off the DaemonSets that do not tolerate it; PreferNoSchedule keeps none off", () => {
    const daemonSets = (name: string) => [
      daemonPod('logs', name, '500m'),
      daemonPod('batch-agent', name, '1', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }] }),
    ];
    const tainted = migrate({
      cluster: { objects: pool(daemonSets) },
      from: `${INSTANCE_TYPE}=m5.4xlarge`,
      nodeGroups: [target({ taints: [batchTaint, { key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] })],
    });
    // batch-agent (1 cpu) runs there, logs does not: 3 cpu free per node.
    expect(tainted.totalNodes).toBe(3);
    const untainted = migrate({ cluster: { objects: pool(daemonSets) }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [target()] });
    // Both run there: 2.5 cpu free per node, two pods each.
    expect(untainted.totalNodes).toBe(4);
    expect(movedPerNode(untainted)).toEqual({ 'c5-1': 2, 'c5-2': 2, 'c5-3': 2, 'c5-4': 2 });
  });

  it('a NoExecute taint keeps a DaemonSet off as NoSchedule does', () => {
    const daemonSets = (name: string) => [daemonPod('logs', name, '1')];
    const result = migrate({ cluster: { objects: pool(daemonSets) }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [target({ taints: [{ ...batchTaint, effect: 'NoExecute' }] })] });
    expect(result.totalNodes).toBe(2);
  });
});

describe('scale-up: DaemonSet overhead on added nodes', () => {
  /** One 1-cpu node, full with `pods` (the DaemonSets' among them); the workload needs new nodes. */
  function scaleUp(pods: unknown[], nodeGroups: unknown[], tolerations: unknown[] = []): ScaleUpResult {
    const objects = [node('full-1', { cpu: '1', labels: oldPool }), ...pods];
    const web = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 8,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { tolerations, containers: [{ name: 'c', image: 'c', resources: { requests: { cpu: '1', memory: '100Mi' } } }] } },
      },
    };
    const { cluster, ...request } = parseInput(scaleUpRequest, { cluster: { objects }, workloads: [web], nodeGroups }) as Record<string, any>;
    const imported = importCluster(cluster.objects, { basePath: 'cluster.objects' });
    return runAnalysis({ kind: 'scale-up', request } as never, { objects: imported.objects, state: ClusterState.fromObjects(imported.objects) }, BOUNDS) as ScaleUpResult;
  }
  const perNode = (result: ScaleUpResult) => {
    const counts = new Map<string, number>();
    if (result.feasible) for (const placement of result.plan.placements) counts.set(placement.node!, (counts.get(placement.node!) ?? 0) + 1);
    return Object.fromEntries([...counts.entries()].sort());
  };

  it('eight 1-cpu replicas on 4-cpu nodes: 2 nodes bare, 3 when 1 cpu of DaemonSets runs on each (3 + 3 + 2)', () => {
    // Bare: full-1 is filled by an ordinary pod, and there are no DaemonSets.
    const bare = scaleUp([pod('filler', 'full-1', { cpu: '1' })], [target()]);
    expect(bare.feasible && bare.added).toEqual([{ nodeGroup: 'c5', zone: null, count: 2, nodes: ['c5-1', 'c5-2'] }]);
    expect(perNode(bare)).toEqual({ 'c5-1': 4, 'c5-2': 4 });
    const daemonSets = [
      daemonPod('logs', 'full-1', '500m'),
      daemonPod('node-exporter', 'full-1', '500m', { nodeSelector: { [OS]: 'linux' } }),
      // Selects the old instance type, which the template lacks: not on the new nodes.
      daemonPod('old-pool-agent', 'full-1', '0', { nodeSelector: { [INSTANCE_TYPE]: 'm5.4xlarge' } }),
    ];
    const withDaemonSets = scaleUp(daemonSets, [target()]);
    expect(withDaemonSets.feasible && withDaemonSets.added).toEqual([{ nodeGroup: 'c5', zone: null, count: 3, nodes: ['c5-1', 'c5-2', 'c5-3'] }]);
    expect(Object.values(perNode(withDaemonSets)).sort()).toEqual([2, 3, 3]);
    expect(withDaemonSets.feasible && withDaemonSets.plan.summary).toEqual({ replicas: 8, scheduled: 8, unschedulable: 0 });
  });

  it('a template taint a DaemonSet does not tolerate keeps it off (replicas that tolerate it: 2 nodes); untainted it costs a third', () => {
    const daemonSets = [daemonPod('logs', 'full-1', '1')];
    const tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    const tainted = scaleUp(daemonSets, [target({ taints: [batchTaint] })], tolerations);
    expect(tainted.feasible && tainted.totalNodes).toBe(2);
    const untainted = scaleUp(daemonSets, [target()], tolerations);
    expect(untainted.feasible && untainted.totalNodes).toBe(3);
  });
});

describe('DaemonSets read from their pods', () => {
  const objects = [
    node('n1', { labels: { [OS]: 'linux' } }),
    node('n2', { labels: { [OS]: 'linux' } }),
    daemonPod('logs', 'n2', '500m'),
    daemonPod('logs', 'n1', '500m'),
    daemonPod('node-exporter', 'n1', '250m', { nodeSelector: { [OS]: 'linux' } }),
    pod('web-1', 'n1', { owner: 'ReplicaSet/web' }),
  ];
  const cluster = ClusterState.fromObjects(importCluster(objects, { basePath: 'objects' }).objects);

  it('one per DaemonSet, in namespace/name order, its pod unpinned and unbound', () => {
    const daemonSets = daemonSetsOf(cluster);
    expect(daemonSets.map((sample) => `${sample.namespace}/${sample.name}`)).toEqual(['kube-system/logs', 'kube-system/node-exporter']);
    expect(daemonSets[0].pod.spec?.nodeName).toBeUndefined();
    expect(daemonSets[0].pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
  });

  it('a new node gets a bound pod of each DaemonSet that runs on it, and their requests', () => {
    const fork = cluster.fork();
    const fresh = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'new-1', labels: { [OS]: 'windows' } }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } };
    addNodeWithDaemonSets(fork, fresh, daemonSetsOf(cluster));
    const added = fork.node('new-1')!;
    expect(added.pods.map((entry) => [entry.key, entry.pod.spec?.nodeName])).toEqual([['kube-system/logs-new-1', 'new-1']]);
    expect(added.requested.cpu).toBe(500);
    expect(cluster.node('new-1')).toBeUndefined();
  });
});
