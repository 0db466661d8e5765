/**
 * Concurrent writers never lose an update, beyond the REST revision tests in
 * e2e/topologies-revisions: GraphQL writers racing on one precondition,
 * plans created while revisions are appended and the topology deleted, and
 * a key used while it is revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones, zonedNode } from '../e2e/plans-fixtures.js';

const WRITERS = 8;

describe('concurrent writers', () => {
  let testApp: TestApp;
  const admin = () => as(testApp, ADMIN_KEY);

  beforeAll(async () => {
    testApp = await startAuthenticatedApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const createTopology = async (name: string) => {
    const response = await admin().post('/v1/topologies', { name, objects: threeZones() });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  it('GraphQL: of parallel updateTopology calls with the same revision, exactly one wins; the rest get PRECONDITION_FAILED', async () => {
    const id = await createTopology('graphql-race');
    const update = `mutation($id: ID!, $objects: JSON!) { updateTopology(id: $id, objects: $objects, revision: 1) { revision } }`;
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) => admin().graphql(update, { id, objects: [...threeZones(), zonedNode(`extra-${writer}`, 'a')] })),
    );
    const winners = results.filter((result) => result.data?.updateTopology?.revision === 2);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0].extensions?.code === 'PRECONDITION_FAILED')).toHaveLength(WRITERS - 1);
    const latest = await admin().get(`/v1/topologies/${id}`);
    expect(latest.body.revision).toBe(2);
  });

  it('plans created while revisions are appended each point at a whole revision that existed', async () => {
    const id = await createTopology('plans-during-writes');
    const writes = Array.from({ length: WRITERS }, (_, writer) =>
      admin().put(`/v1/topologies/${id}`, { objects: [...threeZones(), ...Array.from({ length: writer + 1 }, (_, index) => zonedNode(`w${writer}-${index}`, 'b'))] }),
    );
    const plans = Array.from({ length: WRITERS }, (_, planner) => admin().post(`/v1/topologies/${id}/plans`, { workloads: [deployment(`p${planner}`, 3)] }));
    const [writeResults, planResults] = await Promise.all([Promise.all(writes), Promise.all(plans)]);
    const revisions = writeResults.map((response) => response.body.revision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: WRITERS }, (_, index) => index + 2));
    const nodesByRevision = new Map<number, number>([[1, 6], ...writeResults.map((response) => [response.body.revision, response.body.summary.nodes] as [number, number])]);
    for (const plan of planResults) {
      expect(plan.status).toBe(201);
      expect(nodesByRevision.has(plan.body.revision)).toBe(true);
      const atRevision = await admin().get(`/v1/topologies/${id}?revision=${plan.body.revision}`);
      expect(atRevision.body.summary.nodes).toBe(nodesByRevision.get(plan.body.revision));
      expect(plan.body.placements.every((placement: { node: string | null }) => placement.node !== null)).toBe(true);
      const stored = await admin().get(`/v1/plans/${plan.body.id}/placements?limit=500`);
      expect(stored.body.items).toHaveLength(3);
    }
  });

  it('a topology deleted while plans are being created: each plan is whole or refused with 404, and the topology answers 404 after', async () => {
    const id = await createTopology('deleted-during-plans');
    const plans = Array.from({ length: WRITERS }, (_, planner) => admin().post(`/v1/topologies/${id}/plans`, { workloads: [deployment(`d${planner}`, 2)] }));
    const deletion = admin().delete(`/v1/topologies/${id}`);
    const [planResults, deleted] = await Promise.all([Promise.all(plans), deletion]);
    expect(deleted.status).toBe(204);
    for (const plan of planResults) expect([201, 404]).toContain(plan.status);
    expect((await admin().get(`/v1/topologies/${id}/plans`)).status).toBe(404);
    const created = planResults.filter((plan) => plan.status === 201);
    for (const plan of created) {
      const placements = await admin().get(`/v1/plans/${plan.body.id}/placements`);
      expect([200, 404]).toContain(placements.status);
      if (placements.status === 200) expect(placements.body.items).toHaveLength(2);
    }
  });

  it('a key revoked while in use stops working for every request after the revocation answers', async () => {
    const key = await admin().post('/v1/keys', { name: 'racing', role: 'viewer', team: 'race' });
    const inFlight = Array.from({ length: WRITERS }, () => as(testApp, key.body.key).get('/v1/topologies'));
    const revoked = await admin().delete(`/v1/keys/${key.body.id}`);
    expect(revoked.status).toBe(204);
    for (const response of await Promise.all(inFlight)) expect([200, 401]).toContain(response.status);
    const after = await Promise.all(Array.from({ length: WRITERS }, () => as(testApp, key.body.key).get('/v1/topologies')));
    expect(after.map((response) => response.status)).toEqual(Array(WRITERS).fill(401));
  });
});
