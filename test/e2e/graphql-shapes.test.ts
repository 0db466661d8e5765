/** GraphQL shapes that fit the ecosystem: one placement shape, enums, DateTime, and analyses as queries that store nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from './plans-fixtures.js';

const PLACEMENT = 'fragment Replica on ReplicaPlacement { pod nodeName zone placedOn { name zone labels } }';

describe('GraphQL shapes', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "shapes", objects: $objects }) { id } }', { objects: threeZones() });
    expect(created.errors).toBeUndefined();
    topologyId = created.data!.createTopology.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('one fragment reads simulated and stored placements alike; simulate keeps node as a name', async () => {
    const workloads = [deployment('ha', 4, zoneAntiAffinity('ha'))];
    const simulated = await testApp.graphql(
      `mutation($t: ID, $w: JSON!) { simulate(input: { topologyId: $t, workloads: $w }) { mode explain placements { node ...Replica } } } ${PLACEMENT}`,
      { t: topologyId, w: workloads },
    );
    expect(simulated.errors).toBeUndefined();
    expect(simulated.data!.simulate).toMatchObject({ mode: 'exhaustive', explain: 'summary' });
    const inline = await testApp.graphql(`mutation($o: JSON, $w: JSON!) { simulate(input: { objects: $o, workloads: $w }) { placements { ...Replica } } } ${PLACEMENT}`, {
      o: threeZones(),
      w: workloads,
    });
    expect(inline.errors).toBeUndefined();
    const created = await testApp.graphql('mutation($t: ID!, $w: JSON!) { createPlan(input: { topologyId: $t, workloads: $w }) { id status mode createdAt } }', { t: topologyId, w: workloads });
    expect(created.errors).toBeUndefined();
    const plan = created.data!.createPlan;
    expect(plan).toMatchObject({ status: 'succeeded', mode: 'exhaustive' });
    expect(new Date(plan.createdAt).toISOString()).toBe(plan.createdAt);
    const stored = await testApp.graphql(`query($id: ID!) { plan(id: $id) { placements { edges { node { ...Replica } } } } } ${PLACEMENT}`, { id: plan.id });
    expect(stored.errors).toBeUndefined();

    const simulatedPlacements = simulated.data!.simulate.placements;
    const storedPlacements = stored.data!.plan.placements.edges.map((edge: any) => edge.node);
    const withoutNode = simulatedPlacements.map(({ node: _node, ...rest }: any) => rest);
    expect(storedPlacements).toEqual(withoutNode);
    expect(inline.data!.simulate.placements).toEqual(withoutNode);
    const [placed] = simulatedPlacements;
    expect(placed.node).toBe(placed.nodeName);
    expect(placed.placedOn).toEqual({ name: placed.node, zone: placed.zone, labels: expect.objectContaining({ 'kubernetes.io/hostname': placed.node, 'topology.kubernetes.io/zone': placed.zone }) });
    const unplaced = simulatedPlacements[3];
    expect(unplaced).toMatchObject({ node: null, nodeName: null, placedOn: null });
  });

  it('filter codes are an enum; the node table reads edges { node { name } }', async () => {
    const response = await testApp.graphql(
      `mutation($o: JSON, $w: JSON!) { simulate(input: { objects: $o, workloads: $w, explain: full }) { placements { nodes { name node feasible filters { code } } } } }`,
      { o: threeZones(), w: [deployment('ha', 4, zoneAntiAffinity('ha'))] },
    );
    expect(response.errors).toBeUndefined();
    const table = response.data!.simulate.placements[3].nodes;
    // InterPodAffinity's anti-affinity rejection is Unschedulable: preemption could free a node (interpodaffinity/filtering.go).
    expect(table.every((entry: any) => entry.name === entry.node && !entry.feasible)).toBe(true);
    expect(new Set(table.flatMap((entry: any) => entry.filters.map((filter: any) => filter.code)))).toEqual(new Set(['Unschedulable']));
    const codes = await testApp.graphql('{ __type(name: "FilterFailure") { fields { name type { kind ofType { name kind } } } } }');
    expect(codes.data!.__type.fields.find((field: any) => field.name === 'code').type).toEqual({ kind: 'NON_NULL', ofType: { name: 'FilterCode', kind: 'ENUM' } });
  });

  it('capacity and failureDomains as queries answer without storing; the mutations store', async () => {
    const input = { topologyId, workloads: [deployment('ha', 2, zoneAntiAffinity('ha'))] };
    const CAPACITY = 'capacity(input: $input) { id mode workloads { additionalReplicas byZone { name count } replicasByZone { zone replicas workloads { workload { name } replicas } } } }';
    const asQuery = await testApp.graphql(`query($input: CapacityInput!) { ${CAPACITY} }`, { input });
    expect(asQuery.errors).toBeUndefined();
    expect(asQuery.data!.capacity).toMatchObject({ id: null, mode: 'each' });
    const [capacity] = asQuery.data!.capacity.workloads;
    expect(capacity.additionalReplicas).toBe(3);
    expect(capacity.replicasByZone).toEqual(
      capacity.byZone.map(({ name, count }: any) => ({ zone: name, replicas: count, workloads: [{ workload: { name: 'ha' }, replicas: count }] })),
    );
    const asMutation = await testApp.graphql(`mutation($input: CapacityInput!) { ${CAPACITY} }`, { input });
    expect(asMutation.errors).toBeUndefined();
    expect(asMutation.data!.capacity.id).toEqual(expect.any(String));
    expect(asMutation.data!.capacity.workloads).toEqual(asQuery.data!.capacity.workloads);

    const domains = await testApp.graphql('query($input: FailureDomainsInput!) { failureDomains(input: $input) { id topologyKey verdicts { fullyRecovers } } }', { input });
    expect(domains.errors).toBeUndefined();
    expect(domains.data!.failureDomains).toMatchObject({ id: null, topologyKey: 'topology.kubernetes.io/zone' });

    const stored = await testApp.graphql('query($id: ID!) { analysis(id: $id) { kind createdAt } }', { id: asMutation.data!.capacity.id });
    expect(stored.data!.analysis.kind).toBe('capacity');
    const storedCount = await testApp.app.get((await import('typeorm')).DataSource).query('SELECT count(*)::int AS count FROM analyses');
    expect(storedCount[0].count).toBe(1);
  });
});
