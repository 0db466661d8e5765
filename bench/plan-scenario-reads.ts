/**
 * `npm run bench:scenario-reads` (issue 21): reads of a stored plan with a
 * scenario on a 5,000-node topology through the built service. Such a plan's
 * node list (GET /v1/plans/{id}/nodes, GraphQL Plan.nodes) and its placements'
 * placedOn (GraphQL Plan.placements) show the cluster the plan ran on — the
 * revision with the scenario's edits applied, a `scale` edit's replicas
 * placed — which the engine prepares again unless it is kept
 * (plans/plan-scenario-clusters.ts). Reports each read's first and following
 * times (the median of BENCH_READS more), with the load average.
 *
 * The scenario: 50 nodes added, 10 removed, 20 relabelled, 5 tainted, and a
 * ReplicaSet of 100 running pods scaled to 400 (300 replicas placed by the
 * scenario), under a 100-replica Deployment.
 *
 * Settings (environment): BENCH_NODES (5000), BENCH_EXISTING_PODS (10000), BENCH_READS (5).
 */
import { loadAverage, postJson, seconds, startBenchService, waitFor } from './bench-service.js';
import { deployment, existingPod, syntheticCluster, syntheticNode } from './synthetic-cluster.js';

const nodes = Number(process.env.BENCH_NODES ?? 5000);
const existingPods = Number(process.env.BENCH_EXISTING_PODS ?? 10_000);
const reads = Number(process.env.BENCH_READS ?? 5);
const OWNED = 100;

const objects = syntheticCluster({
  nodes,
  existingPods,
  // The first pods belong to ReplicaSet "api", which the scenario scales.
  existingPod: (index, nodeName) => {
    const pod = existingPod(index, nodeName, index < OWNED ? { app: 'api' } : { app: `existing-${index % 50}` });
    if (index < OWNED) pod.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api', uid: 'api-uid', controller: true }];
    return pod;
  },
});
const nodeName = (index: number) => `node-${String(index).padStart(5, '0')}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, offset) => nodeName(from + offset));
const scenario = [
  { op: 'addNodes', template: syntheticNode(0), count: 50, namePrefix: 'added', zones: ['zone-d'] },
  { op: 'removeNodes', names: range(100, 10) },
  { op: 'label', names: range(200, 20), labels: { tier: 'relabelled', 'topology.kubernetes.io/zone': 'zone-e' } },
  { op: 'taint', names: range(300, 5), taint: { key: 'maintenance', effect: 'NoSchedule' } },
  { op: 'scale', kind: 'ReplicaSet', name: 'api', replicas: 400 },
];
const workloads = [deployment('web', 100, { app: 'web' })];

const loadAtStart = loadAverage();
const service = await startBenchService();
try {
  const { id: topologyId, importSeconds } = await service.importTopology(objects);
  const created = await postJson(`${service.base}/v1/topologies/${topologyId}/plans?limit=1`, { workloads, scenario });
  if (created.status !== 201 && created.status !== 202) throw new Error(`plan answered ${created.status}: ${created.text.slice(0, 2000)}`);
  const planId = (JSON.parse(created.text) as { id: string }).id;
  await waitFor(async () => {
    const plan = (await (await fetch(`${service.base}/v1/plans/${planId}?limit=1`)).json()) as { status: string };
    if (plan.status === 'failed') throw new Error('the plan failed');
    return plan.status === 'succeeded';
  }, 3_600_000);

  const graphql = async (query: string) => {
    const answer = await postJson(`${service.base}/graphql`, { query, variables: { id: planId } });
    const body = JSON.parse(answer.text) as { errors?: unknown };
    if (answer.status !== 200 || body.errors) throw new Error(`GraphQL answered ${answer.status}: ${answer.text.slice(0, 2000)}`);
    return body;
  };
  const restNodes = async () => {
    const answer = await fetch(`${service.base}/v1/plans/${planId}/nodes?limit=50&sort=cpu`);
    if (answer.status !== 200) throw new Error(`nodes answered ${answer.status}`);
    const body = (await answer.json()) as { totalCount: number };
    if (body.totalCount !== nodes + 50 - 10) throw new Error(`listed ${body.totalCount} nodes`);
  };
  const cases: Record<string, () => Promise<unknown>> = {
    'GET /v1/plans/{id}/nodes?limit=50&sort=cpu': restNodes,
    'GraphQL plan.nodes(first: 50)': () => graphql('query($id: ID!) { plan(id: $id) { nodes(first: 50) { totalCount edges { node { name zone } } } } }'),
    'GraphQL plan.placements(first: 50) with placedOn': () => graphql('query($id: ID!) { plan(id: $id) { placements(first: 50) { edges { node { placedOn { name zone } } } } } }'),
  };
  const results: Record<string, { firstSeconds: number; medianSeconds: number; all: number[] }> = {};
  for (const [name, read] of Object.entries(cases)) {
    const times: number[] = [];
    for (let attempt = 0; attempt <= reads; attempt++) {
      const started = performance.now();
      await read();
      times.push(seconds(started));
    }
    const following = times.slice(1).sort((left, right) => left - right);
    results[name] = { firstSeconds: times[0], medianSeconds: following[Math.floor(following.length / 2)], all: times };
  }
  console.log(JSON.stringify({ loadAverageAtStart: loadAtStart, nodes, existingPods, importSeconds, reads: results, loadAverageAfter: loadAverage() }, null, 2));
} finally {
  await service.stop();
}
