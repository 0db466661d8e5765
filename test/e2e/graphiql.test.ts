/** GraphiQL at /graphql for browsers: on by default while no keys are configured, PODPLAN_GRAPHIQL says otherwise. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_CONFIG } from '../../src/config/app-config.js';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What a browser's address bar sends. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function pageOf(testApp: TestApp) {
  return testApp.http().get('/graphql').set('Accept', BROWSER_ACCEPT);
}

describe('GraphiQL', () => {
  describe('open mode (no keys), the default', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(async () => {
      await testApp?.close();
    });

    it('serves the page to a browser, with a policy that lets exactly its scripts run and talk to this origin only', async () => {
      const response = await pageOf(testApp);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('graphiql.min.js');
      const inline = [...response.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
      expect(inline).toHaveLength(1);
      expect(inline[0]).toContain('createFetcher({ url: "/graphql" })');
      const policy = response.headers['content-security-policy'];
      expect(policy).toContain(`'sha256-${createHash('sha256').update(inline[0], 'utf8').digest('base64')}'`);
      expect(policy).toContain("connect-src 'self'");
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain("script-src 'unsafe-inline'");
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
    beforeAll(async () => {
      testApp = await startTestApp({ auth: { ...DEFAULT_AUTH_CONFIG, graphiql: false } });
    });
    afterAll(async () => {
      await testApp?.close();
    });

    it('serves no page, even in open mode', async () => {
      const response = await pageOf(testApp);
      expect(response.text ?? '').not.toContain('graphiql');
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

    it('by default the browser meets the key requirement, not a page', async () => {
      const response = await pageOf(defaultApp);
      expect(response.headers['content-type']).toMatch(/json/);
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('PODPLAN_GRAPHIQL=true serves the page, while its queries still need a key', async () => {
      expect((await pageOf(enabledApp)).status).toBe(200);
      const anonymous = await enabledApp.graphql('{ topologies { totalCount } }');
      expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(await as(enabledApp, ADMIN_KEY).graphql('{ topologies { totalCount } }')).toEqual({ data: { topologies: { totalCount: 0 } } });
    });
  });
});
