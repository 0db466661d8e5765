/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * The right-sizing analyses in the viewer, in Chromium against the real
 * service (real HTTP, real Postgres), on the shop cluster of
 * test/cli/fixtures (the README's example): consolidation shows the nodes to
 * remove in drain order with where their pods land, the nodes kept with the
 * pod that has nowhere to go and its FailedScheduling text, utilisation
 * before and after and the money saved; migration shows the new nodes per
 * zone and the cost. Screenshots at 1400×1000 and 1280×720 land in
 * test-results/screenshots; at both sizes the page never scrolls sideways.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

const FIXTURES = new URL('../cli/fixtures/', import.meta.url).pathname;
const GROUPS_YAML = readFileSync(`${FIXTURES}right-sizing-groups.yaml`, 'utf8');
const shopCluster = () => parseAllDocuments(readFileSync(`${FIXTURES}right-sizing-cluster.yaml`, 'utf8')).map((document) => document.toJS());

const DESKTOP = { width: 1400, height: 1000 };
const LAPTOP = { width: 1280, height: 720 };

/** Each body row's cells as text. */
async function rowsOf(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('region', { name: 'What-if analysis' }).getByRole('table', { name: caption });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())));
}

async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe('right-sizing in the viewer', () => {
  let testApp: TestApp;
  let browser: BrowserSession;
  let shop: string;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const created = await testApp.http().post('/v1/topologies').send({ name: 'shop', objects: shopCluster() });
    expect(created.status).toBe(201);
    shop = created.body.id;
    browser = await openBrowser(await listen(testApp));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => browser.screenshot(`failed-right-sizing-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`));
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function openShop(viewport: { width: number; height: number }) {
    const { page } = browser;
    await page.setViewportSize(viewport);
    await page.goto('/');
    await page.getByRole('button', { name: /shop/ }).click();
    await page.getByRole('heading', { name: /shop/ }).first().waitFor();
    const form = page.getByRole('form', { name: 'Right-sizing' });
    await form.getByLabel(/^Node groups/).fill(GROUPS_YAML);
    return form;
  }

  it('consolidation: the nodes to remove in drain order, the kept ones with the pod that has nowhere to go, before/after and the saving', async () => {
    const { page } = browser;
    const form = await openShop(DESKTOP);
    await form.getByRole('button', { name: 'Consolidate' }).click();

    // The service's own answer to the same question, for the scheduler's words.
    const answer = (await testApp.http().post('/v1/analyses/consolidation').send({ topologyId: shop, nodeGroups: parseAllDocuments(GROUPS_YAML)[0].toJS() })).body;

    // By hand: m5-a1 and m5-b1 are the emptiest (26 % and 29 % of their CPU): each web pod they run finds room on its zone's other node.
    const removed = await rowsOf(page, 'Nodes to remove, in drain order');
    expect(removed.map((cells) => cells.slice(0, 4))).toEqual([
      ['1', 'm5-a1', 'a', '26%'],
      ['2', 'm5-b1', 'b', expect.stringMatching(/%$/)],
    ]);
    expect(removed[0][4].split('\n')).toEqual(answer.removable[0].evicted.map((pod: any) => `${pod.namespace}/${pod.pod} → ${pod.to}`));
    expect(removed[0][4]).toContain('shop/web-7d4b9c-0 → m5-a2');
    expect(removed[0][5]).toBe('monitoring/node-exporter-m5-a1');

    // The db nodes stay: with m5-a1 and m5-b1 gone, the pods of one (its own and those moved onto it) do not all fit on the other.
    const kept = await rowsOf(page, 'Nodes kept, and why');
    expect(kept.map((cells) => cells[0])).toEqual(['m5-a2', 'm5-b2']);
    for (const [index, cells] of kept.entries()) {
      expect(cells[1]).toBe(`FailedScheduling: ${cells[2]} has nowhere else to go`);
      expect(cells[2]).toMatch(/^shop\/(db|web)-/);
      expect(cells[2]).toBe(answer.kept[index].pod);
      expect(cells[3]).toBe(answer.kept[index].message);
      expect(cells[3]).toMatch(/^0\/\d nodes are available: .*Insufficient cpu/);
    }

    const footprint = await rowsOf(page, 'Utilisation before and after');
    expect(footprint.find((cells) => cells[0] === 'Nodes')).toEqual(['Nodes', '4', '2']);
    expect(footprint.find((cells) => cells[0] === 'Price')).toEqual(['Price', '1.536', '0.768']);
    expect(footprint.find((cells) => cells[0].startsWith('CPU'))).toEqual(['CPU requested (mean per node)', '33%', '64%']);
    const analysis = page.getByRole('region', { name: 'What-if analysis' });
    expect(await analysis.innerText()).toContain('2 nodes of 4 candidates can go — verified');
    expect(await analysis.innerText()).toContain('Saves 0.768.');
    expect(await scrollsSideways(page)).toBe(false);
    await browser.screenshot('right-sizing-consolidation-1400x1000');

    await page.setViewportSize(LAPTOP);
    await analysis.getByRole('table', { name: 'Nodes kept, and why' }).scrollIntoViewIfNeeded();
    expect(await scrollsSideways(page)).toBe(false);
    await browser.screenshot('right-sizing-consolidation-1280x720');
  });

  it('migration: the new nodes per zone, the pods moved there and the cost', async () => {
    const { page } = browser;
    const form = await openShop(LAPTOP);
    await form.getByLabel('Pool to move', { exact: true }).fill('node.kubernetes.io/instance-type=m5.2xlarge');
    await form.getByRole('button', { name: 'Migrate pool' }).click();
    // node-exporter's 100m on each 4-CPU c6i node leaves 3.9: at most 3 CPU of pods per node, 10 CPU need 4 nodes.
    const added = await rowsOf(page, 'New nodes by group and zone');
    expect(added).toEqual([
      ['c6i-xlarge', 'a', '2', '4'],
      ['c6i-xlarge', 'b', '2', '4'],
    ]);
    const analysis = page.getByRole('region', { name: 'What-if analysis' });
    expect(await analysis.innerText()).toContain('8 pods of 4 nodes move to 4 new nodes. Cost 1.536 → 0.68.');
    expect(await scrollsSideways(page)).toBe(false);
    await browser.screenshot('right-sizing-migration-1280x720');
    await page.setViewportSize(DESKTOP);
    await browser.screenshot('right-sizing-migration-1400x1000');
  });

  it('names the field the service refused, and a YAML error before calling it', async () => {
    const { page } = browser;
    const form = await openShop(DESKTOP);
    await form.getByLabel('Nodes that may go').fill('zone in (a');
    await form.getByRole('button', { name: 'Consolidate' }).click();
    const analysis = page.getByRole('region', { name: 'What-if analysis' });
    await analysis.getByRole('alert').waitFor();
    expect(await analysis.getByRole('alert').innerText()).toMatch(/candidates/);

    await form.getByLabel(/^Node groups/).fill('- name: [unclosed');
    await form.getByRole('button', { name: 'Consolidate' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').innerText()).toMatch(/^node groups: /);
  });
});
