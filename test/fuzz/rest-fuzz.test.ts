/**
 * Seeded, bounded fuzzing of every REST endpoint's input: one hostile value
 * planted at every kind of path of valid requests, arbitrary and malformed
 * JSON, hostile YAML (alias bombs, deep nesting), hostile ids and query
 * strings. Invariants: never a 5xx; a 4xx is problem+json whose errors point
 * at the planted field; no partial write (stored objects match acknowledged
 * writes); memory stays bounded.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { FuzzTally, runs } from './support/fuzz-run.js';
import { hostileValue, hostileYamlText, malformedJsonText, mutationsOf, pointsAt, type Mutation } from './support/hostile-values.js';

const PROBLEM_JSON = /application\/problem\+json/;
/** Peak resident memory growth allowed over the whole suite (bodies are capped at 2 MB each). */
const MAX_RSS_GROWTH_BYTES = 768 * 1024 ** 2;

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a client would send it). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: any;
}

const validPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'db-0', namespace: 'default', labels: { app: 'db' } },
  spec: {
    nodeName: 'a1',
    containers: [{ name: 'db', image: 'postgres:15', resources: { requests: { cpu: '250m', memory: '1Gi' } } }],
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
  },
};
const validTopology = { name: 'fuzzed', objects: [...threeZones().slice(0, 3), validPod] };
const validWorkload = deployment('web', 2, {
  ...zoneAntiAffinity('web'),
  nodeSelector: { 'topology.kubernetes.io/zone': 'a' },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
});

describe('fuzzing the REST API with hostile input', () => {
  let testApp: TestApp;
  const tally = new FuzzTally();
  let topologyId: string;
  let planId: string;
  const created = { topologies: 1, revisions: 1, plans: 1 };
  /** Refusals whose errors name no path at or around the planted value: collected, reported, and asserted empty at the end. */
  const misplaced: string[] = [];

  beforeAll(async () => {
    testApp = await startAuthenticatedApp({ bodyLimitBytes: 2 * 1024 * 1024 });
    const topology = await send('POST', '/v1/topologies', { name: 'base', objects: threeZones() });
    topologyId = topology.body.id;
    const plan = await send('POST', `/v1/topologies/${topologyId}/plans`, { workloads: [deployment('web', 2)] });
    planId = plan.body.id;
  });

  afterAll(async () => {
    console.log(tally.report('REST fuzz'));
    await testApp?.close();
  });

  async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, contentType = 'application/json'): Promise<Sent> {
    let request = testApp.http()[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${ADMIN_KEY}`);
    if (body !== undefined) request = request.set('Content-Type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));
    const response = await request;
    return { status: response.status, headers: response.headers as Record<string, string>, body: response.body };
  }

  /** The invariants every answer keeps; `planted` is where a mutation put its hostile value. */
  function check(endpoint: string, response: Sent, planted?: readonly (string | number)[]): void {
    tally.record(endpoint, response.status);
    expect(response.status, `${endpoint}: ${JSON.stringify(response.body).slice(0, 300)}`).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(Array.isArray(response.body.errors)).toBe(true);
      if (planted && response.status === 400 && response.body.errors.length > 0) {
        const paths: string[] = response.body.errors.map((error: { path: string }) => error.path);
        if (!paths.some((path) => pointsAt(path, planted))) {
          misplaced.push(`${endpoint}: errors at ${JSON.stringify(paths).slice(0, 200)} for a value planted at ${planted.join('.')}`);
        }
      }
    }
  }

  const mutated = async (endpoint: string, method: 'POST' | 'PUT', path: string, mutation: Mutation, onSuccess: () => void) => {
    const response = await send(method, path, mutation.body);
    check(endpoint, response, mutation.path);
    if (response.status < 300) onSuccess();
  };

  it('POST /v1/topologies: one hostile value at any path of a valid topology', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(validTopology), (mutation) => mutated('POST /v1/topologies', 'POST', '/v1/topologies', mutation, () => created.topologies++)),
      runs(220),
    );
  });

  it('PUT /v1/topologies/{id}: the same, as a new revision', async () => {
    const { name: _name, ...replacement } = validTopology;
    await fc.assert(
      fc.asyncProperty(mutationsOf(replacement), (mutation) =>
        mutated('PUT /v1/topologies/{id}', 'PUT', `/v1/topologies/${topologyId}`, mutation, () => created.revisions++),
      ),
      runs(100),
    );
  });

  it('POST /v1/simulations: one hostile value at any path of a valid simulation', async () => {
    const simulation = { cluster: { objects: validTopology.objects }, workloads: [validWorkload], explain: 'summary', mode: 'faithful', seed: 3 };
    await fc.assert(
      fc.asyncProperty(mutationsOf(simulation), (mutation) => mutated('POST /v1/simulations', 'POST', '/v1/simulations', mutation, () => undefined)),
      runs(220),
    );
  });

  it('POST /v1/topologies/{id}/plans: one hostile value at any path of a valid plan', async () => {
    const plan = { name: 'fuzzed', workloads: [validWorkload] };
    await fc.assert(
      fc.asyncProperty(mutationsOf(plan), (mutation) =>
        mutated('POST /v1/topologies/{id}/plans', 'POST', `/v1/topologies/${topologyId}/plans`, mutation, () => created.plans++),
      ),
      runs(120),
    );
  });

  it('POST /v1/keys: one hostile value at any path of a valid key request', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf({ name: 'fuzz', role: 'viewer', team: 'fuzz-team' }), (mutation) =>
        mutated('POST /v1/keys', 'POST', '/v1/keys', mutation, () => undefined),
      ),
      runs(40),
    );
  });

  it('every write endpoint: arbitrary JSON bodies of any type', async () => {
    const endpoints = ['/v1/topologies', '/v1/simulations', `/v1/topologies/${topologyId}/plans`, '/v1/keys', `/v1/plans/${planId}/rerun`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 5 })), async (endpoint, body) => {
        const response = await send('POST', endpoint, body);
        check('POST (arbitrary JSON)', response);
        if (response.status === 201 && endpoint === '/v1/topologies') created.topologies++;
        if (response.status === 201 && endpoint.endsWith('/plans')) created.plans++;
        if (response.status === 201 && endpoint.endsWith('/rerun')) created.plans++;
      }),
      runs(150),
    );
  });

  it('every write endpoint: malformed JSON text, pointing at the line and column', async () => {
    const endpoints = ['/v1/topologies', '/v1/simulations', `/v1/topologies/${topologyId}/plans`, '/v1/keys'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), malformedJsonText, async (endpoint, text) => {
        const response = await send('POST', endpoint, text);
        check('POST (malformed JSON)', response);
        if (response.status === 201 && endpoint === '/v1/topologies') created.topologies++;
        if (response.status === 201 && endpoint.endsWith('/plans')) created.plans++;
      }),
      runs(100),
    );
  });

  it('YAML endpoints: alias bombs, deep nesting and garbage', async () => {
    const endpoints = ['/v1/topologies?name=yaml', '/v1/simulations', `/v1/topologies/${topologyId}/plans`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), hostileYamlText, async (endpoint, text) => {
        const started = performance.now();
        const response = await send('POST', endpoint, text, 'application/yaml');
        check('POST (hostile YAML)', response);
        expect(performance.now() - started, 'a YAML document is refused quickly, not expanded').toBeLessThan(10_000);
        if (response.status === 201 && endpoint.startsWith('/v1/topologies?')) created.topologies++;
        if (response.status === 201 && endpoint.endsWith('/plans')) created.plans++;
      }),
      runs(80),
    );
  });

  it('read endpoints: hostile ids and query strings', async () => {
    const routes = [
      (id: string) => `/v1/topologies/${id}`,
      (id: string) => `/v1/topologies/${id}/nodes`,
      (id: string) => `/v1/topologies/${id}/zones`,
      (id: string) => `/v1/topologies/${id}/plans`,
      (id: string) => `/v1/plans/${id}`,
      (id: string) => `/v1/plans/${id}/placements`,
      (id: string) => `/v1/plans/${planId}/placements/${id}/nodes`,
    ];
    const hostileText = hostileValue.map((value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? 'null').slice(0, 2000));
    const queryKey = fc.constantFrom('limit', 'cursor', 'revision', 'labelSelector', 'zone', 'include', 'namespace', 'feasible', 'workload', 'node', 'unschedulable');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(fc.constant(topologyId), fc.constant(planId), hostileText),
        fc.array(fc.tuple(queryKey, hostileText), { maxLength: 3 }),
        async (route, id, query) => {
          const search = new URLSearchParams(query).toString();
          const path = `${route(percentEncoded(id))}${search ? `?${search}` : ''}`;
          check('GET (hostile ids and queries)', await send('GET', path));
        },
      ),
      runs(220),
    );
  });

  it('wrote nothing partially: stored topologies, revisions and plans match the acknowledged writes', async () => {
    const topologies: { id: string; revision: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: Sent = await send('GET', `/v1/topologies?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      topologies.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(topologies.length).toBe(created.topologies);
    expect(topologies.find((topology) => topology.id === topologyId)!.revision).toBe(created.revisions);
    const plans = await send('GET', `/v1/topologies/${topologyId}/plans?limit=500`);
    expect(plans.body.items.length).toBe(created.plans);
  });

  it('pointed every refusal of a planted value at that value', () => {
    expect([...new Set(misplaced)]).toEqual([]);
  });

  it('kept memory bounded', () => {
    expect(tally.peakRss - tally.baselineRss).toBeLessThan(MAX_RSS_GROWTH_BYTES);
  });
});
