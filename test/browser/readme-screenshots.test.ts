/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * The README's pictures of the plan viewer, taken in Chromium against the
 * real service on the five-minute tour's data (examples/eks-capture.json and
 * examples/checkout.yaml): the stored plan on the node list sorted busiest
 * first after the plan, a replica's explanation with its facts, and the same
 * page in dark mode — at 1400×1000, checked at a laptop's 1280×720 too (no
 * sideways scrolling). Each picture is asserted before it is taken. They land
 * in test-results/readme-screenshots; with PODPLAN_UPDATE_README_SCREENSHOTS=1
 * they also replace the ones in docs/ that README.md shows.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
const OUTPUT = join('test-results', 'readme-screenshots');
const UPDATE_DOCS = process.env.PODPLAN_UPDATE_README_SCREENSHOTS === '1';

const DESKTOP = { width: 1400, height: 1000 };
const LAPTOP = { width: 1280, height: 720 };

describe('README screenshots of the plan viewer', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const capture = JSON.parse(await readFile(new URL('eks-capture.json', EXAMPLES), 'utf8'));
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "demo", objects: $objects }) { id } }', { objects: [capture] });
    expect(created.errors).toBeUndefined();
    const topologyId = (created.data as { createTopology: { id: string } }).createTopology.id;
    const workloads = [parse(await readFile(new URL('checkout.yaml', EXAMPLES), 'utf8'))];
    const plan = await testApp.graphql('mutation($topologyId: ID!, $workloads: JSON!) { createPlan(input: { topologyId: $topologyId, workloads: $workloads, name: "checkout 3.0" }) { id } }', {
      topologyId,
      workloads,
    });
    expect(plan.errors).toBeUndefined();
    browser = await openBrowser(await listen(testApp));
    await mkdir(OUTPUT, { recursive: true });
  });

  afterEach(async () => {
    await browser.page.emulateMedia({ colorScheme: 'light' });
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  /** The viewport as a person sees it (not the full page), kept for review and, when asked, for README. */
  async function picture(name: string, docsName?: string) {
    const path = join(OUTPUT, `${name}.png`);
    await browser.page.screenshot({ path });
    if (UPDATE_DOCS && docsName) await copyFile(path, join(DOCS, docsName));
  }

  async function showPlanSortedAfterIt(viewport: { width: number; height: number }) {
    const { page } = browser;
    await page.setViewportSize(viewport);
    await page.goto('/');
    await page.getByRole('button', { name: /demo/ }).click();
    await page.locator('.plan-list').getByRole('button', { name: /checkout 3\.0/ }).click();
    await page.getByRole('heading', { name: 'Plan “checkout 3.0”' }).waitFor();
    await page.getByRole('group', { name: 'Sort and filter nodes' }).getByLabel('Sort by').selectOption({ label: 'Most CPU requested after the plan' });
    await page.getByRole('heading', { name: 'All 6 nodes' }).waitFor();
    await page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain checkout-/ }).first().waitFor();
  }

  it('the plan on its nodes, busiest first after the plan', async () => {
    const { page } = browser;
    await showPlanSortedAfterIt(DESKTOP);
    expect(await page.locator('.plan-summary').innerText()).toContain('6 replicas: 5 placed, 1 unplaceable');
    await page.getByRole('list', { name: 'Zones' }).getByRole('meter', { name: /^CPU \d+ percent, \d+ percent after the plan$/ }).first().waitFor();
    await picture('plan-viewer-1400x1000', 'plan-viewer.png');
  });

  it('fits a laptop screen without sideways scrolling', async () => {
    const { page } = browser;
    await showPlanSortedAfterIt(LAPTOP);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LAPTOP.width);
    await picture('plan-viewer-1280x720');
  });

  it('the unplaceable replica\'s explanation, with the facts behind each rejection', async () => {
    const { page } = browser;
    await showPlanSortedAfterIt(DESKTOP);
    await page.getByRole('region', { name: 'Unplaceable replicas' }).getByRole('button', { name: /^Explain checkout-/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Every failing rule, per node' }).waitFor();
    const text = await dialog.innerText();
    expect(text).toMatch(/cpu: requested 500m, in use \d+m of \d+m allocatable/);
    expect(text).toMatch(/topology\.kubernetes\.io\/zone=\S+ holds \d+ matching pod\(s\)/);
    await picture('plan-viewer-explanation-1400x1000', 'plan-viewer-explanation.png');
    await page.keyboard.press('Escape');
  });

  it('the same page in dark mode', async () => {
    const { page } = browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    await showPlanSortedAfterIt(DESKTOP);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(13, 17, 23)');
    await picture('plan-viewer-dark-1400x1000', 'plan-viewer-dark.png');
  });
});
