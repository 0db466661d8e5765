/**
 * Importing a topology from the viewer, in Chromium against the real service
 * (real HTTP, real Postgres): the empty page says how to start, pasted YAML
 * and an uploaded JSON List go through `POST /v1/topologies`, its warnings and
 * field errors are shown at their paths, and a refused import stores nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { threeZones, zonedNode } from '../e2e/plans-fixtures.js';
import { ADMIN_KEY, createKey, startAuthenticatedApp } from '../auth/support.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

const LAPTOP = { width: 1280, height: 720 };
const DESKTOP = { width: 1400, height: 1000 };

/** The body of the page's next answer from POST /v1/topologies, as the service sent it. */
function nextImportAnswer(page: Page) {
  return page
    .waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/v1/topologies')
    .then(async (response) => ({ status: response.status(), body: (await response.json()) as Record<string, any> }));
}

async function storedTopologyNames(testApp: TestApp): Promise<string[]> {
  const list = await testApp.http().get('/v1/topologies').expect(200);
  return (list.body.items as { name: string }[]).map((item) => item.name);
}

describe('importing a topology from the viewer', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    browser = await openBrowser(await listen(testApp));
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('says how to start when no topology is saved, with the kubectl and curl commands', async () => {
    const { page } = browser;
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await page.getByRole('heading', { name: 'No topology saved yet' }).waitFor();
    expect(await page.getByRole('region', { name: 'No topology saved yet' }).innerText()).toMatch(/Import one to start — paste the output of kubectl get … -o yaml/);
    await page.getByText('…or from a terminal').click();
    expect(await page.getByLabel('kubectl command').innerText()).toMatch(/^kubectl get nodes,pods,namespaces,.* -A -o yaml > cluster\.yaml$/);
    await page.getByLabel('Topology name').fill('prod-eu');
    const curl = await page.getByLabel('curl command').innerText();
    expect(curl).toBe(`curl -sS -X POST '${new URL(page.url()).origin}/v1/topologies?name=prod-eu' -H 'Content-Type: application/yaml' --data-binary @cluster.yaml`);
    await browser.screenshot('import-01-empty-page');
    await page.setViewportSize(LAPTOP);
    await browser.screenshot('import-01-empty-page-laptop');
  });

  it('imports pasted YAML and opens the new topology', async () => {
    const { page } = browser;
    await page.setViewportSize(DESKTOP);
    const yaml = threeZones().map((node) => stringify(node)).join('---\n');
    await page.getByLabel('Topology name').fill('pasted');
    await page.getByLabel('Cluster objects (YAML or JSON)').fill(yaml);
    const answer = nextImportAnswer(page);
    await page.getByRole('button', { name: 'Import topology', exact: true }).last().click();
    const { status, body } = await answer;
    expect(status).toBe(201);

    await page.getByRole('heading', { name: /^pasted/ }).waitFor();
    const notice = page.getByRole('status', { name: 'Import result' });
    expect(await notice.innerText()).toContain(`Imported “pasted” as revision ${body.revision}: 6 nodes, 0 pods, 0 pending pods, 0 ignored pods.`);
    expect(await page.getByRole('list', { name: 'Zones' }).getByRole('button').count()).toBe(3);
    // The list beside shows it, as chosen.
    expect(await page.getByRole('navigation', { name: 'Topologies' }).getByRole('button', { name: /pasted/ }).getAttribute('aria-current')).toBe('true');
    expect(await storedTopologyNames(testApp)).toEqual(['pasted']);
    await browser.screenshot('import-02-pasted');
  });

  it('imports an uploaded kubectl JSON List, named after the file, with the warnings at their paths', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Import topology' }).first().click();
    await page.getByRole('heading', { name: 'Import a topology' }).waitFor();
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [zonedNode('x1', 'x'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: 'b' } }],
    };
    await page.getByLabel('…or upload a file').setInputFiles({ name: 'uploaded.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(list)) });
    // The file is read asynchronously: the name and the text follow.
    await expect.poll(() => page.getByLabel('Topology name').inputValue()).toBe('uploaded');
    expect(JSON.parse(await page.getByLabel('Cluster objects (YAML or JSON)').inputValue())).toEqual(list);
    const answer = nextImportAnswer(page);
    await page.getByRole('button', { name: 'Import topology', exact: true }).last().click();
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.warnings.length).toBeGreaterThan(0);

    await page.getByRole('heading', { name: /^uploaded/ }).waitFor();
    const notice = await page.getByRole('status', { name: 'Import result' }).innerText();
    expect(notice).toContain('1 node, 0 pods');
    for (const warning of body.warnings as { path: string; message: string }[]) expect(notice).toContain(`${warning.path}: ${warning.message}`);
    expect(notice).toMatch(/ConfigMap/);
    expect((await storedTopologyNames(testApp)).sort()).toEqual(['pasted', 'uploaded']);
  });

  it("shows the service's field errors at their paths and stores nothing", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Import topology' }).first().click();
    const bad = zonedNode('bad1', 'a');
    const badYaml = stringify({ ...bad, spec: { unschedulabel: true }, status: { ...bad.status, allocatable: { ...bad.status.allocatable, cpu: 'four' } } });
    await page.getByLabel('Topology name').fill('refused');
    await page.getByLabel('Cluster objects (YAML or JSON)').fill(badYaml);
    const answer = nextImportAnswer(page);
    await page.getByRole('button', { name: 'Import topology', exact: true }).last().click();
    const { status, body } = await answer;
    expect(status).toBe(400);

    const alert = page.getByRole('form', { name: 'Import a topology' }).getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/^The service rejected the input:/);
    const paths = (body.errors as { path: string; message: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['objects[0].spec.unschedulabel']));
    for (const error of body.errors as { path: string; message: string }[]) expect(text).toContain(`${error.path}: ${error.message}`);
    // Still on the import form, and nothing stored.
    expect(await page.getByLabel('Topology name').inputValue()).toBe('refused');
    expect((await storedTopologyNames(testApp)).sort()).toEqual(['pasted', 'uploaded']);
    await browser.screenshot('import-03-field-errors');
    // Chromium logs the refused request itself; that one line is expected, nothing else.
    expect(browser.consoleErrors).toEqual([expect.stringMatching(/status of 400 \(Bad Request\) \(http:\/\/127\.0\.0\.1:\d+\/v1\/topologies\?name=refused\)$/)]);
    browser.consoleErrors.length = 0;
  });

  describe('with API keys configured', () => {
    let securedApp: TestApp;
    let securedBrowser: BrowserSession;

    beforeAll(async () => {
      securedApp = await startAuthenticatedApp();
      securedBrowser = await openBrowser(await listen(securedApp));
    });

    afterAll(async () => {
      await securedBrowser?.close();
      await securedApp?.close();
    });

    it("sends the tab's key: a viewer's import is refused with what to do, an admin's imports", async () => {
      const { page } = securedBrowser;
      const viewerKey = await createKey(securedApp, 'viewer', 'default');
      await page.goto('/');
      await page.getByLabel('API key').fill(viewerKey);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByRole('heading', { name: 'No topology saved yet' }).waitFor();

      const yaml = stringify(zonedNode('k1', 'a'));
      await page.getByLabel('Topology name').fill('keyed');
      await page.getByLabel('Cluster objects (YAML or JSON)').fill(yaml);
      const refused = nextImportAnswer(page);
      await page.getByRole('button', { name: 'Import topology', exact: true }).last().click();
      expect((await refused).status).toBe(403);
      const alert = page.getByRole('form', { name: 'Import a topology' }).getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toContain("Your API key's role may not do this.");
      expect(securedBrowser.consoleErrors).toEqual([expect.stringMatching(/status of 403 \(Forbidden\) \(http:\/\/127\.0\.0\.1:\d+\/v1\/topologies\?name=keyed\)$/)]);
      securedBrowser.consoleErrors.length = 0;

      await page.getByRole('button', { name: 'Forget key' }).click();
      await page.getByLabel('API key').fill(ADMIN_KEY);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByLabel('Topology name').fill('keyed');
      await page.getByLabel('Cluster objects (YAML or JSON)').fill(yaml);
      const accepted = nextImportAnswer(page);
      await page.getByRole('button', { name: 'Import topology', exact: true }).last().click();
      expect((await accepted).status).toBe(201);
      await page.getByRole('heading', { name: /^keyed/ }).waitFor();
      expect(securedBrowser.consoleErrors).toEqual([]);
    });
  });
});
