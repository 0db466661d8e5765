/**
 * The facts of an explanation over GraphQL, the ones the CLI's --explain
 * prints (#21 "explanations with the facts"), for the viewer: each failing
 * filter's facts as sentences (FilterFailure.facts), the score plugins that
 * skipped a replica and why (unscoredPlugins), and what each replica requests
 * (requests, for "after the plan" utilisation) — on stored plans and dry runs
 * alike. Fixtures are the CLI's: cluster.json (a1 runs db-0 with 1 CPU and
 * 2Gi, b1 is empty, c1 is tainted dedicated=batch:NoSchedule; 2 CPUs and 8Gi
 * each).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FIXTURES = new URL('../cli/fixtures/', import.meta.url);

async function fixture(name: string): Promise<unknown> {
  return parse(await readFile(new URL(name, FIXTURES), 'utf8'));
}

const GIB = 2 ** 30;

const STORED_REPLICA = /* GraphQL */ `
  query Replica($planId: ID!) {
    plan(id: $planId) {
      placements(first: 1) {
        edges { node {
          pod requests { cpuMillicores memoryBytes } unscoredPlugins { plugin reason }
          nodes(feasible: false, first: 10) { edges { node { node filters { plugin reason facts } } } }
        } }
      }
    }
  }
`;

describe('explanation facts over GraphQL', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const cluster = (await readFile(new URL('cluster.json', FIXTURES), 'utf8')).toString();
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "facts", objects: $objects }) { id } }', {
      objects: [JSON.parse(cluster)],
    });
    expect(created.errors).toBeUndefined();
    topologyId = (created.data as { createTopology: { id: string } }).createTopology.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function storedReplica(workloadFile: string) {
    const created = await testApp.graphql('mutation($topologyId: ID!, $workloads: JSON!) { createPlan(input: { topologyId: $topologyId, workloads: $workloads }) { id } }', {
      topologyId,
      workloads: [await fixture(workloadFile)],
    });
    expect(created.errors).toBeUndefined();
    const planId = (created.data as { createPlan: { id: string } }).createPlan.id;
    const answer = await testApp.graphql(STORED_REPLICA, { planId });
    expect(answer.errors).toBeUndefined();
    return (answer.data as { plan: { placements: { edges: { node: StoredReplica }[] } } }).plan.placements.edges[0].node;
  }

  interface StoredReplica {
    pod: string;
    requests: { cpuMillicores: number; memoryBytes: number } | null;
    unscoredPlugins: { plugin: string; reason: string }[];
    nodes: { edges: { node: { node: string; filters: { plugin: string; reason: string; facts: string[] }[] } }[] };
  }

  it('gives each failing filter its facts as the CLI prints them, and the replica\'s requests', async () => {
    const replica = await storedReplica('big-request.yaml');
    expect(replica.requests).toEqual({ cpuMillicores: 1500, memoryBytes: 9 * GIB });
    const byNode = Object.fromEntries(replica.nodes.edges.map(({ node }) => [node.node, node.filters]));
    expect(byNode.a1).toEqual([
      { plugin: 'NodeResourcesFit', reason: 'Insufficient cpu', facts: ['cpu: requested 1500m, in use 1000m of 2000m allocatable'] },
      { plugin: 'NodeResourcesFit', reason: 'Insufficient memory', facts: ['memory: requested 9Gi, in use 2Gi of 8Gi allocatable'] },
    ]);
    expect(byNode.c1).toEqual([
      { plugin: 'TaintToleration', reason: 'node(s) had untolerated taint(s)', facts: ['taint dedicated=batch:NoSchedule is not tolerated'] },
      { plugin: 'NodeResourcesFit', reason: 'Insufficient memory', facts: ['memory: requested 9Gi, in use 0 of 8Gi allocatable'] },
    ]);
  });

  it('says which score plugin skipped and why: spreading with DoNotSchedule constraints only', async () => {
    const replica = await storedReplica('zone-spread.yaml');
    expect(replica.requests).toEqual({ cpuMillicores: 100, memoryBytes: 0 });
    expect(replica.unscoredPlugins.map((unscored) => unscored.plugin)).toContain('PodTopologySpread');
    expect(replica.unscoredPlugins.find((unscored) => unscored.plugin === 'PodTopologySpread')?.reason).toBe(
      "the pod's spread constraints are all DoNotSchedule (they filter, they do not score), or it has none and no default constraint applies",
    );
    // A Deployment without constraints gets the default ScheduleAnyway ones: spreading scores.
    const web = await storedReplica('web.yaml');
    expect(web.unscoredPlugins.map((unscored) => unscored.plugin)).not.toContain('PodTopologySpread');
  });

  it('gives a dry run the same requests and skipped plugins', async () => {
    const answer = await testApp.graphql(
      'mutation($topologyId: ID!, $workloads: JSON!) { simulate(input: { topologyId: $topologyId, workloads: $workloads }) { placements { pod requests { cpuMillicores memoryBytes } unscoredPlugins { plugin } } } }',
      { topologyId, workloads: [await fixture('zone-spread.yaml')] },
    );
    expect(answer.errors).toBeUndefined();
    const [first] = (answer.data as { simulate: { placements: { requests: unknown; unscoredPlugins: { plugin: string }[] }[] } }).simulate.placements;
    expect(first.requests).toEqual({ cpuMillicores: 100, memoryBytes: 0 });
    expect(first.unscoredPlugins.map((unscored) => unscored.plugin)).toContain('PodTopologySpread');
  });
});
