/**
 * GraphiQL at /graphql in Chromium against the real service (real HTTP, real
 * Postgres), with every request to another host refused, as on an air-gapped
 * network: the page, React, GraphiQL, Monaco and Monaco's workers all come
 * from the service itself, a typed query runs, and its answer is shown. A
 * service with GraphiQL turned off serves neither the page nor its bundles.
 */
import type { BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_CONFIG } from '../../src/config/app-config.js';
import { GRAPHIQL_ASSETS_PATH } from '../../src/common/graphql/graphiql-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { threeZones } from '../e2e/plans-fixtures.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildGraphiql } from './web-build.js';

const FIRST_LOAD_TIMEOUT_MS = 120_000;

/** vitest polls for a second by default; the page's answers (a query, prettier's lazily loaded chunks) may take longer on busy cores. */
const POLL = { timeout: 15_000 };

const QUERY = '{ topologies(first: 1) { totalCount edges { node { name } } } }';

/** The host the service listens on: anything else is "leaving the host". */
const LOOPBACK = '127.0.0.1';

/** Refuses, and records, every request to any other host (data: URLs never reach the network, so are not routed). */
async function blockOtherHosts(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.route(
    (url) => url.hostname !== LOOPBACK,
    async (route) => {
      refused.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return refused;
}

/** What a Monaco editor shows, as text: its rendered lines use non-breaking spaces. */
async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replaceAll('\u00a0', ' ');
}

/** The JS bundle the built page names, e.g. /graphiql/assets/index-….js. */
async function pageScript(baseURL: string): Promise<string> {
  const html = await (await fetch(`${baseURL}/graphql`, { headers: { accept: 'text/html' } })).text();
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  expect(script).toMatch(new RegExp(`^${GRAPHIQL_ASSETS_PATH}/index-[\\w-]+\\.js$`));
  return script!;
}

describe('GraphiQL in the browser, with nothing but the service reachable', () => {
  let testApp: TestApp;
  let baseURL: string;
  let browser: BrowserSession;
  let refused: string[];
  /** Every request the page and its workers made, by URL. */
  const requested: string[] = [];

  beforeAll(async () => {
    await buildGraphiql();
    testApp = await startTestApp();
    await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() }).expect(201);
    baseURL = await listen(testApp);
    browser = await openBrowser(baseURL);
    const context = browser.page.context();
    refused = await blockOtherHosts(context);
    context.on('request', (request: Request) => requested.push(request.url()));
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
    expect(refused).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('renders the editors, runs a typed query and shows the data as JSON', async () => {
    const { page } = browser;
    const response = await page.goto('/graphql');
    expect(response?.status()).toBe(200);
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor');
    // The first load compiles some 7 MB of bundles (Monaco's most of it): longer than an action on two busy cores.
    await queryEditor.waitFor({ timeout: FIRST_LOAD_TIMEOUT_MS });
    // The headers editor is offered (an API key goes there) and visible from the start.
    await page.getByRole('button', { name: 'Headers' }).waitFor();

    await replaceQuery(page, queryEditor);
    await expect.poll(() => editorText(queryEditor), POLL).toContain(QUERY);
    await page.getByRole('button', { name: /^Execute query/ }).click();

    const responseEditor = page.locator('.graphiql-response .monaco-editor');
    await expect.poll(async () => (await editorText(responseEditor)).replace(/\s+/g, ' '), POLL).toContain('"totalCount": 1');
    const shown = (await editorText(responseEditor)).replace(/\s+/g, ' ');
    const answer = await testApp.graphql(QUERY);
    expect(answer.data).toEqual({ topologies: { totalCount: 1, edges: [{ node: { name: 'three-zones' } }] } });
    expect(shown).toContain('"data": { "topologies": { "totalCount": 1, "edges": [ { "node": { "name": "three-zones" } } ] } }');
    // Prettify (prettier, bundled too) lays the one-line query out over lines.
    await page.getByRole('button', { name: /^Prettify query/ }).click();
    await expect.poll(() => queryEditor.locator('.view-line').count(), POLL).toBeGreaterThan(5);
    await browser.screenshot('graphiql-01-query-result');

    // Monaco's editor, GraphQL and JSON workers were loaded from the service (a blocked worker would have fallen back with a warning).
    // Monaco starts each worker on its own timer after the editors mount, so on a busy machine a worker's request can
    // come after the query's answer: wait for it rather than look once.
    for (const worker of ['editor.worker', 'graphql.worker', 'json.worker']) {
      await expect
        .poll(() => requested.some((url) => url.startsWith(`${baseURL}${GRAPHIQL_ASSETS_PATH}/${worker}-`)), { ...POLL, message: worker })
        .toBe(true);
    }
    expect(requested.filter((url) => !url.startsWith(`${baseURL}/`) && !url.startsWith('data:'))).toEqual([]);
  }, FIRST_LOAD_TIMEOUT_MS + 60_000);

  it('completes field names from the schema (the GraphQL worker has the schema)', async () => {
    const { page } = browser;
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor');
    await queryEditor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{ topolog');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await suggestions.first().waitFor();
    const offered = await suggestions.allInnerTexts();
    expect(offered.some((text) => text.startsWith('topologies')), offered.join(' | ')).toBe(true);
    await browser.screenshot('graphiql-02-completion');
    await page.keyboard.press('Escape');
  });
});

async function replaceQuery(page: Page, queryEditor: Locator): Promise<void> {
  await queryEditor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // insertText, not typing: Monaco would close each typed bracket itself.
  await page.keyboard.insertText(QUERY);
}

describe('GraphiQL turned off (PODPLAN_GRAPHIQL=false)', () => {
  let enabledApp: TestApp;
  let disabledApp: TestApp;
  let browser: BrowserSession;
  let disabledURL: string;
  let script: string;

  beforeAll(async () => {
    await buildGraphiql();
    enabledApp = await startTestApp();
    disabledApp = await startTestApp({ auth: { ...DEFAULT_AUTH_CONFIG, graphiql: false } });
    // The bundle's name, from a service that serves it: the disabled one must not.
    script = await pageScript(await listen(enabledApp));
    disabledURL = await listen(disabledApp);
    browser = await openBrowser(disabledURL);
    await blockOtherHosts(browser.page.context());
  });

  afterAll(async () => {
    await browser?.close();
    await enabledApp?.close();
    await disabledApp?.close();
  });

  it('serves a browser at /graphql no page and no bundle', async () => {
    const { page } = browser;
    const response = await page.goto('/graphql');
    expect(response?.headers()['content-type']).toMatch(/json/);
    expect(await page.locator('.graphiql-container').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('GraphiQL');
    await browser.screenshot('graphiql-03-disabled');
    expect((await page.request.get(script)).status()).toBe(404);
  });
});
