/**
 * The plan viewer as a person uses it, in Debian's Chromium against the real
 * service (real HTTP, real Postgres): load a topology, plan from pasted YAML,
 * open replicas' explanations. Assertions read the text on the page; any
 * console error fails the test. Screenshots land in test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { largeClusterList } from '../support/large-cluster.js';
import { ADMIN_KEY, startAuthenticatedApp } from '../auth/support.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

/** b2 carries a taint, so hovering it shows one; PreferNoSchedule only scores, so every node stays feasible. */
function topologyObjects() {
  return threeZones().map((node) =>
    node.metadata.name === 'b2' ? { ...node, spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'PreferNoSchedule' }] } } : node,
  );
}

/** Four replicas, one per zone at most, over three zones: three land, the fourth cannot. */
const WORKLOAD_YAML = stringify(deployment('web', 4, zoneAntiAffinity('web')));
const UNPLACEABLE_MESSAGE = "0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules.";

async function textOf(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector);
  await locator.first().waitFor();
  return locator.first().innerText();
}

describe('the plan viewer', () => {
  let testApp: TestApp;
  let baseURL: string;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    baseURL = await listen(testApp);
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "three-zones", objects: $objects }) { id } }', {
      objects: topologyObjects(),
    });
    expect(created.errors).toBeUndefined();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('served by the service', () => {
    it('serves the page at / and its bundles under /assets', async () => {
      const page = await testApp.http().get('/').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<div id="root"></div>');
      // Its own policy: nothing from elsewhere, and no upgrade to https that would blank a plain-HTTP deployment.
      const policy = page.headers['content-security-policy'].split('; ');
      expect(policy).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"]));
      expect(policy).not.toContain('upgrade-insecure-requests');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const bundle = await testApp.http().get(script!).expect(200);
      expect(bundle.headers['content-type']).toMatch(/javascript/);
      expect(bundle.headers['cache-control']).toContain('immutable');
    });

    it('shadows none of the API routes', async () => {
      await testApp.http().get('/healthz').expect(200, { status: 'ok' });
      expect((await testApp.http().get('/openapi.json').expect(200)).body.info.title).toBe('podplan');
      expect((await testApp.http().get('/docs').redirects(1).expect(200)).text).toContain('swagger');
      expect((await testApp.http().get('/v1/topologies').expect(200)).body.items).toHaveLength(1);
      const graphql = await testApp.graphql('{ topologies { edges { node { name } } } }');
      expect(graphql.data!.topologies.edges[0].node.name).toBe('three-zones');
    });

    it('answers a missing asset with a problem, not the page', async () => {
      const missing = await testApp.http().get('/assets/missing.js').expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('in Chromium', () => {
    let browser: BrowserSession;

    beforeAll(async () => {
      browser = await openBrowser(baseURL);
    });

    beforeEach(({ task, onTestFailed }) => {
      // The page as it was when a test failed, beside the screenshots of the steps that passed.
      onTestFailed(() => browser.screenshot(`failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`));
    });

    afterEach(async () => {
      // A dialog left open by a failed test would block every later click.
      if (await browser.page.getByRole('dialog').isVisible()) await browser.page.keyboard.press('Escape');
      expect(browser.consoleErrors).toEqual([]);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('draws a topology as zones, then a zone as nodes with labels and taints on hover', async () => {
      const { page } = browser;
      await page.goto('/');
      await page.getByRole('button', { name: /three-zones/ }).click();
      await page.getByRole('heading', { name: /three-zones/ }).waitFor();
      const zones = page.getByRole('list', { name: 'Zones' });
      expect(await zones.innerText()).toMatch(/a\s+2 nodes · 0 pods/);
      expect(await zones.getByRole('button').count()).toBe(3);
      await browser.screenshot('01-topology-zones');

      await zones.getByRole('button', { name: /^b/ }).click();
      await page.getByRole('heading', { name: '2 of 6 nodes: zone b' }).waitFor();
      const nodes = page.getByRole('region', { name: 'Nodes' });
      await nodes.getByRole('article', { name: 'Node b2' }).waitFor();
      expect(await nodes.getByRole('article').count()).toBe(2);
      expect(await nodes.innerText()).toContain('2 nodes');

      await nodes.getByRole('heading', { name: 'b2' }).hover();
      const tooltip = page.getByRole('tooltip');
      await tooltip.waitFor();
      expect(await tooltip.innerText()).toMatch(/topology\.kubernetes\.io\/zone=b[\s\S]*dedicated=batch:PreferNoSchedule/);
      await browser.screenshot('02-zone-nodes-hover');
    });

    it('filters nodes by label selector', async () => {
      const { page } = browser;
      await page.getByRole('button', { name: 'All nodes' }).click();
      await page.getByRole('heading', { name: 'All 6 nodes' }).waitFor();
      await page.getByRole('article', { name: 'Node c2' }).waitFor();
      expect(await page.getByRole('region', { name: 'Nodes' }).getByRole('article').count()).toBe(6);

      await page.getByLabel('Label selector').fill('topology.kubernetes.io/zone in (a,c),kubernetes.io/hostname!=c2');
      await page.getByRole('button', { name: 'Filter nodes' }).click();
      await page.getByText('3 nodes', { exact: true }).waitFor();
      // A name is drawn in two parts (for its middle ellipsis); the heading's title is the whole name.
      const names = await page.getByRole('region', { name: 'Nodes' }).getByRole('article').getByRole('heading').evaluateAll((headings) => headings.map((heading) => heading.getAttribute('title')));
      expect(names).toEqual(['a1', 'a2', 'c1']);
    });

    it('plans from pasted YAML: replicas on their nodes, the unplaceable one with upstream\'s message', async () => {
      const { page } = browser;
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByLabel('Workload YAML').fill(WORKLOAD_YAML);
      await page.getByLabel('Plan name (optional)').fill('spread web');
      await page.getByRole('button', { name: 'Create plan' }).click();

      await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
      const summary = await textOf(page, '.plan-summary');
      expect(summary).toContain('4 replicas: 3 placed, 1 unplaceable');
      expect(summary).toContain('Deployment default/web: 3/4 placed');
      const unplaceable = page.getByRole('region', { name: 'Unplaceable replicas' });
      expect(await unplaceable.innerText()).toContain(UNPLACEABLE_MESSAGE);

      // One replica per zone card, and three chips across the six nodes.
      const zoneText = await page.getByRole('list', { name: 'Zones' }).innerText();
      expect(zoneText.match(/1 planned replica\b/g)).toHaveLength(3);
      const chips = page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain web-/ });
      await chips.first().waitFor();
      expect(await chips.count()).toBe(3);
      await page.locator('.plan-list').getByRole('button', { name: /spread web/ }).waitFor();
      await browser.screenshot('03-plan');
    });

    it("explains a placed replica: score breakdown, margin over the runner-up, every failing rule per rejected node", async () => {
      const { page } = browser;
      await page.getByRole('button', { name: /^Explain web-.*replica 1\)$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: /^Why / }).waitFor();
      await dialog.getByRole('heading', { name: 'Rejected nodes (2)' }).waitFor();
      const text = await dialog.innerText();
      const placedOn = /Placed on ([abc][12])/.exec(text)?.[1];
      expect(placedOn).toBeDefined();
      expect(text).toContain('4 feasible nodes of 6 nodes evaluated');
      expect(text).toMatch(new RegExp(`${placedOn} (scored \\d+ points more than the runner-up|tied with [abc][12](?:(?:, | and )[abc][12])* at \\d+ points: the scores do not decide)`));
      const headers = await dialog.getByRole('columnheader').allInnerTexts();
      expect(headers[0]).toBe('Node');
      expect(headers).toEqual(expect.arrayContaining(['NodeResourcesBalancedAllocation', 'NodeResourcesFit', 'TaintToleration', 'Total']));
      // The chosen node leads the breakdown, ahead of at least one runner-up.
      const rows = dialog.getByRole('row');
      expect(await rows.count()).toBeGreaterThanOrEqual(3);
      expect(await rows.nth(1).getByRole('rowheader').innerText()).toBe(placedOn);
      expect(text).toContain("2 nodes: InterPodAffinity — node(s) didn't match pod anti-affinity rules");
      expect(text.match(/InterPodAffinity: node\(s\) didn't match pod anti-affinity rules/g)).toHaveLength(2);
      await browser.screenshot('04-placed-replica-explanation');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    it('explains the unplaceable replica with every rejecting node', async () => {
      const { page } = browser;
      await page.getByRole('region', { name: 'Unplaceable replicas' }).getByRole('button', { name: /replica 3\)$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Rejected nodes (6)' }).waitFor();
      await dialog.getByText('Every failing rule, per node').waitFor();
      const text = await dialog.innerText();
      expect(text).toContain('Unplaceable');
      expect(text).toContain(UNPLACEABLE_MESSAGE);
      expect(text).not.toContain('Why ');
      expect(text.match(/InterPodAffinity: node\(s\) didn't match pod anti-affinity rules/g)).toHaveLength(6);
      await browser.screenshot('05-unplaceable-replica-explanation');
      await dialog.getByRole('button', { name: 'Close explanation' }).click();
      await dialog.waitFor({ state: 'detached' });
    });

    it('runs a dry run without storing it, and reopens the stored plan from the list', async () => {
      const { page } = browser;
      await page.getByRole('button', { name: 'Dry run' }).click();
      await page.getByRole('heading', { name: 'Dry run (not stored)' }).waitFor();
      expect(await textOf(page, '.plan-summary')).toContain('4 replicas: 3 placed, 1 unplaceable');
      const stored = page.locator('.plan-list').getByRole('button');
      expect(await stored.count()).toBe(1);

      await stored.first().click();
      await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
      await browser.screenshot('06-stored-plan-reopened');
    });

    it('runs the capacity and zone-failure analyses of the pasted workloads, shown as tables', async () => {
      const { page } = browser;
      await page.getByRole('button', { name: 'Capacity' }).click();
      const analysis = page.getByRole('region', { name: 'What-if analysis' });
      const capacity = analysis.getByRole('table', { name: /^Capacity/ });
      await capacity.waitFor();
      // One more per zone from the topology as saved; the fourth meets the anti-affinity rule.
      expect(await capacity.getByRole('row').nth(1).innerText()).toMatch(
        /^Deployment default\/web\s+3\s+a: 1, b: 1, c: 1\s+0\/6 nodes are available: 6 node\(s\) didn't match pod anti-affinity rules\./,
      );

      await page.getByRole('button', { name: 'Zone failure' }).click();
      const verdicts = analysis.getByRole('table', { name: 'Verdicts' });
      await verdicts.waitFor();
      const domains = await analysis.getByRole('table', { name: /^Losing one/ }).innerText();
      for (const zone of ['a', 'b', 'c']) expect(domains).toContain(`${zone} (2 nodes)`);
      expect(await verdicts.getByRole('row').nth(1).innerText()).toMatch(/^Deployment default\/web\s+no\s+[abc]\s+/);
      await browser.screenshot('07-analyses');
      await analysis.getByRole('button', { name: 'Dismiss' }).click();
      await analysis.waitFor({ state: 'detached' });
    });

    it('reports a YAML syntax error without calling the service', async () => {
      const { page } = browser;
      await page.getByLabel('Workload YAML').fill('kind: Deployment\n  metadata: [unclosed');
      await page.getByRole('button', { name: 'Dry run' }).click();
      const alert = page.locator('.workload-input [role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^document 1: /);
    });

    it('stays usable at 5,000 nodes: zones first, then a virtualised list that pages as it scrolls, by keyboard', async () => {
      const { page } = browser;
      const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "five-thousand", objects: $objects }) { id } }', {
        objects: largeClusterList({ nodeCount: 5000, podsPerNode: 1 }),
      });
      expect(created.errors).toBeUndefined();
      await page.reload();
      const topology = page.getByRole('button', { name: /five-thousand/ });
      await topology.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /five-thousand/ }).waitFor();
      const zones = page.getByRole('list', { name: 'Zones' });
      expect(await zones.innerText()).toMatch(/us-east-1a\s+1,667 nodes · 1,667 pods/);

      await zones.getByRole('button', { name: /^us-east-1a/ }).focus();
      await page.keyboard.press('Enter');
      const nodes = page.getByRole('region', { name: 'Nodes' });
      await nodes.getByText('1,667 nodes, 200 loaded').waitFor();
      // Only the rows in view (plus overscan) are in the document.
      expect(await nodes.getByRole('article').count()).toBeLessThan(40);
      await browser.screenshot('08-five-thousand-nodes');

      await nodes.locator('.node-list-scroll').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
      await nodes.getByText('1,667 nodes, 400 loaded').waitFor();
      expect(await nodes.getByRole('article').count()).toBeLessThan(40);
    });

    it('shows the service\'s field errors for an invalid workload', async () => {
      const { page } = browser;
      const bad = deployment('bad', 1);
      (bad.spec.selector as { matchLabels: Record<string, string> }).matchLabels = { app: 'other' };
      await page.getByLabel('Workload YAML').fill(stringify(bad));
      await page.getByRole('button', { name: 'Create plan' }).click();
      const alert = page.locator('.plan-panel > [role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^The service rejected the input:\s+workloads\[0\]\.spec\.[\w.]+: .*`selector` does not match template `labels`/);
      await browser.screenshot('09-invalid-workload');
    });
  });
  describe('with API keys configured', () => {
    let securedApp: TestApp;
    let browser: BrowserSession;

    beforeAll(async () => {
      securedApp = await startAuthenticatedApp();
      browser = await openBrowser(await listen(securedApp));
    });

    afterAll(async () => {
      await browser?.close();
      await securedApp?.close();
    });

    it('asks for a key, keeps it for the tab and sends it as a bearer token', async () => {
      const { page } = browser;
      await page.goto('/');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('This podplan needs an API key: enter one at the top of the page.');

      await page.getByLabel('API key').fill(ADMIN_KEY);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByText('No topology saved yet', { exact: false }).waitFor();
      await page.getByText('API key saved for this tab').waitFor();
      expect(await page.evaluate("sessionStorage.getItem('podplan.apiKey')")).toBe(ADMIN_KEY);

      await page.reload();
      await page.getByText('No topology saved yet', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Forget key' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.evaluate("sessionStorage.getItem('podplan.apiKey')")).toBeNull();
      expect(browser.consoleErrors).toEqual([]);
    });
  });
});
