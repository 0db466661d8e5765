/**
 * Authentication, roles and team isolation over REST, with PODPLAN_ADMIN_KEY
 * set: every route needs a key (401), each role reaches exactly its routes
 * (403 otherwise), and another team's objects answer 404 on every route.
 * Requests go through the typed client generated from openapi.json
 * (testApp.api(key)); a key request it would not let be written, through raw HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/role.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { ROLES } from '../../src/auth/role.js';
import { ADMIN_KEY, as, createKey, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

const PROBLEM_JSON = /application\/problem\+json/;
/** A well-formed id no object has: allowed callers get past the guard and find nothing. */
const ABSENT_ID = '00000000-0000-4000-8000-000000000000';

/** What the typed client answers: the response, and the parsed body of a 4xx/5xx. */
interface Answer {
  readonly response: Response;
  readonly error?: unknown;
}

/** The problem+json body of a refused request (routes that declare their errors only in words type it as nothing). */
const problemOf = (answer: Answer) => answer.error as { type: string; errors?: { path: string; message: string }[] };

interface RouteCase {
  readonly route: string;
  readonly role: Role;
  /** The status an allowed caller gets (a 404 for writes aimed at ABSENT_ID). */
  readonly allowedStatus: number;
  send(client: PodplanApi): Promise<Answer>;
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
    const topology = await (await testApp.api(keys.editor)).POST('/v1/topologies', { body: { name: 'a-cluster', objects: threeZones() } });
    expect(topology.response.status).toBe(201);
    topologyId = topology.data!.id;
    const plan = await (await testApp.api(keys.planner)).POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body: { workloads: [deployment('web', 2)] } });
    expect(plan.response.status).toBe(201);
    planId = plan.data!.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const routes = (): RouteCase[] => {
    const topology = { params: { path: { id: topologyId } } };
    const plan = { params: { path: { id: planId } } };
    const absent = { params: { path: { id: ABSENT_ID } } };
    return [
      { route: 'GET /v1/topologies', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/topologies') },
      { route: 'GET /v1/topologies/{id}', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/topologies/{id}', topology) },
      { route: 'GET /v1/topologies/{id}/nodes', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/topologies/{id}/nodes', topology) },
      { route: 'GET /v1/topologies/{id}/zones', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/topologies/{id}/zones', topology) },
      { route: 'GET /v1/topologies/{id}/plans', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/topologies/{id}/plans', topology) },
      { route: 'GET /v1/plans/{id}', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/plans/{id}', plan) },
      { route: 'GET /v1/plans/{id}/placements', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/plans/{id}/placements', plan) },
      { route: 'GET /v1/plans/{id}/nodes', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/plans/{id}/nodes', plan) },
      { route: 'GET /v1/plans/{id}/zones', role: 'viewer', allowedStatus: 200, send: (c) => c.GET('/v1/plans/{id}/zones', plan) },
      {
        route: 'POST /v1/simulations',
        role: 'planner',
        allowedStatus: 200,
        send: (c) => c.POST('/v1/simulations', { body: { topologyId, workloads: [deployment('probe', 1)] } }),
      },
      {
        route: 'POST /v1/topologies/{id}/plans',
        role: 'planner',
        allowedStatus: 404,
        send: (c) => c.POST('/v1/topologies/{id}/plans', { ...absent, body: { workloads: [deployment('web', 1)] } }),
      },
      { route: 'POST /v1/plans/{id}/rerun', role: 'planner', allowedStatus: 404, send: (c) => c.POST('/v1/plans/{id}/rerun', { ...absent, body: {} }) },
      { route: 'DELETE /v1/plans/{id}', role: 'planner', allowedStatus: 404, send: (c) => c.DELETE('/v1/plans/{id}', absent) },
      {
        route: 'POST /v1/topologies',
        role: 'editor',
        allowedStatus: 201,
        send: (c) => c.POST('/v1/topologies', { body: { name: 'role-probe', objects: threeZones().slice(0, 1) } }),
      },
      {
        route: 'PUT /v1/topologies/{id}',
        role: 'editor',
        allowedStatus: 404,
        send: (c) => c.PUT('/v1/topologies/{id}', { ...absent, body: { objects: threeZones().slice(0, 1) } }),
      },
      { route: 'DELETE /v1/topologies/{id}', role: 'editor', allowedStatus: 404, send: (c) => c.DELETE('/v1/topologies/{id}', absent) },
      { route: 'GET /v1/keys', role: 'admin', allowedStatus: 200, send: (c) => c.GET('/v1/keys') },
      { route: 'POST /v1/keys', role: 'admin', allowedStatus: 201, send: (c) => c.POST('/v1/keys', { body: { name: 'probe', role: 'viewer' } }) },
      { route: 'DELETE /v1/keys/{id}', role: 'admin', allowedStatus: 404, send: (c) => c.DELETE('/v1/keys/{id}', absent) },
      { route: 'GET /v1/audit', role: 'admin', allowedStatus: 200, send: (c) => c.GET('/v1/audit') },
    ];
  };

  it('answers 401 problem+json on every route without a key, with a malformed key and with an unknown key', async () => {
    for (const key of [undefined, 'not-a-key', 'pp_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const client = await testApp.api(key);
      for (const routeCase of routes()) {
        const { response } = await routeCase.send(client);
        expect(response.status, `${routeCase.route} with ${key ?? 'no key'}`).toBe(401);
        expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
      }
    }
  });

  it('keeps /healthz and /readyz open', async () => {
    expect((await testApp.http().get('/healthz')).status).toBe(200);
    expect((await testApp.http().get('/readyz')).status).toBe(200);
  });

  it.each(ROLES)('lets a %s reach exactly the routes of its role and below (403 above)', async (role) => {
    const client = await testApp.api(keys[role]);
    for (const routeCase of routes()) {
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf(routeCase.role);
      const { response } = await routeCase.send(client);
      expect(response.status, `${role} → ${routeCase.route}`).toBe(allowed ? routeCase.allowedStatus : 403);
    }
  });

  it('accepts PODPLAN_ADMIN_KEY as an admin of team default, which sees none of team-a', async () => {
    const admin = await testApp.api(ADMIN_KEY);
    expect((await admin.GET('/v1/audit')).response.status).toBe(200);
    expect((await admin.GET('/v1/topologies/{id}', { params: { path: { id: topologyId } } })).response.status).toBe(404);
    expect((await admin.GET('/v1/topologies')).data!.items).toEqual([]);
  });

  describe("another team's objects answer 404, as if they did not exist", () => {
    const crossTeam = (): { route: string; send: (c: PodplanApi) => Promise<Answer> }[] => {
      const topology = { params: { path: { id: topologyId } } };
      const plan = { params: { path: { id: planId } } };
      return [
        { route: 'GET topology', send: (c) => c.GET('/v1/topologies/{id}', topology) },
        { route: 'GET topology revision 1', send: (c) => c.GET('/v1/topologies/{id}', { params: { path: { id: topologyId }, query: { revision: 1, include: 'objects' } } }) },
        { route: 'GET nodes', send: (c) => c.GET('/v1/topologies/{id}/nodes', topology) },
        { route: 'GET zones', send: (c) => c.GET('/v1/topologies/{id}/zones', topology) },
        { route: 'GET plans of topology', send: (c) => c.GET('/v1/topologies/{id}/plans', topology) },
        { route: 'PUT topology', send: (c) => c.PUT('/v1/topologies/{id}', { ...topology, body: { objects: threeZones().slice(0, 1) } }) },
        { route: 'DELETE topology', send: (c) => c.DELETE('/v1/topologies/{id}', topology) },
        { route: 'POST plan on topology', send: (c) => c.POST('/v1/topologies/{id}/plans', { ...topology, body: { workloads: [deployment('x', 1)] } }) },
        { route: 'POST simulation on topology', send: (c) => c.POST('/v1/simulations', { body: { topologyId, workloads: [deployment('x', 1)] } }) },
        { route: 'GET plan', send: (c) => c.GET('/v1/plans/{id}', plan) },
        { route: 'GET placements', send: (c) => c.GET('/v1/plans/{id}/placements', plan) },
        { route: 'GET plan nodes', send: (c) => c.GET('/v1/plans/{id}/nodes', plan) },
        { route: 'GET plan zones', send: (c) => c.GET('/v1/plans/{id}/zones', plan) },
        { route: 'GET replica nodes', send: (c) => c.GET('/v1/plans/{id}/placements/{pod}/nodes', { params: { path: { id: planId, pod: 'any' } } }) },
        { route: 'POST rerun', send: (c) => c.POST('/v1/plans/{id}/rerun', { ...plan, body: {} }) },
        { route: 'DELETE plan', send: (c) => c.DELETE('/v1/plans/{id}', plan) },
      ];
    };

    it('on every route, with the same problem as for an id that never existed', async () => {
      const intruder = await testApp.api(otherTeamEditor);
      for (const { route, send } of crossTeam()) {
        const answer = await send(intruder);
        expect(answer.response.status, route).toBe(404);
        expect(problemOf(answer).type).toBe('urn:podplan:problem:not-found');
      }
    });

    it('and lists show only the caller team', async () => {
      const intruder = await testApp.api(otherTeamEditor);
      expect((await intruder.GET('/v1/topologies')).data!.items).toEqual([]);
      const own = await (await testApp.api(keys.viewer)).GET('/v1/topologies');
      expect(own.data!.items.map((item) => item.id)).toContain(topologyId);
    });

    it('and nothing of team-a changed', async () => {
      const viewer = await testApp.api(keys.viewer);
      const topology = await viewer.GET('/v1/topologies/{id}', { params: { path: { id: topologyId } } });
      expect(topology.data).toMatchObject({ id: topologyId, revision: 1, name: 'a-cluster' });
      expect((await viewer.GET('/v1/plans/{id}', { params: { path: { id: planId } } })).response.status).toBe(200);
    });
  });

  describe('keys', () => {
    it('are listed without secrets or hashes, the secret shown only at creation', async () => {
      const admin = await testApp.api(keys.admin);
      const { data: created, response } = await admin.POST('/v1/keys', { body: { name: 'ci', role: 'planner' } });
      expect(response.status).toBe(201);
      expect(created).toMatchObject({ name: 'ci', role: 'planner', team: 'team-a', key: expect.stringMatching(/^pp_[0-9a-f]{12}_/) });
      expect(created!.key.startsWith(created!.prefix)).toBe(true);
      const { data: listed } = await admin.GET('/v1/keys');
      const entry = listed!.items.find((item) => item.id === created!.id);
      expect(entry).toEqual({ id: created!.id, name: 'ci', role: 'planner', team: 'team-a', prefix: created!.prefix, createdAt: expect.any(String), revokedAt: null });
      expect(JSON.stringify(listed)).not.toContain(created!.key);
    });

    it("an admin of team-a sees and manages only team-a's keys; the default team's admin sees every team", async () => {
      const admin = await testApp.api(keys.admin);
      const teamA = await admin.GET('/v1/keys');
      expect(new Set(teamA.data!.items.map((item) => item.team))).toEqual(new Set(['team-a']));
      const all = await (await testApp.api(ADMIN_KEY)).GET('/v1/keys');
      expect(new Set(all.data!.items.map((item) => item.team))).toEqual(new Set(['team-a', 'team-b']));
      const forOtherTeam = await admin.POST('/v1/keys', { body: { name: 'sneaky', role: 'admin', team: 'team-b' } });
      expect(forOtherTeam.response.status).toBe(403);
      expect(problemOf(forOtherTeam).errors).toEqual([{ path: 'team', message: 'must be your own team, "team-a"' }]);
      const teamBKey = all.data!.items.find((item) => item.team === 'team-b')!;
      expect((await admin.DELETE('/v1/keys/{id}', { params: { path: { id: teamBKey.id } } })).response.status).toBe(404);
    });

    it('refuses bad key requests with field paths', async () => {
      // Raw HTTP: a role the API does not have is not a body the typed client lets be written.
      const response = await as(testApp, keys.admin).post('/v1/keys', { name: '', role: 'root', team: 'Team A' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['name', 'role', 'team']);
    });

    it('stop working the moment they are revoked', async () => {
      const admin = await testApp.api(keys.admin);
      const { data: created } = await admin.POST('/v1/keys', { body: { name: 'short-lived', role: 'viewer' } });
      const withKey = await testApp.api(created!.key);
      const revoke = { params: { path: { id: created!.id } } };
      expect((await withKey.GET('/v1/topologies')).response.status).toBe(200);
      expect((await admin.DELETE('/v1/keys/{id}', revoke)).response.status).toBe(204);
      expect((await withKey.GET('/v1/topologies')).response.status).toBe(401);
      expect((await admin.DELETE('/v1/keys/{id}', revoke)).response.status).toBe(404);
    });
  });

  describe('audit log', () => {
    it('records each write with key, action, object and time, newest first', async () => {
      const editor = await testApp.api(keys.editor);
      const admin = await testApp.api(keys.admin);
      const { data: created } = await editor.POST('/v1/topologies', { body: { name: 'audited', objects: threeZones().slice(0, 2) } });
      await editor.DELETE('/v1/topologies/{id}', { params: { path: { id: created!.id } } });
      const log = await admin.GET('/v1/audit', { params: { query: { limit: 2 } } });
      expect(log.response.status).toBe(200);
      const editorKeyId = (await admin.GET('/v1/keys')).data!.items.find((item) => item.name === 'team-a-editor')!.id;
      expect(log.data!.items).toEqual([
        { id: expect.any(String), at: expect.any(String), team: 'team-a', keyId: editorKeyId, source: 'api-key', action: 'topology.delete', objectId: created!.id },
        { id: expect.any(String), at: expect.any(String), team: 'team-a', keyId: editorKeyId, source: 'api-key', action: 'topology.create', objectId: created!.id },
      ]);
      expect(log.data!.nextCursor).toEqual(expect.any(String));
      const next = await admin.GET('/v1/audit', { params: { query: { limit: 2, cursor: log.data!.nextCursor! } } });
      expect(Number(next.data!.items[0].id)).toBeLessThan(Number(log.data!.items[1].id));
    });

    it('records plan creation against the plan, not the topology in its URL, and never a failed write', async () => {
      const log = await (await testApp.api(ADMIN_KEY)).GET('/v1/audit', { params: { query: { limit: 500 } } });
      const planEntries = log.data!.items.filter((entry) => entry.action === 'plan.create');
      expect(planEntries.map((entry) => entry.objectId)).toEqual([planId]);
    });

    it("shows a team's admin only that team's entries", async () => {
      const everything = { params: { query: { limit: 500 } } };
      const log = await (await testApp.api(keys.admin)).GET('/v1/audit', everything);
      expect(new Set(log.data!.items.map((entry) => entry.team))).toEqual(new Set(['team-a']));
      const all = await (await testApp.api(ADMIN_KEY)).GET('/v1/audit', everything);
      // Keys the default team's admin created for team-a are team-a's entries (issue 17, item 11).
      expect(all.data!.items.some((entry) => entry.team === 'team-a' && entry.action === 'key.create' && entry.source === 'admin-key')).toBe(true);
    });
  });
});
