/**
 * GraphiQL at /graphql for browsers: on by default while no keys are
 * configured, PODPLAN_GRAPHIQL says otherwise. The page and its bundles come
 * from the service itself (test/browser/graphiql.test.ts drives them in Chromium).
 */
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_ASSETS_PATH } from '../../src/common/graphql/graphiql-build.js';
import { DEFAULT_AUTH_CONFIG } from '../../src/config/app-config.js';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import { buildGraphiql } from '../browser/web-build.js';
import { listen } from '../browser/listen.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What a browser's address bar sends. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function pageOf(testApp: TestApp) {
  return testApp.http().get('/graphql').set('Accept', BROWSER_ACCEPT);
}

/** The page's script and style URLs, in document order. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
}

/** A GET as a browser sends it, the body as it came over the wire (no client-side decompression). */
function rawGet(url: string, acceptEncoding: string | undefined): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

beforeAll(async () => {
  await buildGraphiql();
}, 300_000);

describe('GraphiQL', () => {
  describe('open mode (no keys), the default', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(async () => {
      await testApp?.close();
    });

    it('serves the page to a browser, its scripts and styles from this service only, with a policy that allows nothing else', async () => {
      const response = await pageOf(testApp);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-store');
      const assets = assetsOf(response.text).filter((url) => !url.startsWith('data:'));
      expect(assets.length).toBeGreaterThan(0);
      for (const url of assets) expect(url.startsWith(`${GRAPHIQL_ASSETS_PATH}/`), url).toBe(true);
      expect(response.text).not.toMatch(/https?:\/\//);
      // No inline script: everything runs from the bundles.
      expect(response.text).not.toMatch(/<script>/);
      const policy = response.headers['content-security-policy'].split('; ');
      expect(policy).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "worker-src 'self'", "connect-src 'self'"]));
      expect(policy.join('; ')).not.toMatch(/unsafe-eval|https?:|upgrade-insecure-requests/);
      expect(policy.find((directive) => directive.startsWith('script-src'))).not.toContain('unsafe-inline');
    });

    it('serves the bundles with the same policy, cached for good (their names are fingerprints)', async () => {
      const script = assetsOf((await pageOf(testApp)).text).find((url) => url.endsWith('.js'))!;
      const response = await testApp.http().get(script);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-security-policy']).toBe((await pageOf(testApp)).headers['content-security-policy']);
      expect((await testApp.http().get(`${GRAPHIQL_ASSETS_PATH}/no-such-bundle.js`)).status).toBe(404);
      expect((await testApp.http().get(`${GRAPHIQL_ASSETS_PATH}/..%2Findex.html`)).status).toBe(404);
    });

    it('sends each bundle as the build compressed it, in the encoding the browser accepts (Chrome offers br on HTTPS only)', async () => {
      const base = await listen(testApp);
      const script = assetsOf((await pageOf(testApp)).text).find((url) => url.endsWith('.js'))!;
      const plain = await rawGet(`${base}${script}`, undefined);
      const brotli = await rawGet(`${base}${script}`, 'gzip, deflate, br, zstd');
      const gzip = await rawGet(`${base}${script}`, 'gzip, deflate');
      const refused = await rawGet(`${base}${script}`, 'br;q=0, gzip;q=0');
      expect([plain.status, brotli.status, gzip.status, refused.status]).toEqual([200, 200, 200, 200]);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toEqual(plain.body);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(brotli.body)).toEqual(plain.body);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body)).toEqual(plain.body);
      expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
      for (const sent of [plain, brotli, gzip]) {
        expect(sent.headers['content-type']).toMatch(/javascript/);
        expect(sent.headers.vary).toMatch(/Accept-Encoding/);
        expect(sent.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(sent.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
      }
    });

    it("answers GraphiQL's introspection query (graphql-js's, within the depth limit)", async () => {
      const query = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
      const response = await testApp.http().post('/graphql').send({ query, operationName: 'IntrospectionQuery' });
      expect(response.status, JSON.stringify(response.body.errors)).toBe(200);
      expect(response.body.data.__schema.queryType.name).toBe('Query');
    });

    it('leaves API clients alone: GET for JSON and POST still reach GraphQL', async () => {
      const viaGet = await testApp.http().get('/graphql').query({ query: '{ topologies { totalCount } }' }).set('Accept', 'application/json').set('apollo-require-preflight', 'true');
      expect(viaGet.headers['content-type']).toMatch(/json/);
      expect(viaGet.body).toEqual({ data: { topologies: { totalCount: 0 } } });
      expect((await testApp.graphql('{ topologies { totalCount } }')).data).toEqual({ topologies: { totalCount: 0 } });
    });
  });

  describe('PODPLAN_GRAPHIQL=false', () => {
    let testApp: TestApp;
    let enabledApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp({ auth: { ...DEFAULT_AUTH_CONFIG, graphiql: false } });
      enabledApp = await startTestApp();
    });
    afterAll(async () => {
      await testApp?.close();
      await enabledApp?.close();
    });

    it('serves no page and no bundle, even in open mode', async () => {
      const response = await pageOf(testApp);
      expect(response.text ?? '').not.toContain('graphiql');
      const script = assetsOf((await pageOf(enabledApp)).text).find((url) => url.endsWith('.js'))!;
      expect((await enabledApp.http().get(script)).status).toBe(200);
      expect((await testApp.http().get(script)).status).toBe(404);
    });
  });

  describe('with keys configured', () => {
    let defaultApp: TestApp;
    let enabledApp: TestApp;
    beforeAll(async () => {
      defaultApp = await startAuthenticatedApp();
      enabledApp = await startAuthenticatedApp({ auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY, failedAttemptsPerMinute: 0, graphiql: true } });
    });
    afterAll(async () => {
      await defaultApp?.close();
      await enabledApp?.close();
    });

    it('by default the browser meets the key requirement, not a page nor a bundle', async () => {
      const response = await pageOf(defaultApp);
      expect(response.headers['content-type']).toMatch(/json/);
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const script = assetsOf((await pageOf(enabledApp)).text).find((url) => url.endsWith('.js'))!;
      expect((await defaultApp.http().get(script)).status).toBe(401);
    });

    it('PODPLAN_GRAPHIQL=true serves the page and its bundles without a key, while its queries still need one', async () => {
      const page = await pageOf(enabledApp);
      expect(page.status).toBe(200);
      for (const url of assetsOf(page.text).filter((each) => each.startsWith(`${GRAPHIQL_ASSETS_PATH}/`))) expect((await enabledApp.http().get(url)).status, url).toBe(200);
      const anonymous = await enabledApp.graphql('{ topologies { totalCount } }');
      expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(await as(enabledApp, ADMIN_KEY).graphql('{ topologies { totalCount } }')).toEqual({ data: { topologies: { totalCount: 0 } } });
    });
  });
});
