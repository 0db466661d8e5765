/**
 * Storage fit suggestions over REST and GraphQL (issue 13): an Immediate
 * class → waitForFirstConsumer, a class provisioned only in a full zone →
 * allowTopology for the zone with room; both verified by re-planning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { immediateClassCluster, statefulSet, ZONE, zoneCFallbackCluster } from '../analyses/storage-analysis-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('storage fit suggestions through the API', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST: waitForFirstConsumer for the Immediate class, verified on 2 nodes', async () => {
    const response = await testApp
      .http()
      .post('/v1/analyses/fit-suggestions')
      .send({ cluster: { objects: immediateClassCluster() }, workloads: [statefulSet(1, 'fast')] });
    expect(response.status).toBe(200);
    expect(response.body.unplaceable.map((replica: { pod: string; suggestions: unknown }) => [replica.pod, replica.suggestions])).toEqual([
      ['db-0', [{ change: { kind: 'waitForFirstConsumer', storageClass: 'fast' }, feasibleNodes: 2, node: 'b-1' }]],
    ]);
  });

  it('GraphQL: allowTopology for zone c (typed fields), then a node in zone b', async () => {
    const response = await testApp.graphql(
      `mutation($input: FitSuggestionsInput!) { fitSuggestions(input: $input) { unplaceable { pod suggestions { change { kind storageClass topologyKey value zone like } feasibleNodes node } } } }`,
      { input: { objects: zoneCFallbackCluster(), workloads: [statefulSet(2, 'regional')] } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.fitSuggestions.unplaceable).toEqual([
      {
        pod: 'db-1',
        suggestions: [
          { change: { kind: 'allowTopology', storageClass: 'regional', topologyKey: ZONE, value: 'c', zone: null, like: null }, feasibleNodes: 1, node: 'c-1' },
          { change: { kind: 'addNode', storageClass: null, topologyKey: null, value: null, zone: 'b', like: 'b-1' }, feasibleNodes: 1, node: 'suggested-1' },
        ],
      },
    ]);
  });
});
