/**
 * The audit log records every committed write and nothing else, under the
 * team that owns what was written (issue 17, item 11): keys a default-team
 * admin creates for team X are X's entries, stored analyses are recorded,
 * and the row is written by the change's own transaction, so a change whose
 * record cannot be written does not happen.
 */
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, as, createKey, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

interface Entry {
  team: string;
  keyId: string | null;
  source: string;
  action: string;
  objectId: string | null;
}

describe('the audit trail', () => {
  let testApp: TestApp;
  let database: DataSource;
  let teamAdmin: string;
  let teamPlanner: string;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp();
    database = testApp.app.get(DataSource);
    teamAdmin = await createKey(testApp, 'admin', 'team-x');
    teamPlanner = await createKey(testApp, 'planner', 'team-x');
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const entries = async (key: string): Promise<Entry[]> => (await as(testApp, key).get('/v1/audit?limit=500')).body.items;

  it("logs a key the default team's admin creates for team X under X, where X's admins read it", async () => {
    const created = await as(testApp, ADMIN_KEY).post('/v1/keys', { name: 'x-viewer', role: 'viewer', team: 'team-x' });
    expect(created.status).toBe(201);
    const seenByX = await entries(teamAdmin);
    expect(seenByX).toContainEqual({ id: expect.any(String), at: expect.any(String), team: 'team-x', keyId: null, source: 'admin-key', action: 'key.create', objectId: created.body.id });
    const revoked = await as(testApp, ADMIN_KEY).delete(`/v1/keys/${created.body.id}`);
    expect(revoked.status).toBe(204);
    expect(await entries(teamAdmin)).toContainEqual(expect.objectContaining({ team: 'team-x', action: 'key.revoke', objectId: created.body.id }));
    expect((await entries(ADMIN_KEY)).filter((entry) => entry.team === 'default' && entry.objectId === created.body.id)).toEqual([]);
  });

  it('records an analysis stored on a saved topology, and none for one that stored nothing', async () => {
    const topology = await as(testApp, teamAdmin).post('/v1/topologies', { name: 'analysed', objects: threeZones() });
    expect(topology.status).toBe(201);
    const stored = await as(testApp, teamPlanner).post('/v1/analyses/capacity', { topologyId: topology.body.id, workloads: [deployment('web', 1)], maxReplicas: 5 });
    expect(stored.status).toBe(200);
    expect(stored.body.id).toEqual(expect.any(String));
    const inline = await as(testApp, teamPlanner).post('/v1/analyses/capacity', { cluster: { objects: threeZones() }, workloads: [deployment('web', 1)], maxReplicas: 5 });
    expect(inline.status).toBe(200);
    const analyses = (await entries(teamAdmin)).filter((entry) => entry.action === 'analysis.create');
    expect(analyses).toEqual([expect.objectContaining({ team: 'team-x', source: 'api-key', objectId: stored.body.id })]);
  });

  it('writes nothing when the audit row cannot be written: the change and its record are one transaction', async () => {
    await database.query(`
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
    try {
      const before = (await as(testApp, teamAdmin).get('/v1/topologies?limit=500')).body.items.length;
      const created = await as(testApp, teamAdmin).post('/v1/topologies', { name: 'unrecorded', objects: threeZones() });
      expect(created.status).toBe(500);
      expect((await as(testApp, teamAdmin).get('/v1/topologies?limit=500')).body.items).toHaveLength(before);
      const key = await as(testApp, ADMIN_KEY).post('/v1/keys', { name: 'unrecorded', role: 'viewer', team: 'team-x' });
      expect(key.status).toBe(500);
      const keys = (await as(testApp, ADMIN_KEY).get('/v1/keys')).body.items as { name: string }[];
      expect(keys.map((item) => item.name)).not.toContain('unrecorded');
    } finally {
      await database.query('DROP TRIGGER refuse_audit ON audit_log; DROP FUNCTION refuse_audit();');
    }
  });

  it('records no entry for a write that failed', async () => {
    const topology = await as(testApp, teamAdmin).post('/v1/topologies', { name: 'stale', objects: threeZones() });
    const stale = await as(testApp, teamAdmin).put(`/v1/topologies/${topology.body.id}`).set('If-Match', '"7"').send({ objects: threeZones() });
    expect(stale.status).toBe(412);
    const updates = (await entries(teamAdmin)).filter((entry) => entry.objectId === topology.body.id);
    expect(updates.map((entry) => entry.action)).toEqual(['topology.create']);
  });
});
