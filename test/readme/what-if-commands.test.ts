/**
 * The README's what-if examples ("What-if analyses") run as written with curl and jq against the real
 * service, on examples/three-zones.json and examples/web.json, and answer what the README shows.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeBlock } from '../support/readme-blocks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { jsonDocuments, runShell, type ShellRun } from './support/shell.js';

const WEB = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

describe("the README's what-if commands", () => {
  let testApp: TestApp;
  let server: string;
  let id: string;

  /** Runs one README block against the test server with the topology id the first block stored; it must exit 0 and print no error. */
  async function run(block: string, read: string[] = []): Promise<ShellRun> {
    const result = await runShell(block, { server, env: { ID: id }, read });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    server = `127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
    const stored = await runShell(readmeBlock('what-if-topology'), { server, read: ['ID'] });
    expect(stored.code).toBe(0);
    id = stored.variables.ID;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('the topology is the 3 zones × 2 nodes of examples/three-zones.json', async () => {
    const topology = await testApp.http().get(`/v1/topologies/${id}`);
    expect(topology.body.summary).toMatchObject({ nodes: 6, pods: 0, zones: ['a', 'b', 'c'] });
  });

  it('scenario: without zone b, 2 of 5 replicas are placed', async () => {
    const [answer] = jsonDocuments((await run(readmeBlock('scenario'))).stdout);
    expect(answer.summary).toEqual({ replicas: 5, scheduled: 2, unschedulable: 3 });
    expect(answer.scenario.original.nodes).toBe(6);
    expect(answer.scenario.edited).toMatchObject({ nodes: 4, zones: ['a', 'c'] });
  });

  it('capacity: 3 more fit, one per zone, then anti-affinity stops the next', async () => {
    const [answer] = jsonDocuments((await run(readmeBlock('capacity'))).stdout);
    expect(answer.workloads).toEqual([
      expect.objectContaining({
        workload: WEB,
        additionalReplicas: 3,
        limitedBy: expect.stringMatching(/^0\/6 nodes are available: 6 node\(s\) didn't match pod anti-affinity rules\. .*preemption: /),
        byNode: { a1: 1, b1: 1, c1: 1 },
        byZone: { a: 1, b: 1, c: 1 },
        suggestions: [],
      }),
    ]);
  });

  it('scale-up: one node in each of zones d and e places all five', async () => {
    const [answer] = jsonDocuments((await run(readmeBlock('scale-up'))).stdout);
    expect(answer).toMatchObject({
      feasible: true,
      added: [
        { nodeGroup: 'general', zone: 'd', count: 1, nodes: ['general-1'] },
        { nodeGroup: 'general', zone: 'e', count: 1, nodes: ['general-2'] },
      ],
      totalNodes: 2,
      totalPrice: null,
      plan: { summary: { replicas: 5, scheduled: 5 } },
    });
  });

  it('failure domains: losing any zone leaves its replica unplaceable', async () => {
    const [answer] = jsonDocuments((await run(readmeBlock('failure-domains'))).stdout);
    expect(answer.topologyKey).toBe('topology.kubernetes.io/zone');
    const b = answer.domains.find((domain: { domain: string }) => domain.domain === 'b');
    expect(b).toMatchObject({ nodes: 2, workloads: [{ workload: WEB, lost: 1, rescheduled: 0, unplaceable: 1 }] });
    expect(b.workloads[0].messages[0]).toMatch(/^0\/4 nodes are available: 4 node\(s\) didn't match pod anti-affinity rules\./);
    expect(answer.verdicts).toEqual([
      expect.objectContaining({
        workload: WEB,
        fullyRecovers: false,
        worstDomain: 'a',
        verdict: 'Deployment default/web does not survive the loss of topology.kubernetes.io/zone=a: 1 of 1 lost replicas stay unplaceable',
      }),
    ]);
  });

  it('fit suggestions: tolerating the taint would place the replica, on any of the 6 nodes', async () => {
    const [answer] = jsonDocuments((await run(readmeBlock('fit-suggestions'))).stdout);
    expect(answer.unplaceable[0].pod).toMatch(/^web-/);
    expect(answer.unplaceable[0].message).toMatch(/^0\/6 nodes are available: 6 node\(s\) had untolerated taint\(s\)\./);
    expect(answer.unplaceable[0].suggestions).toEqual([
      { change: { kind: 'tolerateTaint', taint: { key: 'dedicated', value: 'db', effect: 'NoSchedule' } }, feasibleNodes: 6, node: 'a1' },
    ]);
  });

  it('plan diff: cordoning zone a moves two replicas and leaves the third without a node', async () => {
    const ran = await run(readmeBlock('plan-diff'), ['PLAN_A', 'PLAN_B']);
    expect(ran.variables.PLAN_A).toMatch(/^[0-9a-f-]{36}$/);
    expect(ran.variables.PLAN_B).toMatch(/^[0-9a-f-]{36}$/);
    const [diff] = jsonDocuments(ran.stdout);
    expect(diff.moved.map((move: any) => [move.replica, move.from, move.to, move.fromZone, move.toZone])).toEqual([
      [0, 'a1', 'b1', 'a', 'b'],
      [1, 'b1', 'c1', 'b', 'c'],
    ]);
    expect(diff.newlyPlaced).toEqual([]);
    expect(diff.newlyUnplaceable).toEqual([
      expect.objectContaining({ replica: 2, was: 'c1', message: expect.stringMatching(/^0\/6 nodes are available: 2 node\(s\) were unschedulable, 4 node\(s\) didn't match pod anti-affinity rules\./) }),
    ]);
    expect(diff.scoreChanges).toEqual([]);
    expect(diff.unchanged).toBe(2);
  });

  it('consolidation and migration on the shop cluster', async () => {
    const consolidation = await run(readmeBlock('consolidation'), ['SHOP']);
    const [answer] = jsonDocuments(consolidation.stdout);
    expect(answer.removable.map((node: any) => [node.node, node.order, node.zone, node.utilisation])).toEqual([
      ['m5-a1', 1, 'a', 0.2625],
      ['m5-b1', 2, 'b', 0.2625],
    ]);
    expect(answer.removable[0].evicted[0]).toEqual({ pod: 'web-7d4b9c-0', namespace: 'shop', to: 'm5-a2' });
    expect(answer.removable[0].goneWithNode).toEqual(['monitoring/node-exporter-m5-a1']);
    expect(answer.kept[0]).toMatchObject({ node: 'm5-a2', because: 'KeepPerZone', reason: 'zone a must keep at least 1 node(s)' });
    expect(answer).toMatchObject({ before: { nodes: 4, pods: 12, price: 1.536 }, after: { nodes: 2 }, savings: 0.768, pdbDisruptions: [], verified: true });
    expect(answer.before.cpu.mean).toBe(0.325);

    const migration = await runShell(readmeBlock('migration'), { server, env: { SHOP: consolidation.variables.SHOP } });
    expect(migration.code).toBe(0);
    const [moved] = jsonDocuments(migration.stdout);
    expect(moved).toMatchObject({ feasible: true, totalNodes: 4, totalPrice: 0.68, unmovable: [], cost: { before: 1.536, after: 0.68 } });
    expect(moved.added.map((group: any) => [group.nodeGroup, group.zone, group.count])).toEqual([
      ['c6i-xlarge', 'a', 2],
      ['c6i-xlarge', 'b', 2],
    ]);
  });
});
