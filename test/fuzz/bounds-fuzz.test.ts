/**
 * Seeded fuzzing of what requests may cost and what they may echo (issue
 * 17): numeric boundaries (int32, int64, float64 and past them) planted at
 * every integer field of valid simulations, topologies and GraphQL inputs;
 * operations shaped to evade the cost model (alias floods, page sizes below
 * 1 or past the maximum, per-replica node tables, inline literals nested
 * deep); explain "full" over clusters of every size; multi-megabyte bad
 * values. Invariants: never a 5xx or an INTERNAL_SERVER_ERROR; refusals of a
 * planted number point at its field; every error answer stays small; a page
 * size below 1 is refused before anything runs.
 *
 * Most inputs here are cheap refusals, so this suite carries the bulk of the
 * ≥10,000 inputs a CI run fuzzes (with rest-fuzz and graphql-fuzz). It talks
 * to one listening server over keep-alive connections.
 */
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones } from '../e2e/plans-fixtures.js';
import { FuzzTally, runs } from './support/fuzz-run.js';
import { pointsAt, setAt } from './support/hostile-values.js';
import { numericBoundary, numericPaths } from './support/numeric-boundaries.js';

/** Inputs this suite must try: with rest-fuzz (1,250) and graphql-fuzz (520), over 10,000 a run. */
const MINIMUM_INPUTS = 8_500;
/** No error answer may be larger than this, whatever was sent (the largest inputs here are 2 MB). */
const MAX_ERROR_BYTES = 64 * 1024;
const ZONE = 'topology.kubernetes.io/zone';
/** Per property: generous for a loaded 2-core machine (each runs in well under a minute on an idle one). */
const FUZZ_TIMEOUT_MS = 600_000;

const KNOWN_GRAPHQL_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'LIMIT_EXCEEDED',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
]);

/** A valid simulation rich in integer fields, each a place to plant a boundary. */
function numericSimulation() {
  const web = deployment('web', 2, {
    priority: 0,
    containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 8080, hostPort: 0 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
    tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    topologySpreadConstraints: [{ maxSkew: 1, minDomains: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: ZONE, operator: 'Exists' }] } }] } },
  });
  const db = { ...deployment('db', 1), kind: 'StatefulSet', spec: { ...deployment('db', 1).spec, serviceName: 'db', ordinals: { start: 0 } } };
  return {
    cluster: { objects: threeZones().slice(0, 3) },
    workloads: [web, db],
    schedulerConfig: {
      percentageOfNodesToScore: 50,
      profiles: [
        {
          plugins: { score: { enabled: [{ name: 'NodeAffinity', weight: 2 }] } },
          pluginConfig: [
            { name: 'InterPodAffinity', args: { hardPodAffinityWeight: 1 } },
            { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }] } } },
          ],
        },
      ],
    },
    scenario: [{ op: 'addNodes', template: threeZones()[0], count: 1, namePrefix: 'extra' }],
    mode: 'faithful',
    seed: 3,
    topCandidates: 3,
  };
}

function numericTopology() {
  return {
    name: 'numbers',
    objects: [
      ...threeZones().slice(0, 2),
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
      { ...deployment('old', 3), metadata: { name: 'old', namespace: 'default' } },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default' },
        spec: { nodeName: 'a1', priority: 0, containers: [{ name: 'c', image: 'c:1', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
      },
    ],
  };
}

describe('fuzzing costs, numeric boundaries and echoed input', () => {
  let testApp: TestApp;
  let server: ReturnType<typeof request>;
  const tally = new FuzzTally();
  const misplaced: string[] = [];
  let topologyId: string;
  let planId: string;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp({ bodyLimitBytes: 4 * 1024 * 1024 });
    const http = testApp.app.getHttpServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    server = request(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const topology = await send('POST', '/v1/topologies', { name: 'base', objects: threeZones() });
    topologyId = topology.body.id;
    planId = (await send('POST', `/v1/topologies/${topologyId}/plans`, { workloads: [deployment('web', 12)] })).body.id;
  });

  afterAll(async () => {
    console.log(tally.report('Bounds fuzz'));
    await testApp?.close();
  });

  /** `body` as a value, or as JSON text already (for documents too deep for JSON.stringify). */
  async function send(method: 'GET' | 'POST', path: string, body?: unknown) {
    let pending = server[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${ADMIN_KEY}`);
    if (body !== undefined) pending = pending.set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
    const response = await pending;
    return { status: response.status, body: response.body, size: response.text?.length ?? 0 };
  }

  const graphql = (query: string, variables?: unknown) => send('POST', '/graphql', { query, variables });

  /** Invariants of every REST answer; `planted` is where a number was put. */
  function checkRest(endpoint: string, answer: { status: number; body: any; size: number }, planted?: readonly (string | number)[]): void {
    tally.record(endpoint, answer.status);
    const detail = `${endpoint}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    expect(answer.status, detail).toBeLessThan(500);
    if (answer.status < 400) return;
    expect(answer.size, detail).toBeLessThan(MAX_ERROR_BYTES);
    if (planted && answer.status === 400 && answer.body.errors?.length > 0) {
      const paths: string[] = answer.body.errors.map((error: { path: string }) => error.path);
      if (!paths.some((path) => pointsAt(path, planted))) misplaced.push(`${endpoint}: errors at ${JSON.stringify(paths).slice(0, 200)} for ${planted.join('.')}`);
    }
  }

  function checkGraphQL(operation: string, answer: { status: number; body: any; size: number }): void {
    tally.record(operation, answer.status);
    const detail = `${operation}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    expect(answer.status, detail).toBeLessThan(500);
    for (const error of answer.body.errors ?? []) expect(KNOWN_GRAPHQL_CODES.has(error.extensions?.code), detail).toBe(true);
    if (answer.body.errors?.length) expect(answer.size, detail).toBeLessThan(MAX_ERROR_BYTES);
  }

  const plantedNumbers = (valid: unknown) => fc.tuple(fc.constantFrom(...numericPaths(valid)), numericBoundary);

  it('POST /v1/simulations: a boundary number at every integer field', async () => {
    const valid = numericSimulation();
    await fc.assert(
      fc.asyncProperty(plantedNumbers(valid), async ([path, value]) => checkRest('POST /v1/simulations (numbers)', await send('POST', '/v1/simulations', setAt(valid, path, value)), path)),
      runs(2_800),
    );
  }, FUZZ_TIMEOUT_MS);

  it('POST /v1/topologies: a boundary number at every integer field of cluster objects', async () => {
    const valid = numericTopology();
    await fc.assert(
      fc.asyncProperty(plantedNumbers(valid), async ([path, value]) => checkRest('POST /v1/topologies (numbers)', await send('POST', '/v1/topologies', setAt(valid, path, value)), path)),
      runs(1_500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('REST page sizes, revisions and cursors at numeric boundaries', async () => {
    const routes = [`/v1/topologies?limit=`, `/v1/topologies/${topologyId}?revision=`, `/v1/plans/${planId}/placements?limit=`, `/v1/topologies/${topologyId}/nodes?limit=`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), numericBoundary, async (route, value) => checkRest('GET (numeric query)', await send('GET', `${route}${value}`))),
      runs(1_200),
    );
  }, FUZZ_TIMEOUT_MS);

  it('GraphQL simulate: a boundary number at every integer field of the variables', async () => {
    const { cluster, ...rest } = numericSimulation();
    const valid = { input: { ...rest, objects: cluster.objects, mode: undefined } };
    delete (valid.input as Record<string, unknown>).mode;
    await fc.assert(
      fc.asyncProperty(plantedNumbers(valid), async ([path, value]) =>
        checkGraphQL('simulate (numbers)', await graphql('mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }', setAt(valid, path, value))),
      ),
      runs(1_500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('GraphQL: alias floods and page sizes that would evade the cost model', async () => {
    const fields = [
      (first: number) => `topologies(first: ${first}) { edges { node { id } } }`,
      (first: number) => `plan(id: "${planId}") { placements(first: ${first}) { edges { node { replica nodes(first: ${first}) { totalCount } } } } }`,
      (first: number) => `plan(id: "${planId}") { placements(first: 2) { edges { node { nodes(first: ${first}, feasible: true) { edges { node { node } } } } } } }`,
    ];
    const pageSize = fc.oneof(fc.constantFrom(-(2 ** 31), -100_000, -1, 0, 1, 12, 500, 501, 2 ** 31 - 1), fc.integer({ min: -1000, max: 1000 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields.keys()), fc.integer({ min: 1, max: 60 }), pageSize, async (field, aliases, first) => {
        const query = `{ ${Array.from({ length: aliases }, (_, index) => `a${index}: ${fields[field](first)}`).join(' ')} }`;
        const answer = await graphql(query);
        checkGraphQL('aliases and page sizes', answer);
        if (first < 1) {
          // Refused before anything runs: no data at all.
          expect(answer.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
          expect(answer.body.data ?? null).toBeNull();
        }
      }),
      runs(900),
    );
  }, FUZZ_TIMEOUT_MS);

  it('GraphQL: inline literals and variables nested to every depth', async () => {
    const literal = (depth: number, kind: 'object' | 'array') => (kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 120, max: 20_000 })), fc.constantFrom('object' as const, 'array' as const), fc.boolean(), async (depth, kind, asVariable) => {
        // Written as text: JSON.stringify itself recurses, and these values are deeper than it goes.
        const answer = asVariable
          ? await send('POST', '/graphql', `{"query":"mutation($w: JSON!) { simulate(input: { workloads: $w }) { mode } }","variables":{"w":${literal(depth, kind).replaceAll('{a: ', '{"a": ')}}}`)
          : await graphql(`mutation { simulate(input: { workloads: ${literal(depth, kind)} }) { mode } }`);
        checkGraphQL('nested literals', answer);
        expect(JSON.stringify(answer.body)).not.toMatch(/call stack/i);
        if (depth >= 64) expect(answer.body.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
      }),
      runs(500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('explain "full" over clusters of every size: an answer, or a 422 naming PODPLAN_MAX_EXPLAIN_CELLS', async () => {
    // Small answers, or ones certainly past the bound (100,000 cells): answers of tens of megabytes are measured elsewhere, not fuzzed.
    const sizes = fc.oneof(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 50 })), fc.tuple(fc.integer({ min: 21, max: 40 }), fc.integer({ min: 5_000, max: 10_000 })));
    await fc.assert(
      fc.asyncProperty(sizes, async ([replicas, added]) => {
        const answer = await send('POST', '/v1/simulations', {
          cluster: { objects: threeZones().slice(0, 1) },
          workloads: [deployment('web', replicas)],
          scenario: [{ op: 'addNodes', template: threeZones()[0], count: added }],
          explain: 'full',
        });
        checkRest('POST /v1/simulations (explain full)', answer);
        const cells = replicas * (added + 1);
        if (cells > 100_000) {
          expect(answer.status).toBe(422);
          expect(answer.body.detail).toContain('PODPLAN_MAX_EXPLAIN_CELLS');
        }
      }),
      runs(100),
    );
  }, FUZZ_TIMEOUT_MS);

  it('multi-megabyte bad values are echoed by their head', async () => {
    const huge = fc.constantFrom(100_000, 1_000_000, 2_000_000).chain((length) => fc.constantFrom('x', 'a=', '(', 'é', '🧨').map((unit) => unit.repeat(Math.ceil(length / unit.length))));
    const places = [
      (value: string) => ['POST', '/v1/simulations', { cluster: { objects: threeZones() }, workloads: [deployment('web', 1)], scenario: [{ op: 'removeNodes', selector: `app in (${value}` }] }] as const,
      (value: string) => ['POST', '/v1/topologies', { name: 'x', objects: [{ ...threeZones()[0], metadata: { name: 'n', labels: { [value.slice(0, 1000)]: value } } }] }] as const,
      (value: string) => ['POST', '/v1/simulations', { cluster: { objects: threeZones() }, workloads: [deployment('web', 1, { containers: [{ name: 'web', image: 'w', resources: { requests: { cpu: value } } }] })] }] as const,
      (value: string) => ['POST', '/graphql', { query: 'query($id: ID!, $first: Int) { topology(id: $id) { id } topologies(first: $first) { edges { cursor } } }', variables: { id: value, first: value } }] as const,
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places.keys()), huge, async (place, value) => {
        const [method, path, body] = places[place](value);
        const answer = await send(method, path, body);
        if (path === '/graphql') checkGraphQL('huge values', answer);
        else checkRest('huge values', answer);
        expect(answer.size).toBeLessThan(MAX_ERROR_BYTES);
      }),
      runs(20),
    );
  }, FUZZ_TIMEOUT_MS);

  it(`tried at least ${MINIMUM_INPUTS} inputs`, () => {
    expect(tally.total).toBeGreaterThanOrEqual(MINIMUM_INPUTS);
  });

  it('pointed every refusal of a planted number at that number', () => {
    expect([...new Set(misplaced)]).toEqual([]);
  });

  it('kept memory bounded', () => {
    // Growth of the whole test process (the in-process app included), peak over every input. Measured on the
    // 2-core machine: +743 MB on ccfa4b8 and +727 MB on 83a63e5 run alone, +773 MB in a full CI run under load
    // (V8 collects later on a busy machine), so the earlier 768 MB bound failed on collection timing alone. A leak
    // per input (8,520 of them) or an unbounded answer would pass 1 GiB by far.
    expect(tally.peakRss - tally.baselineRss).toBeLessThan(1024 * 1024 ** 2);
  });
});
