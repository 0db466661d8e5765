/**
 * A stored plan with a scenario shows its placements' nodes as the plan saw them:
 * nodes the scenario added carry their zone and labels, a relabelled node its new
 * zone (not the base revision's), over REST and GraphQL alike; its node list
 * (`GET /v1/plans/{id}/nodes`) lists the nodes of the edited cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zonedNode } from './plans-fixtures.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';

/** One replica per node: required anti-affinity on the hostname. */
const onePerNode = {
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOSTNAME, labelSelector: { matchLabels: { app: 'web' } } }] } },
};

/** Keeps a1 (relabelled into zone "e") and adds extra-1, extra-2 in the new zone "d"; every other node goes. */
const scenario = [
  { op: 'removeNodes', names: ['a2', 'b1', 'b2', 'c1', 'c2'] },
  { op: 'label', names: ['a1'], labels: { [ZONE]: 'e', tier: 'relabelled' } },
  { op: 'addNodes', template: zonedNode('template', 'a'), count: 2, namePrefix: 'extra', zones: ['d'] },
];

/** The zone each node of the plan's cluster has after the scenario. */
const scenarioZones: Record<string, string> = { a1: 'e', 'extra-1': 'd', 'extra-2': 'd' };

describe('a stored plan with a scenario shows the nodes it planned on', () => {
  let testApp: TestApp;
  let api: PodplanApi;
  let planId: string;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
    const topology = await api.POST('/v1/topologies', { body: { name: 'scenario-nodes', objects: threeZones() } });
    expect(topology.response.status).toBe(201);
    topologyId = topology.data!.id;
    const plan = await api.POST('/v1/topologies/{id}/plans', {
      params: { path: { id: topologyId } },
      body: { workloads: [deployment('web', 3, onePerNode)], scenario },
    });
    expect(plan.response.status).toBe(201);
    planId = plan.data!.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST: every replica lands on a node of the edited cluster, in that node\'s scenario zone', async () => {
    const { data, response } = await api.GET('/v1/plans/{id}', { params: { path: { id: planId } } });
    expect(response.status).toBe(200);
    const placements = data!.placements.map((placement) => ({ node: placement.node, zone: placement.zone }));
    expect(placements.map((placement) => placement.node).sort()).toEqual(['a1', 'extra-1', 'extra-2']);
    for (const placement of placements) expect(placement.zone).toBe(scenarioZones[placement.node!]);
  });

  it('REST: the plan\'s node list is the edited cluster: added nodes in zone d, a1 in zone e, removed nodes gone', async () => {
    const { data, response } = await api.GET('/v1/plans/{id}/nodes', { params: { path: { id: planId } } });
    expect(response.status).toBe(200);
    expect(data!.totalCount).toBe(3);
    const nodes = data!.items.map((node) => ({ name: node.name, zone: node.zone, labels: node.labels }));
    expect(nodes.map((node) => node.name)).toEqual(['a1', 'extra-1', 'extra-2']);
    for (const node of nodes) expect(node).toEqual({ name: node.name, zone: scenarioZones[node.name], labels: expect.objectContaining({ [ZONE]: scenarioZones[node.name] }) });
    const inZoneD = await api.GET('/v1/plans/{id}/nodes', { params: { path: { id: planId }, query: { zone: 'd', withPlannedReplicas: 'true' } } });
    expect(inZoneD.data!.items.map((node) => node.name)).toEqual(['extra-1', 'extra-2']);
  });

  it('GraphQL: placedOn carries the added nodes\' zone and labels and the relabelled node\'s new zone', async () => {
    const response = await testApp.graphql(
      'query($id: ID!) { plan(id: $id) { placements { edges { node { nodeName zone placedOn { name zone labels } } } } } }',
      { id: planId },
    );
    expect(response.errors).toBeUndefined();
    const placements = response.data!.plan.placements.edges.map((edge: any) => edge.node);
    expect(placements.map((placement: any) => placement.nodeName).sort()).toEqual(['a1', 'extra-1', 'extra-2']);
    for (const placement of placements) {
      const zone = scenarioZones[placement.nodeName];
      expect(placement.zone).toBe(zone);
      expect(placement.placedOn).toEqual({
        name: placement.nodeName,
        zone,
        labels: expect.objectContaining({ [HOSTNAME]: placement.nodeName, [ZONE]: zone }),
      });
    }
    const relabelled = placements.find((placement: any) => placement.nodeName === 'a1');
    expect(relabelled.placedOn.labels.tier).toBe('relabelled');
    const added = placements.find((placement: any) => placement.nodeName === 'extra-1');
    expect(added.placedOn.labels['node.kubernetes.io/instance-type']).toBe('m5.xlarge');
  });

  it('GraphQL simulate with the same scenario shows the same nodes, on a saved topology and inline', async () => {
    const query = `mutation($t: ID, $o: JSON, $w: JSON!, $s: JSON) {
      simulate(input: { topologyId: $t, objects: $o, workloads: $w, scenario: $s }) { placements { nodeName placedOn { name zone labels } } }
    }`;
    const workloads = [deployment('web', 3, onePerNode)];
    for (const cluster of [{ t: topologyId }, { o: threeZones() }]) {
      const response = await testApp.graphql(query, { ...cluster, w: workloads, s: scenario });
      expect(response.errors).toBeUndefined();
      const placements = response.data!.simulate.placements;
      expect(placements.map((placement: any) => placement.nodeName).sort()).toEqual(['a1', 'extra-1', 'extra-2']);
      for (const placement of placements) {
        expect(placement.placedOn.zone).toBe(scenarioZones[placement.nodeName]);
        expect(placement.placedOn.labels[ZONE]).toBe(scenarioZones[placement.nodeName]);
      }
    }
  });
});
