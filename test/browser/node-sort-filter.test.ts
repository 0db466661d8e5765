/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * "After the plan" utilisation, and sorting and filtering the node list, in
 * Chromium against the real service: zone cards and node rows add what the
 * shown plan's replicas request to what runs; the list sorts busiest first
 * (after the plan), keeps only the nodes that got replicas, narrows to a
 * zone, and its heading says so ("1 of 6 nodes: zone a, with planned
 * replicas"); the service sorts and filters, so a 600-node list sorted or
 * narrowed is still read one page (200 nodes) at a time.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zonedNode, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

/** Millicores already requested on each node of threeZones() (4 CPUs each). */
const RUNNING_CPU: Record<string, number> = { a1: 2000, a2: 0, b1: 1000, b2: 3000, c1: 0, c2: 400 };
/** The Deployment's request per replica (plans-fixtures' deployment). */
const REPLICA_CPU = 500;

function runningPod(node: string, millicores: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `load-${node}`, namespace: 'default' },
    spec: { nodeName: node, containers: [{ name: 'load', image: 'load:1', resources: { requests: { cpu: `${millicores}m` } } }] },
    status: { phase: 'Running' },
  };
}

/** One replica per zone. */
const WORKLOAD_YAML = stringify(deployment('web', 3, zoneAntiAffinity('web')));

/** 600 nodes, three pages of the list (200 a page); the busiest comes last by name. */
const MANY_NODES = Array.from({ length: 600 }, (_, index) => zonedNode(`n${String(index).padStart(3, '0')}`, 'z'));

/** The node names as the list draws them, top to bottom (the heading's title is the whole name). */
async function listedNames(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Nodes' }).getByRole('article').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')!.replace(/^Node /, '')));
}

/** Which node each planned replica sits on, read from the chips on the rows. */
async function replicaNodes(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await listedNames(page)) {
    const chips = await page.getByRole('article', { name: `Node ${name}` }).getByRole('button', { name: /^Explain web-/ }).count();
    if (chips > 0) counts[name] = chips;
  }
  return counts;
}

function percent(millicores: number, of = 4000): number {
  return Math.round((millicores / of) * 100);
}

describe('node list: after the plan, sort and filter', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const pods = Object.entries(RUNNING_CPU)
      .filter(([, millicores]) => millicores > 0)
      .map(([node, millicores]) => runningPod(node, millicores));
    for (const [name, objects] of [
      ['six-nodes', [...threeZones(), ...pods]],
      ['many-nodes', [...MANY_NODES, runningPod('n599', 3000), runningPod('n123', 2000)]],
    ] as const) {
      const created = await testApp.graphql('mutation($name: String!, $objects: JSON!) { createTopology(input: { name: $name, objects: $objects }) { id } }', { name, objects });
      expect(created.errors).toBeUndefined();
    }
    browser = await openBrowser(await listen(testApp));
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function planOnSixNodes(viewport: { width: number; height: number }) {
    const { page } = browser;
    await page.setViewportSize(viewport);
    await page.goto('/');
    await page.getByRole('button', { name: /six-nodes/ }).click();
    await page.getByLabel('Workload YAML').fill(WORKLOAD_YAML);
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run (not stored)' }).waitFor();
    await page.getByRole('button', { name: 'All nodes' }).click();
    await page.getByRole('heading', { name: 'All 6 nodes' }).waitFor();
    await page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain web-/ }).nth(2).waitFor();
  }

  it('adds what the plan\'s replicas request to zone cards and node rows', async () => {
    const { page } = browser;
    await planOnSixNodes({ width: 1400, height: 1000 });
    const placed = await replicaNodes(page);
    expect(Object.values(placed)).toEqual([1, 1, 1]);
    for (const [node, replicas] of Object.entries(placed)) {
      const before = percent(RUNNING_CPU[node]);
      const after = percent(RUNNING_CPU[node] + replicas * REPLICA_CPU);
      const meter = page.getByRole('article', { name: `Node ${node}` }).getByRole('meter', { name: `CPU ${before} percent, ${after} percent after the plan` });
      await meter.waitFor();
      expect(await meter.getAttribute('aria-valuenow')).toBe(String(after));
      expect(await page.getByRole('article', { name: `Node ${node}` }).locator('.utilisation-value').first().innerText()).toBe(`${before}%→${after}%`);
    }
    // Nodes without a replica read as today.
    const empty = Object.keys(RUNNING_CPU).find((node) => !(node in placed))!;
    await page.getByRole('article', { name: `Node ${empty}` }).getByRole('meter', { name: `CPU ${percent(RUNNING_CPU[empty])} percent` }).waitFor();

    // Zone a: 2000m of 8000m runs; the plan adds one replica there.
    const zoneA = page.getByRole('list', { name: 'Zones' }).getByRole('button', { name: /^a/ });
    await zoneA.getByRole('meter', { name: `CPU ${percent(2000, 8000)} percent, ${percent(2500, 8000)} percent after the plan` }).waitFor();
    await browser.screenshot('node-list-after-plan-1400x1000');
  });

  it('sorts busiest first after the plan, keeps only nodes that got replicas, narrows to a zone, and says so in the heading', async () => {
    const { page } = browser;
    await planOnSixNodes({ width: 1280, height: 720 });
    const placed = await replicaNodes(page);
    const afterCpu = (node: string) => RUNNING_CPU[node] + (placed[node] ?? 0) * REPLICA_CPU;
    const expected = Object.keys(RUNNING_CPU).sort((left, right) => afterCpu(right) - afterCpu(left) || left.localeCompare(right));

    const controls = page.getByRole('group', { name: 'Sort and filter nodes' });
    await controls.getByLabel('Sort by').selectOption({ label: 'Most CPU requested after the plan' });
    await page.waitForFunction((first) => document.querySelector('.node-list article')?.getAttribute('aria-label') === `Node ${first}`, expected[0]);
    expect(await listedNames(page)).toEqual(expected);
    await page.getByRole('heading', { name: 'All 6 nodes' }).waitFor();

    await controls.getByLabel('Only nodes that got replicas').check();
    await page.getByRole('heading', { name: '3 of 6 nodes: with planned replicas' }).waitFor();
    expect(await listedNames(page)).toEqual(expected.filter((node) => node in placed));

    await controls.getByLabel('Zone').selectOption({ label: 'a' });
    await page.getByRole('heading', { name: '1 of 6 nodes: zone a, with planned replicas' }).waitFor();
    expect(await listedNames(page)).toEqual(expected.filter((node) => node in placed && node.startsWith('a')));
    // The zone card shows the same choice.
    expect(await page.getByRole('list', { name: 'Zones' }).getByRole('button', { name: /^a/ }).getAttribute('aria-pressed')).toBe('true');
    await browser.screenshot('node-list-sorted-filtered-1280x720');

    await controls.getByLabel('Only nodes that got replicas').uncheck();
    await page.getByRole('heading', { name: '2 of 6 nodes: zone a' }).waitFor();
    await controls.getByLabel('Sort by').selectOption({ label: 'Name' });
    await page.waitForFunction(() => document.querySelector('.node-list article')?.getAttribute('aria-label') === 'Node a1');
    expect(await listedNames(page)).toEqual(['a1', 'a2']);
  });

  it('sorts and narrows a 600-node list on the server, one page request at a time', async () => {
    const { page } = browser;
    /** The node-page requests (GraphQL TopologyNodes) the viewer sends, with their variables. */
    const nodePages: { sort?: string; withPlannedReplicas?: boolean; after?: string | null }[] = [];
    const record = (request: import('playwright-core').Request) => {
      const body = request.method() === 'POST' && request.url().endsWith('/graphql') ? (request.postDataJSON() as { query?: string; variables?: Record<string, unknown> }) : undefined;
      if (body?.query?.includes('query TopologyNodes')) nodePages.push(body.variables ?? {});
    };
    page.on('request', record);
    try {
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.goto('/');
      await page.getByRole('button', { name: /many-nodes/ }).click();
      await page.getByRole('button', { name: 'All nodes' }).click();
      await page.getByRole('heading', { name: 'All 600 nodes' }).waitFor();
      await page.getByText('600 nodes, 200 loaded').waitFor();
      expect((await listedNames(page))[0]).toBe('n000');
      expect(nodePages).toHaveLength(1);

      await page.getByRole('group', { name: 'Sort and filter nodes' }).getByLabel('Sort by').selectOption({ label: 'Most CPU requested' });
      await page.waitForFunction(() => document.querySelector('.node-list article')?.getAttribute('aria-label') === 'Node n599');
      expect((await listedNames(page)).slice(0, 3)).toEqual(['n599', 'n123', 'n000']);
      await page.getByText('600 nodes, 200 loaded').waitFor();
      // One page for the new order: not the other two.
      expect(nodePages.map((variables) => [variables.sort, variables.after ?? null])).toEqual([
        ['name', null],
        ['cpu', null],
      ]);

      // Scrolling to the end reads the next pages of the same order.
      await page.locator('.node-list-scroll').evaluate((list) => list.scrollTo(0, list.scrollHeight));
      await page.getByText('600 nodes, 400 loaded').waitFor();
      expect(nodePages.slice(2).map((variables) => variables.sort)).toEqual(['cpu']);

      // With a plan: only the nodes that got replicas, counted by the service.
      await page.getByLabel('Workload YAML').fill(stringify(deployment('web', 2)));
      await page.getByRole('button', { name: 'Dry run' }).click();
      await page.getByRole('heading', { name: 'Dry run (not stored)' }).waitFor();
      await page.getByRole('group', { name: 'Sort and filter nodes' }).getByLabel('Only nodes that got replicas').check();
      await page.getByRole('heading', { name: /^[12] of 600 nodes: with planned replicas$/ }).waitFor();
      const narrowed = await listedNames(page);
      expect(Object.values(await replicaNodes(page)).reduce((sum, count) => sum + count, 0)).toBe(2);
      expect(narrowed.length).toBeLessThanOrEqual(2);
      expect(nodePages.at(-1)).toMatchObject({ sort: 'cpu', withPlannedReplicas: true, after: null });
      // Page requests over the whole test: never every page of the list at once.
      expect(nodePages.length).toBeLessThanOrEqual(6);
    } finally {
      page.off('request', record);
    }
  });
});
