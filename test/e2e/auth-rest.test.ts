/**
 * Authentication, roles and team isolation over REST, with PODPLAN_ADMIN_KEY
 * set: every route needs a key (401), each role reaches exactly its routes
 * (403 otherwise), and another team's objects answer 404 on every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/role.js';
import { ROLES } from '../../src/auth/role.js';
import { ADMIN_KEY, as, createKey, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

const PROBLEM_JSON = /application\/problem\+json/;
/** A well-formed id no object has: allowed callers get past the guard and find nothing. */
const ABSENT_ID = '00000000-0000-4000-8000-000000000000';

interface RouteCase {
  readonly route: string;
  readonly role: Role;
  /** The status an allowed caller gets (a 404 for writes aimed at ABSENT_ID). */
  readonly allowedStatus: number;
  send(client: ReturnType<typeof as>): Promise<{ status: number; headers: Record<string, string> }>;
}

describe('authentication and team isolation over REST', () => {
  let testApp: TestApp;
  const keys = {} as Record<Role, string>;
  let otherTeamEditor: string;
  let topologyId: string;
  let planId: string;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp();
    for (const role of ROLES) keys[role] = await createKey(testApp, role, 'team-a');
    otherTeamEditor = await createKey(testApp, 'editor', 'team-b');
    const topology = await as(testApp, keys.editor).post('/v1/topologies', { name: 'a-cluster', objects: threeZones() });
    expect(topology.status).toBe(201);
    topologyId = topology.body.id;
    const plan = await as(testApp, keys.planner).post(`/v1/topologies/${topologyId}/plans`, { workloads: [deployment('web', 2)] });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const routes = (): RouteCase[] => [
    { route: 'GET /v1/topologies', role: 'viewer', allowedStatus: 200, send: (c) => c.get('/v1/topologies') },
    { route: 'GET /v1/topologies/{id}', role: 'viewer', allowedStatus: 200, send: (c) => c.get(`/v1/topologies/${topologyId}`) },
    { route: 'GET /v1/topologies/{id}/nodes', role: 'viewer', allowedStatus: 200, send: (c) => c.get(`/v1/topologies/${topologyId}/nodes`) },
    { route: 'GET /v1/topologies/{id}/zones', role: 'viewer', allowedStatus: 200, send: (c) => c.get(`/v1/topologies/${topologyId}/zones`) },
    { route: 'GET /v1/topologies/{id}/plans', role: 'viewer', allowedStatus: 200, send: (c) => c.get(`/v1/topologies/${topologyId}/plans`) },
    { route: 'GET /v1/plans/{id}', role: 'viewer', allowedStatus: 200, send: (c) => c.get(`/v1/plans/${planId}`) },
    { route: 'GET /v1/plans/{id}/placements', role: 'viewer', allowedStatus: 200, send: (c) => c.get(`/v1/plans/${planId}/placements`) },
    {
      route: 'POST /v1/simulations',
      role: 'planner',
      allowedStatus: 200,
      send: (c) => c.post('/v1/simulations', { topologyId, workloads: [deployment('probe', 1)] }),
    },
    {
      route: 'POST /v1/topologies/{id}/plans',
      role: 'planner',
      allowedStatus: 404,
      send: (c) => c.post(`/v1/topologies/${ABSENT_ID}/plans`, { workloads: [deployment('web', 1)] }),
    },
    { route: 'POST /v1/plans/{id}/rerun', role: 'planner', allowedStatus: 404, send: (c) => c.post(`/v1/plans/${ABSENT_ID}/rerun`, {}) },
    { route: 'DELETE /v1/plans/{id}', role: 'planner', allowedStatus: 404, send: (c) => c.delete(`/v1/plans/${ABSENT_ID}`) },
    {
      route: 'POST /v1/topologies',
      role: 'editor',
      allowedStatus: 201,
      send: (c) => c.post('/v1/topologies', { name: 'role-probe', objects: threeZones().slice(0, 1) }),
    },
    {
      route: 'PUT /v1/topologies/{id}',
      role: 'editor',
      allowedStatus: 404,
      send: (c) => c.put(`/v1/topologies/${ABSENT_ID}`, { objects: threeZones().slice(0, 1) }),
    },
    { route: 'DELETE /v1/topologies/{id}', role: 'editor', allowedStatus: 404, send: (c) => c.delete(`/v1/topologies/${ABSENT_ID}`) },
    { route: 'GET /v1/keys', role: 'admin', allowedStatus: 200, send: (c) => c.get('/v1/keys') },
    { route: 'POST /v1/keys', role: 'admin', allowedStatus: 201, send: (c) => c.post('/v1/keys', { name: 'probe', role: 'viewer' }) },
    { route: 'DELETE /v1/keys/{id}', role: 'admin', allowedStatus: 404, send: (c) => c.delete(`/v1/keys/${ABSENT_ID}`) },
    { route: 'GET /v1/audit', role: 'admin', allowedStatus: 200, send: (c) => c.get('/v1/audit') },
  ];

  it('answers 401 problem+json on every route without a key, with a malformed key and with an unknown key', async () => {
    for (const key of [undefined, 'not-a-key', 'pp_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      for (const routeCase of routes()) {
        const response = await routeCase.send(as(testApp, key));
        expect(response.status, `${routeCase.route} with ${key ?? 'no key'}`).toBe(401);
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      }
    }
  });

  it('keeps /healthz and /readyz open', async () => {
    expect((await testApp.http().get('/healthz')).status).toBe(200);
    expect((await testApp.http().get('/readyz')).status).toBe(200);
  });

  it.each(ROLES)('lets a %s reach exactly the routes of its role and below (403 above)', async (role) => {
    for (const routeCase of routes()) {
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf(routeCase.role);
      const response = await routeCase.send(as(testApp, keys[role]));
      expect(response.status, `${role} → ${routeCase.route}`).toBe(allowed ? routeCase.allowedStatus : 403);
    }
  });

  it('accepts PODPLAN_ADMIN_KEY as an admin of team default, which sees none of team-a', async () => {
    const admin = as(testApp, ADMIN_KEY);
    expect((await admin.get('/v1/audit')).status).toBe(200);
    expect((await admin.get(`/v1/topologies/${topologyId}`)).status).toBe(404);
    expect((await admin.get('/v1/topologies')).body.items).toEqual([]);
  });

  describe("another team's objects answer 404, as if they did not exist", () => {
    const crossTeam = (): { route: string; send: (c: ReturnType<typeof as>) => Promise<{ status: number; body: any }> }[] => [
      { route: 'GET topology', send: (c) => c.get(`/v1/topologies/${topologyId}`) },
      { route: 'GET topology revision 1', send: (c) => c.get(`/v1/topologies/${topologyId}?revision=1&include=objects`) },
      { route: 'GET nodes', send: (c) => c.get(`/v1/topologies/${topologyId}/nodes`) },
      { route: 'GET zones', send: (c) => c.get(`/v1/topologies/${topologyId}/zones`) },
      { route: 'GET plans of topology', send: (c) => c.get(`/v1/topologies/${topologyId}/plans`) },
      { route: 'PUT topology', send: (c) => c.put(`/v1/topologies/${topologyId}`, { objects: threeZones().slice(0, 1) }) },
      { route: 'DELETE topology', send: (c) => c.delete(`/v1/topologies/${topologyId}`) },
      { route: 'POST plan on topology', send: (c) => c.post(`/v1/topologies/${topologyId}/plans`, { workloads: [deployment('x', 1)] }) },
      { route: 'POST simulation on topology', send: (c) => c.post('/v1/simulations', { topologyId, workloads: [deployment('x', 1)] }) },
      { route: 'GET plan', send: (c) => c.get(`/v1/plans/${planId}`) },
      { route: 'GET placements', send: (c) => c.get(`/v1/plans/${planId}/placements`) },
      { route: 'GET replica nodes', send: (c) => c.get(`/v1/plans/${planId}/placements/any/nodes`) },
      { route: 'POST rerun', send: (c) => c.post(`/v1/plans/${planId}/rerun`, {}) },
      { route: 'DELETE plan', send: (c) => c.delete(`/v1/plans/${planId}`) },
    ];

    it('on every route, with the same problem as for an id that never existed', async () => {
      const intruder = as(testApp, otherTeamEditor);
      for (const { route, send } of crossTeam()) {
        const response = await send(intruder);
        expect(response.status, route).toBe(404);
        expect(response.body.type).toBe('urn:podplan:problem:not-found');
      }
    });

    it('and lists show only the caller team', async () => {
      const intruder = as(testApp, otherTeamEditor);
      expect((await intruder.get('/v1/topologies')).body.items).toEqual([]);
      const own = await as(testApp, keys.viewer).get('/v1/topologies');
      expect(own.body.items.map((item: { id: string }) => item.id)).toContain(topologyId);
    });

    it('and nothing of team-a changed', async () => {
      const topology = await as(testApp, keys.viewer).get(`/v1/topologies/${topologyId}`);
      expect(topology.body).toMatchObject({ id: topologyId, revision: 1, name: 'a-cluster' });
      expect((await as(testApp, keys.viewer).get(`/v1/plans/${planId}`)).status).toBe(200);
    });
  });

  describe('keys', () => {
    it('are listed without secrets or hashes, the secret shown only at creation', async () => {
      const created = await as(testApp, keys.admin).post('/v1/keys', { name: 'ci', role: 'planner' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'ci', role: 'planner', team: 'team-a', key: expect.stringMatching(/^pp_[0-9a-f]{12}_/) });
      expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
      const listed = await as(testApp, keys.admin).get('/v1/keys');
      const entry = listed.body.items.find((item: { id: string }) => item.id === created.body.id);
      expect(entry).toEqual({ id: created.body.id, name: 'ci', role: 'planner', team: 'team-a', prefix: created.body.prefix, createdAt: expect.any(String), revokedAt: null });
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    });

    it("an admin of team-a sees and manages only team-a's keys; the default team's admin sees every team", async () => {
      const teamA = await as(testApp, keys.admin).get('/v1/keys');
      expect(new Set(teamA.body.items.map((item: { team: string }) => item.team))).toEqual(new Set(['team-a']));
      const all = await as(testApp, ADMIN_KEY).get('/v1/keys');
      expect(new Set(all.body.items.map((item: { team: string }) => item.team))).toEqual(new Set(['team-a', 'team-b']));
      const forOtherTeam = await as(testApp, keys.admin).post('/v1/keys', { name: 'sneaky', role: 'admin', team: 'team-b' });
      expect(forOtherTeam.status).toBe(403);
      expect(forOtherTeam.body.errors).toEqual([{ path: 'team', message: 'must be your own team, "team-a"' }]);
      const teamBKey = all.body.items.find((item: { team: string }) => item.team === 'team-b');
      expect((await as(testApp, keys.admin).delete(`/v1/keys/${teamBKey.id}`)).status).toBe(404);
    });

    it('refuses bad key requests with field paths', async () => {
      const response = await as(testApp, keys.admin).post('/v1/keys', { name: '', role: 'root', team: 'Team A' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['name', 'role', 'team']);
    });

    it('stop working the moment they are revoked', async () => {
      const created = await as(testApp, keys.admin).post('/v1/keys', { name: 'short-lived', role: 'viewer' });
      expect((await as(testApp, created.body.key).get('/v1/topologies')).status).toBe(200);
      expect((await as(testApp, keys.admin).delete(`/v1/keys/${created.body.id}`)).status).toBe(204);
      expect((await as(testApp, created.body.key).get('/v1/topologies')).status).toBe(401);
      expect((await as(testApp, keys.admin).delete(`/v1/keys/${created.body.id}`)).status).toBe(404);
    });
  });

  describe('audit log', () => {
    it('records each write with key, action, object and time, newest first', async () => {
      const created = await as(testApp, keys.editor).post('/v1/topologies', { name: 'audited', objects: threeZones().slice(0, 2) });
      await as(testApp, keys.editor).delete(`/v1/topologies/${created.body.id}`);
      const log = await as(testApp, keys.admin).get('/v1/audit?limit=2');
      expect(log.status).toBe(200);
      const editorKeyId = (await as(testApp, keys.admin).get('/v1/keys')).body.items.find((item: { name: string }) => item.name === 'team-a-editor').id;
      expect(log.body.items).toEqual([
        { id: expect.any(String), at: expect.any(String), team: 'team-a', keyId: editorKeyId, source: 'api-key', action: 'topology.delete', objectId: created.body.id },
        { id: expect.any(String), at: expect.any(String), team: 'team-a', keyId: editorKeyId, source: 'api-key', action: 'topology.create', objectId: created.body.id },
      ]);
      expect(log.body.nextCursor).toEqual(expect.any(String));
      const next = await as(testApp, keys.admin).get(`/v1/audit?limit=2&cursor=${log.body.nextCursor}`);
      expect(Number(next.body.items[0].id)).toBeLessThan(Number(log.body.items[1].id));
    });

    it('records plan creation against the plan, not the topology in its URL, and never a failed write', async () => {
      const log = await as(testApp, ADMIN_KEY).get('/v1/audit?limit=500');
      const planEntries = log.body.items.filter((entry: { action: string }) => entry.action === 'plan.create');
      expect(planEntries.map((entry: { objectId: string }) => entry.objectId)).toEqual([planId]);
    });

    it("shows a team's admin only that team's entries", async () => {
      const log = await as(testApp, keys.admin).get('/v1/audit?limit=500');
      expect(new Set(log.body.items.map((entry: { team: string }) => entry.team))).toEqual(new Set(['team-a']));
      const all = await as(testApp, ADMIN_KEY).get('/v1/audit?limit=500');
      // Keys the default team's admin created for team-a are team-a's entries (issue 17, item 11).
      expect(all.body.items.some((entry: { team: string; action: string; source: string }) => entry.team === 'team-a' && entry.action === 'key.create' && entry.source === 'admin-key')).toBe(true);
    });
  });
});
