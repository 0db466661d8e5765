/**
 * What a request costs before it proves who sent it, through real HTTP:
 * refused from its headers alone (the body never awaited), once per
 * request however many GraphQL fields it asks for, and throttled per client
 * address after repeated failures; per-route body limits; `Host` checks
 * against DNS rebinding; the documentation and GraphQL introspection behind
 * a key unless PODPLAN_PUBLIC_DOCS says otherwise.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_AUTH_CONFIG, loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import { ApiKeysRepository } from '../../src/auth/persistence/api-keys.repository.js';
import { REFUSED_BODY_LINGER_MS } from '../../src/common/http/refused-body.js';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import { partialUpload } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { threeZones } from './plans-fixtures.js';

const DEFAULTS = loadAppConfig({});
const FAKE_KEY = 'pp_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const MB = 1024 * 1024;

async function listen(testApp: TestApp): Promise<string> {
  const server = testApp.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function authenticatedApp(auth: Partial<AppConfig['auth']> = {}, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  return startAuthenticatedApp({ auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY, failedAttemptsPerMinute: 0, ...auth }, ...overrides });
}

describe('authentication comes before the body', () => {
  let testApp: TestApp;
  let url: string;

  beforeAll(async () => {
    testApp = await authenticatedApp({}, { smallBodyLimitBytes: 64 * 1024 });
    url = await listen(testApp);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
    ['an unknown key', FAKE_KEY],
  ])('answers 401 to a 100 MB upload with %s after 64 KB of it', async (_name, key) => {
    const answer = await partialUpload(url, {
      path: '/v1/topologies',
      headers: key === undefined ? {} : { Authorization: `Bearer ${key}` },
      announcedBytes: 100 * MB,
      sentBytes: 64 * 1024,
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'urn:podplan:problem:unauthenticated', status: 401 });
  });

  it('answers a chunked GraphQL upload without a key with UNAUTHENTICATED, in GraphQL shape', async () => {
    const answer = await partialUpload(url, { path: '/graphql', sentBytes: 64 * 1024 });
    // 200 with the refusal in `errors`, as GraphQL answers application/json (and as resolvers' refusals always did).
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED', status: 401 }) })] });
  });

  it('discards the rest of a refused upload for a moment, then cuts off a client still sending', async () => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /v1/topologies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${100 * MB}\r\n\r\n[`);
    let answer = '';
    let answeredAt = 0;
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
      answeredAt ||= performance.now();
    });
    // Keep sending slowly, as a client on a slow link would, until the server closes.
    const trickle = setInterval(() => socket.writable && socket.write('0,'), 50);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    const lingeredMs = performance.now() - answeredAt;
    expect(lingeredMs).toBeGreaterThanOrEqual(REFUSED_BODY_LINGER_MS - 100);
    expect(lingeredMs).toBeLessThan(REFUSED_BODY_LINGER_MS + 3_000);
  });

  it('refuses a declared Content-Length over the route limit before reading it, naming the setting', async () => {
    const answer = await partialUpload(url, {
      path: '/v1/keys',
      headers: { Authorization: `Bearer ${ADMIN_KEY}` },
      announcedBytes: 65 * 1024,
      sentBytes: 1024,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).detail).toBe('the request body is larger than the configured limit (SMALL_BODY_LIMIT=65536 bytes)');
  });

  it('counts a chunked body as it streams, against the limit of its route', async () => {
    const chunked = await partialUpload(url, { path: '/v1/keys', headers: { Authorization: `Bearer ${ADMIN_KEY}` }, sentBytes: 70 * 1024, end: true });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).detail).toBe('the request body is larger than the configured limit (SMALL_BODY_LIMIT=65536 bytes)');
    const padding = 'x'.repeat(70 * 1024);
    const admin = as(testApp, ADMIN_KEY);
    // The same size is fine where cluster objects go (BODY_LIMIT): refused for its content, not its size.
    const cluster = await admin.post('/v1/topologies', { name: 'padded', objects: threeZones(), padding });
    expect(cluster.status).toBe(400);
    expect(cluster.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('padding') })]);
  });

  it('looks a key up once per request, however many GraphQL fields ask for it', async () => {
    const lookups = vi.spyOn(testApp.app.get(ApiKeysRepository), 'findLiveByPrefix');
    const aliases = Array.from({ length: 2_000 }, (_, index) => `a${index}: topologies { edges { node { id } } }`).join(' ');
    const response = await testApp.http().post('/graphql').set('Authorization', `Bearer ${FAKE_KEY}`).send({ query: `{ ${aliases} }` });
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
  });

  it('refuses GraphQL documents of more than 20,000 tokens before validating them', async () => {
    const aliases = Array.from({ length: 4_000 }, (_, index) => `a${index}: topologies { edges { node { id } } }`).join(' ');
    const result = await as(testApp, ADMIN_KEY).graphql(`{ ${aliases} }`);
    // graphql-js spells it "more that".
    expect(result.errors?.[0].message).toMatch(/^Syntax Error: Document contains more tha[nt] 20000 tokens\. Parsing aborted\.$/);
  });
});

describe('failed authentications are throttled per client address', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // Behind one trusted proxy (loopback), X-Forwarded-For names the client.
    testApp = await authenticatedApp({ failedAttemptsPerMinute: 6, failedAttemptBurst: 3, trustProxy: 'loopback' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const from = (address: string, key: string | undefined) => {
    const request = testApp.http().get('/v1/topologies').set('X-Forwarded-For', address);
    return key === undefined ? request : request.set('Authorization', `Bearer ${key}`);
  };

  it('answers 429 with Retry-After once an address spent its burst of wrong keys, even to a right key, and only there', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expect((await from('203.0.113.1', FAKE_KEY)).status).toBe(401);
    const throttled = await from('203.0.113.1', FAKE_KEY);
    expect(throttled.status).toBe(429);
    // 6 a minute: one attempt back every 10 s, less whatever refilled while the burst was spent.
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(throttled.body.detail).toMatch(/PODPLAN_AUTH_FAILURES_PER_MINUTE=6, burst PODPLAN_AUTH_FAILURE_BURST=3/);
    // Its key is not even looked up: a right guess gains nothing while throttled.
    expect((await from('203.0.113.1', ADMIN_KEY)).status).toBe(429);
    expect((await from('203.0.113.2', ADMIN_KEY)).status).toBe(200);
    expect((await from('203.0.113.2', FAKE_KEY)).status).toBe(401);
  });

  it('does not count requests without a key (they guess nothing and cost no look-up)', async () => {
    for (let attempt = 0; attempt < 10; attempt++) expect((await from('203.0.113.3', undefined)).status).toBe(401);
    expect((await from('203.0.113.3', ADMIN_KEY)).status).toBe(200);
  });

  it('counts a GraphQL request as one attempt, whatever its aliases', async () => {
    const aliases = Array.from({ length: 100 }, (_, index) => `a${index}: topologies { edges { node { id } } }`).join(' ');
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await testApp.http().post('/graphql').set('X-Forwarded-For', '203.0.113.4').set('Authorization', `Bearer ${FAKE_KEY}`).send({ query: `{ ${aliases} }` });
      expect(response.body.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect((await from('203.0.113.4', FAKE_KEY)).status).toBe(429);
  });
});

describe('Host headers: DNS rebinding cannot reach the keyless mode', () => {
  let open: TestApp;

  beforeAll(async () => {
    open = await startTestApp({ auth: { ...DEFAULT_AUTH_CONFIG, allowedHosts: ['podplan.internal'] } });
  });

  afterAll(async () => {
    await open?.close();
  });

  it.each(['localhost:3000', 'LOCALHOST', '127.0.0.1:3000', '127.1.2.3', '[::1]:3000', 'podplan.internal:8080'])('answers Host %s', async (host) => {
    expect((await open.http().get('/v1/topologies').set('Host', host)).status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io', '0.0.0.0:3000'])('refuses Host %s with 403, naming the setting', async (host) => {
    const response = await open.http().post('/v1/topologies').set('Host', host).send({ name: 'rebound', objects: threeZones() });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/^Host ".*" is not allowed: without API keys podplan answers only loopback names .* and PODPLAN_ALLOWED_HOSTS/);
  });

  it('still answers the probes from any Host', async () => {
    expect((await open.http().get('/healthz').set('Host', 'evil.example')).status).toBe(200);
    expect((await open.http().get('/readyz').set('Host', '10.1.2.3:3000')).status).toBe(200);
  });

  it('with keys, answers any Host unless PODPLAN_ALLOWED_HOSTS is set', async () => {
    const anyHost = await authenticatedApp();
    const listed = await authenticatedApp({ allowedHosts: ['podplan.internal'] });
    try {
      expect((await as(anyHost, ADMIN_KEY).get('/v1/topologies').set('Host', 'podplan.example.com')).status).toBe(200);
      expect((await as(listed, ADMIN_KEY).get('/v1/topologies').set('Host', 'podplan.example.com')).status).toBe(403);
      expect((await as(listed, ADMIN_KEY).get('/v1/topologies').set('Host', 'podplan.internal')).status).toBe(200);
    } finally {
      await anyHost.close();
      await listed.close();
    }
  });
});

describe('documentation and introspection need a key unless PODPLAN_PUBLIC_DOCS', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';
  let keyed: TestApp;
  let publicDocs: TestApp;

  beforeAll(async () => {
    keyed = await authenticatedApp();
    publicDocs = await authenticatedApp({ publicDocs: true });
  });

  afterAll(async () => {
    await keyed?.close();
    await publicDocs?.close();
  });

  it.each(['/docs', '/docs/swagger-ui.css', '/openapi.json', '/docs-yaml'])('%s: 401 without a key, 200 with one, 200 to anyone with PODPLAN_PUBLIC_DOCS=true', async (path) => {
    expect((await keyed.http().get(path)).status).toBe(401);
    expect((await as(keyed, ADMIN_KEY).get(path)).status).toBe(200);
    expect((await publicDocs.http().get(path)).status).toBe(200);
  });

  it('GraphQL introspection needs a key in both cases (the schema is published as schema.gql)', async () => {
    for (const testApp of [keyed, publicDocs]) {
      const response = await testApp.http().post('/graphql').send({ query: INTROSPECTION });
      expect(response.body).toEqual({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })] });
      expect((await as(testApp, ADMIN_KEY).graphql(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('the viewer page loads without a key (it holds no data and asks for one)', async () => {
    expect((await keyed.http().get('/')).status).not.toBe(401);
  });
});
