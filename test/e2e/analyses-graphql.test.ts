/** The analyses as GraphQL mutations and the plan diff as a query: same answers as REST, typed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { batch, deployment, nodeTemplate, threeZones, webAcrossZones } from './analyses-fixtures.js';

describe('what-if analyses over GraphQL', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const response = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    topologyId = response.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('capacity: 3 zone-exclusive replicas, one per zone', async () => {
    const response = await testApp.graphql(
      `mutation($input: CapacityInput!) { capacity(input: $input) { mode workloads { workload { name } additionalReplicas limitedBy byZone { name count } suggestions { feasibleNodes } } } }`,
      { input: { topologyId, workloads: [webAcrossZones()], maxReplicas: 10 } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.capacity).toEqual({
      mode: 'each',
      workloads: [
        {
          workload: { name: 'web' },
          additionalReplicas: 3,
          limitedBy: expect.stringMatching(/^0\/6 nodes are available: 6 node\(s\) didn't match pod anti-affinity rules\./),
          byZone: [
            { name: 'a', count: 1 },
            { name: 'b', count: 1 },
            { name: 'c', count: 1 },
          ],
          suggestions: [],
        },
      ],
    });
  });

  it('scaleUp: one node in each of zones d and e, with the plan on the enlarged cluster', async () => {
    const response = await testApp.graphql(
      `mutation($input: ScaleUpInput!) { scaleUp(input: $input) { feasible reason totalNodes added { nodeGroup zone count nodes } plan { summary { scheduled } } } }`,
      { input: { topologyId, workloads: [webAcrossZones()], nodeGroups: [{ name: 'general', template: nodeTemplate('4'), zones: ['a', 'b', 'c', 'd', 'e'] }] } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.scaleUp).toEqual({
      feasible: true,
      reason: null,
      totalNodes: 2,
      added: [
        { nodeGroup: 'general', zone: 'd', count: 1, nodes: ['general-1'] },
        { nodeGroup: 'general', zone: 'e', count: 1, nodes: ['general-2'] },
      ],
      plan: { summary: { scheduled: 5 } },
    });
  });

  it('failureDomains: losing zone b leaves the web replica there unplaceable', async () => {
    const response = await testApp.graphql(
      `mutation($input: FailureDomainsInput!) { failureDomains(input: $input) { topologyKey domains { domain workloads { lost rescheduled unplaceable } } verdicts { fullyRecovers worstDomain verdict } } }`,
      { input: { topologyId, workloads: [webAcrossZones()] } },
    );
    expect(response.errors).toBeUndefined();
    const result = response.data!.failureDomains;
    expect(result.domains.find((domain: any) => domain.domain === 'b').workloads).toEqual([{ lost: 1, rescheduled: 0, unplaceable: 1 }]);
    expect(result.verdicts[0]).toMatchObject({ fullyRecovers: false, worstDomain: 'a' });
    expect(result.verdicts[0].verdict).toMatch(/does not survive the loss of topology\.kubernetes\.io\/zone=a/);
  });

  it('fitSuggestions and compareConfigs answer with typed results', async () => {
    const fit = await testApp.graphql(
      `mutation($input: FitSuggestionsInput!) { fitSuggestions(input: $input) { summary { unschedulable } unplaceable { pod suggestions { change { kind zone like } feasibleNodes } } } }`,
      { input: { topologyId, workloads: [batch(49)] } },
    );
    expect(fit.errors).toBeUndefined();
    expect(fit.data!.fitSuggestions.summary.unschedulable).toBe(1);
    expect(fit.data!.fitSuggestions.unplaceable[0].suggestions[0]).toEqual({ change: { kind: 'addNode', zone: 'a', like: 'a1' }, feasibleNodes: 1 });

    const compared = await testApp.graphql(
      `mutation($input: CompareConfigsInput!) { compareConfigs(input: $input) { configs { name summary { scheduled } utilisation { nodesInUse cpu { stddev } } diffFromFirst { unchanged } } } }`,
      { input: { topologyId, workloads: [batch(2)], configs: [{ name: 'one' }, { name: 'two' }] } },
    );
    expect(compared.errors).toBeUndefined();
    expect(compared.data!.compareConfigs.configs[1]).toMatchObject({ name: 'two', summary: { scheduled: 2 }, diffFromFirst: { unchanged: 2 } });
  });

  it('planDiff: the replicas a cordoned zone pushes elsewhere', async () => {
    const first = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('api', 3)] });
    const second = await testApp
      .http()
      .post(`/v1/topologies/${topologyId}/plans`)
      .send({ workloads: [deployment('api', 3)], scenario: [{ op: 'cordon', selector: 'topology.kubernetes.io/zone=a' }] });
    const response = await testApp.graphql(`query($a: ID!, $b: ID!) { planDiff(first: $a, second: $b) { moved { pod from to toZone } newlyPlaced { pod } newlyUnplaceable { pod } } }`, {
      a: first.body.id,
      b: second.body.id,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.planDiff.moved.length).toBeGreaterThan(0);
    expect(response.data!.planDiff.moved.every((move: any) => move.toZone !== 'a')).toBe(true);
    expect(response.data!.planDiff).toMatchObject({ newlyPlaced: [], newlyUnplaceable: [] });
  });

  it('a stored analysis reads back by id with its typed result', async () => {
    const run = await testApp.graphql(`mutation($input: CapacityInput!) { capacity(input: $input) { id } }`, {
      input: { topologyId, workloads: [batch(1)], maxReplicas: 4 },
    });
    const id = run.data!.capacity.id;
    expect(id).toEqual(expect.any(String));
    const read = await testApp.graphql(`query($id: ID!) { analysis(id: $id) { id kind revision capacity { workloads { additionalReplicas } } scaleUp { feasible } } }`, { id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.analysis).toEqual({ id, kind: 'capacity', revision: 1, capacity: { workloads: [{ additionalReplicas: 4 }] }, scaleUp: null });
  });

  it('bad input is BAD_USER_INPUT with the field path', async () => {
    const response = await testApp.graphql(`mutation($input: CapacityInput!) { capacity(input: $input) { mode } }`, {
      input: { topologyId, workloads: [batch(1)], scenario: [{ op: 'cordon', names: ['nope'] }] },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors).toEqual([{ path: 'scenario[0].names[0]', message: 'node "nope" is not in the cluster' }]);
  });
});
