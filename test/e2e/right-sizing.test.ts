/**
 * Consolidation and node-pool migration end to end: REST and GraphQL against
 * real Postgres on the shop cluster of test/cli/fixtures (the README's
 * example, answers worked out by hand), stored and read back, bad input
 * refused with its path before anything runs, and a real EKS capture from
 * ../shared/realdata (required: the test fails when it is missing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FIXTURES = new URL('../cli/fixtures/', import.meta.url).pathname;
const EKS = new URL('../../../shared/realdata/eks-cluster-info-dump/', import.meta.url).pathname;
const shopCluster = () => parseAllDocuments(readFileSync(`${FIXTURES}right-sizing-cluster.yaml`, 'utf8')).map((document) => document.toJS());
const shopGroups = () => parse(readFileSync(`${FIXTURES}right-sizing-groups.yaml`, 'utf8')) as Record<string, unknown>[];
const M5 = 'node.kubernetes.io/instance-type=m5.2xlarge';

describe('right-sizing analyses over REST and GraphQL', () => {
  let testApp: TestApp;
  let shop: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const response = await testApp.http().post('/v1/topologies').send({ name: 'shop', objects: shopCluster() });
    expect(response.status).toBe(201);
    shop = response.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const post = (path: string, body: object) => testApp.http().post(path).send(body);

  it('REST consolidation: one node per zone goes, in drain order, and the answer is stored with the topology', async () => {
    const response = await post('/v1/analyses/consolidation', { topologyId: shop, keepPerZone: 1, nodeGroups: shopGroups() });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ kind: 'consolidation', topologyId: shop, revision: 1, verified: true, savings: 0.768, pdbDisruptions: [] });
    expect(body.removable.map((node: any) => [node.order, node.node, node.zone, node.nodeGroup])).toEqual([
      [1, 'm5-a1', 'a', 'm5-2xlarge'],
      [2, 'm5-b1', 'b', 'm5-2xlarge'],
    ]);
    expect(body.removable[0].evicted).toEqual([
      { pod: 'web-7d4b9c-0', namespace: 'shop', to: 'm5-a2' },
      { pod: 'web-7d4b9c-4', namespace: 'shop', to: 'm5-b2' },
    ]);
    expect(body.removable[0].goneWithNode).toEqual(['monitoring/node-exporter-m5-a1']);
    expect(body.kept).toEqual([
      { node: 'm5-a2', because: 'KeepPerZone', reason: 'zone a must keep at least 1 node(s)', rule: null, pod: null, message: null },
      { node: 'm5-b2', because: 'KeepPerZone', reason: 'zone b must keep at least 1 node(s)', rule: null, pod: null, message: null },
    ]);
    expect(body.before).toMatchObject({ nodes: 4, pods: 12, cpu: { mean: 0.325, min: 0.2625, max: 0.3875 }, price: 1.536 });
    expect(body.after).toMatchObject({ nodes: 2, pods: 10, cpu: { mean: 0.6375 }, price: 0.768 });
    const stored = await testApp.http().get(`/v1/analyses/${body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body.request).toMatchObject({ keepPerZone: 1, respectPdbs: true, objective: 'nodes' });
    expect(stored.body.removable).toEqual(body.removable);
    const listed = await testApp.http().get(`/v1/topologies/${shop}/analyses`);
    expect(listed.body.items.map((item: any) => item.kind)).toContain('consolidation');
  });

  it('REST consolidation on an inline cluster whose db PDB allows no disruption: the db nodes stay, and nothing is stored', async () => {
    const objects = shopCluster().map((object) => (object.kind === 'PodDisruptionBudget' ? { ...object, status: { disruptionsAllowed: 0 } } : object));
    const response = await post('/v1/analyses/consolidation', { cluster: { objects } });
    expect(response.status).toBe(200);
    expect(response.body.id).toBeUndefined();
    expect(response.body.removable.map((node: any) => node.node)).toEqual(['m5-a1', 'm5-b1']);
    expect(response.body.kept.map((node: any) => [node.node, node.because, node.pod, node.reason])).toEqual([
      ['m5-a2', 'NotEnoughPdb', 'shop/db-0', 'not enough pod disruption budget to move shop/db-0'],
      ['m5-b2', 'NotEnoughPdb', 'shop/db-1', 'not enough pod disruption budget to move shop/db-1'],
    ]);
    // Without PDBs the db nodes are tried, and found full: with m5-a1 and m5-b1 gone, each db node's pods (in name order, db first) meet the
    // other node's 8 CPUs — the db pod still fits there, the web pods moved onto it from m5-a1 / m5-b1 then do not.
    const ignored = await post('/v1/analyses/consolidation', { cluster: { objects }, respectPdbs: false });
    expect(ignored.body.kept.map((node: any) => [node.node, node.because, node.pod])).toEqual([
      ['m5-a2', 'FailedScheduling', 'shop/web-7d4b9c-0'],
      ['m5-b2', 'FailedScheduling', 'shop/web-7d4b9c-2'],
    ]);
    expect(ignored.body.kept[0].message).toBe('0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  // Every c6i node starts with node-exporter (100m): 3.9 cpu left, so at most 3 cpu of pods (db 2 + web 1, or web × 3) and 10 cpu need 4 nodes.
  it('REST migration: the m5 pool moves to four c6i.xlarge nodes, two per zone, node-exporter taking its 100m on each', async () => {
    const response = await post('/v1/analyses/migration', { topologyId: shop, from: M5, nodeGroups: shopGroups() });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ kind: 'migration', feasible: true, totalNodes: 4, totalPrice: 0.68, unmovable: [], goneWithNodes: 4, cost: { before: 1.536, after: 0.68 } });
    expect(body.added.map((addition: any) => [addition.nodeGroup, addition.zone, addition.count])).toEqual([
      ['c6i-xlarge', 'a', 2],
      ['c6i-xlarge', 'b', 2],
    ]);
    expect(body.placements).toHaveLength(8);
    expect(body.plan.summary).toMatchObject({ replicas: 8, scheduled: 8, unschedulable: 0 });
    // The web replicas stay spread 3/3 over the zones.
    const zoneOf = (node: string) => body.added.find((addition: any) => addition.nodes.includes(node)).zone;
    const web = body.placements.filter((placement: any) => placement.pod.startsWith('web-'));
    expect(web.filter((placement: any) => zoneOf(placement.to) === 'a')).toHaveLength(3);
  });

  it('GraphQL: consolidation and migration mutations, and the stored analysis query', async () => {
    const consolidation = await testApp.graphql(
      `mutation($input: ConsolidationInput!) { consolidation(input: $input) {
         id verified savings removable { node order evicted { pod to } } kept { node because reason } after { nodes } search { stoppedBy } } }`,
      { input: { topologyId: shop, keepPerZone: 1, nodeGroups: shopGroups(), rules: { localStorage: false } } },
    );
    expect(consolidation.errors).toBeUndefined();
    const result = consolidation.data!.consolidation as any;
    expect(result).toMatchObject({ verified: true, savings: 0.768, after: { nodes: 2 }, search: { stoppedBy: null } });
    expect(result.removable.map((node: any) => node.node)).toEqual(['m5-a1', 'm5-b1']);
    const stored = await testApp.graphql(`query($id: ID!) { analysis(id: $id) { kind consolidation { removable { node } } migration { totalNodes } } }`, { id: result.id });
    expect(stored.data!.analysis).toEqual({ kind: 'consolidation', consolidation: { removable: [{ node: 'm5-a1' }, { node: 'm5-b1' }] }, migration: null });

    const migration = await testApp.graphql(
      `mutation($input: MigrationInput!) { migration(input: $input) { feasible totalNodes totalPrice added { nodeGroup zone count } cost { before after } plan { summary { scheduled } } } }`,
      { input: { objects: shopCluster(), from: M5, nodeGroups: shopGroups(), keepOld: false } },
    );
    expect(migration.errors).toBeUndefined();
    expect(migration.data!.migration).toEqual({
      feasible: true,
      totalNodes: 4,
      totalPrice: 0.68,
      added: [
        { nodeGroup: 'c6i-xlarge', zone: 'a', count: 2 },
        { nodeGroup: 'c6i-xlarge', zone: 'b', count: 2 },
      ],
      cost: { before: 1.536, after: 0.68 },
      plan: { summary: { scheduled: 8 } },
    });
  });

  describe('bad input: 400 with the path, nothing run or stored', () => {
    it.each([
      ['a selector that does not parse', '/v1/analyses/consolidation', { candidates: 'pool in (a' }, 'candidates'],
      ['an unknown rule', '/v1/analyses/consolidation', { rules: { pdbs: false } }, 'rules'],
      ['objective price without prices', '/v1/analyses/consolidation', { objective: 'price' }, 'nodeGroups'],
      ['a negative keepPerZone', '/v1/analyses/consolidation', { keepPerZone: -1 }, 'keepPerZone'],
      ['a time budget past the maximum', '/v1/analyses/consolidation', { timeBudgetMs: 10_000_000 }, 'timeBudgetMs'],
      ['migration without from', '/v1/analyses/migration', { nodeGroups: [{ name: 'x', template: {} }] }, 'from'],
      ['migration with an empty from', '/v1/analyses/migration', { from: ' ', nodeGroups: [{ name: 'x', template: {} }] }, 'from'],
      ['migration without node groups', '/v1/analyses/migration', { from: M5, nodeGroups: [] }, 'nodeGroups'],
    ])('%s', async (_name, path, fields, errorPath) => {
      const before = await testApp.http().get(`/v1/topologies/${shop}/analyses?limit=100`);
      const response = await post(path, { topologyId: shop, ...fields });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((error: { path: string }) => error.path).some((found: string) => found.startsWith(errorPath))).toBe(true);
      const after = await testApp.http().get(`/v1/topologies/${shop}/analyses?limit=100`);
      expect(after.body.items).toHaveLength(before.body.items.length);
    });

    it('a from selecting no node is a 400 at from', async () => {
      const response = await post('/v1/analyses/migration', { topologyId: shop, from: 'pool=none', nodeGroups: shopGroups() });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'from', message: 'selects no node of the cluster' }]);
    });

    it('an unknown field gets a suggestion', async () => {
      const response = await post('/v1/analyses/consolidation', { topologyId: shop, keepPerZon: 1 });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toMatch(/keepPerZon/);
    });

    it('GraphQL bad input is BAD_USER_INPUT with the field path', async () => {
      const response = await testApp.graphql(`mutation($input: ConsolidationInput!) { consolidation(input: $input) { verified } }`, { input: { topologyId: shop, candidates: 'a in (' } });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('a real EKS capture: the node with only DaemonSet pods goes; coredns in kube-system without a PDB keeps the other', async () => {
    expect(existsSync(EKS)).toBe(true);
    const objects = ['nodes.json', 'pods-kube-system.json', 'daemonsets-kube-system.json', 'deployments-kube-system.json'].map((file) => JSON.parse(readFileSync(`${EKS}${file}`, 'utf8')));
    const imported = await testApp.http().post('/v1/topologies').send({ name: 'eks', objects });
    expect(imported.status).toBe(201);
    const response = await post('/v1/analyses/consolidation', { topologyId: imported.body.id });
    expect(response.status).toBe(200);
    expect(response.body.removable.map((node: any) => [node.node, node.evicted, node.goneWithNode])).toEqual([
      ['ip-10-0-20-143.ec2.internal', [], ['kube-system/aws-node-ljk2n', 'kube-system/kube-proxy-82mb2']],
    ]);
    expect(response.body.kept).toEqual([
      {
        node: 'ip-10-0-10-170.ec2.internal',
        because: 'UnmovableKubeSystemPod',
        rule: 'system',
        pod: 'kube-system/coredns-789f8477df-knmwr',
        reason: 'non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: coredns-789f8477df-knmwr',
        message: null,
      },
    ]);
    // Moving the node with coredns: both replicas fit on the other node.
    const migration = await post('/v1/analyses/migration', { topologyId: imported.body.id, from: 'kubernetes.io/hostname=ip-10-0-10-170.ec2.internal', nodeGroups: shopGroups() });
    expect(migration.status).toBe(200);
    expect(migration.body).toMatchObject({ feasible: true, totalNodes: 0, goneWithNodes: 2 });
    expect(migration.body.placements.map((placement: any) => placement.to)).toEqual(['ip-10-0-20-143.ec2.internal', 'ip-10-0-20-143.ec2.internal']);
  });
});
