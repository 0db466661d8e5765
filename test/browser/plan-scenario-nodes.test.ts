/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * A stored plan with a scenario in the viewer, in Chromium against the real
 * service: its node list is the cluster the plan ran on (Plan.nodes) — the
 * node the scenario added is listed with its zone and the plan's replica on
 * it, the nodes it removed are not, a relabelled node shows its new zone —
 * and its zone cards total those nodes (the new zones d and e have cards);
 * a plan without a scenario on the same topology lists the topology's six
 * nodes in zones a, b and c.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deployment, zonedNode } from '../e2e/plans-fixtures.js';
import { useThreeZonesViewer } from './three-zones-viewer.js';

const ZONE = 'topology.kubernetes.io/zone';

/** One replica per node: required anti-affinity on the hostname. */
const onePerNode = {
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } },
};

/** a2 and b2 go, b1 moves to zone "e", extra-1 joins in zone "d": five nodes, one replica on each. */
const scenario = [
  { op: 'removeNodes', names: ['a2', 'b2'] },
  { op: 'label', names: ['b1'], labels: { [ZONE]: 'e' } },
  { op: 'addNodes', template: zonedNode('template', 'a'), count: 1, namePrefix: 'extra', zones: ['d'] },
];

/** The zones of the zone cards, in order. */
async function zoneCards(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Zones' }).locator('.zone-name').allInnerTexts();
}

/** The node names as the list draws them, top to bottom. */
async function listedNames(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Nodes' }).getByRole('article').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')!.replace(/^Node /, '')));
}

describe('the node list of a stored plan with a scenario', () => {
  const viewer = useThreeZonesViewer({
    edited: { name: 'edited cluster', workloads: [deployment('web', 5, onePerNode)], scenario },
    plain: { name: 'plain cluster', workloads: [deployment('web', 5, onePerNode)] },
  });

  async function openPlan(title: string): Promise<Page> {
    const { page } = viewer.browser;
    await page.goto('/');
    await page.getByRole('button', { name: /three-zones/ }).click();
    await page.locator('.plan-list').getByRole('button', { name: new RegExp(title) }).click();
    await page.getByRole('heading', { name: `Plan “${title}”` }).waitFor();
    await page.getByRole('button', { name: 'All nodes' }).click();
    return page;
  }

  it('lists the added node with its replica and not the removed ones', async () => {
    const page = await openPlan('edited cluster');
    await page.getByRole('heading', { name: 'All 5 nodes' }).waitFor();
    const added = page.getByRole('article', { name: 'Node extra-1' });
    await added.waitFor();
    await expect.poll(() => listedNames(page)).toEqual(['a1', 'b1', 'c1', 'c2', 'extra-1']);
    expect(await added.innerText()).toContain('d ·');
    expect(await page.getByRole('article', { name: 'Node b1' }).innerText()).toContain('e ·');
    // Every node of the edited cluster got its replica, the added one too.
    await expect.poll(() => page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain web-/ }).count()).toBe(5);
    expect(await added.getByRole('button', { name: /^Explain web-/ }).count()).toBe(1);
    expect(await page.getByRole('article', { name: 'Node a2' }).count()).toBe(0);
    expect(await page.getByRole('article', { name: 'Node b2' }).count()).toBe(0);
    // a keeps a1, b is gone (b1 moved to e, b2 removed), c keeps both, d and e are new.
    await expect.poll(() => zoneCards(page)).toEqual(['a', 'c', 'd', 'e']);
    await viewer.browser.screenshot('plan-scenario-nodes');
  });

  it('a plan without a scenario lists the topology\'s six nodes', async () => {
    const page = await openPlan('plain cluster');
    await page.getByRole('heading', { name: 'All 6 nodes' }).waitFor();
    await expect.poll(() => listedNames(page)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    expect(await page.getByRole('article', { name: 'Node extra-1' }).count()).toBe(0);
    expect(await page.getByRole('article', { name: 'Node b1' }).innerText()).toContain('b ·');
    await expect.poll(() => zoneCards(page)).toEqual(['a', 'b', 'c']);
  });
});
