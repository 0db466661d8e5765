/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * The plan viewer for people who listen, use a keyboard or a dark screen, in
 * Chromium against the real service: utilisation meters named in words
 * ("CPU 2 percent"), arrow keys through the virtualised node list and into a
 * node's replicas (Enter opens one), and colours that follow the system's
 * prefers-color-scheme.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zonedNode, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';
import { contrast } from './contrast-ratio.js';

/**
 * Enough nodes in zone d that the list renders only some of them (the rest
 * are virtualised away); tainted, so the plan's replicas stay in a, b and c.
 */
const ZONE_D_NODES = Array.from({ length: 40 }, (_, index) => ({
  ...zonedNode(`d${String(index + 1).padStart(2, '0')}`, 'd'),
  spec: { taints: [{ key: 'reserved', value: 'batch', effect: 'NoSchedule' }] },
}));

/** 80m of a1's 4 CPU: 2 percent; of zone a's 8 CPU: 1 percent. */
const RUNNING_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { nodeName: 'a1', containers: [{ name: 'agent', image: 'agent:1', resources: { requests: { cpu: '80m', memory: '64Mi' } } }] },
  status: { phase: 'Running' },
};

/** One replica in each of zones a, b and c. */
const WORKLOAD_YAML = stringify(deployment('web', 3, zoneAntiAffinity('web')));

/** The node row holding keyboard focus, by its accessible name, and what in it is focused. */
async function focused(page: Page): Promise<{ row: string | null; stop: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      row: active?.closest('article')?.getAttribute('aria-label') ?? null,
      stop: active?.classList.contains('node-identity') ? 'node' : (active?.getAttribute('aria-label') ?? null),
    };
  });
}

describe('the viewer\'s accessibility', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "accessible", objects: $objects }) { id } }', {
      objects: [...threeZones(), ...ZONE_D_NODES, RUNNING_POD],
    });
    expect(created.errors).toBeUndefined();
    browser = await openBrowser(await listen(testApp));
  });

  afterEach(async () => {
    await browser.page.emulateMedia({ colorScheme: 'light' });
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function openTopology() {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: /accessible/ }).click();
    await page.getByRole('list', { name: 'Zones' }).waitFor();
  }

  it('names every utilisation meter in words, never as a raw share', async () => {
    const { page } = browser;
    await openTopology();
    const zoneA = page.getByRole('list', { name: 'Zones' }).getByRole('button', { name: /^a/ });
    await zoneA.getByRole('meter', { name: 'CPU 1 percent' }).waitFor();
    await zoneA.click();
    const nodeA1 = page.getByRole('article', { name: 'Node a1' });
    const cpu = nodeA1.getByRole('meter', { name: 'CPU 2 percent' });
    await cpu.waitFor();
    expect(await cpu.getAttribute('aria-valuetext')).toBe('2 percent');
    expect(await cpu.getAttribute('aria-valuenow')).toBe('2');
    const tree = await page.getByRole('main').ariaSnapshot();
    expect(tree).toContain('meter "Pods 1 percent"');
    expect(tree).toContain('meter "Memory 0 percent"');
    // No share read out as a float (0.02), and no bare percent sign for a screen reader to spell.
    expect(tree).not.toMatch(/meter "[^"]*\d\.\d/);
    expect(tree).not.toMatch(/meter "[^"]*%/);
  });

  it('moves through nodes with the arrow keys, into a node\'s replicas, and opens one with Enter', async () => {
    const { page } = browser;
    await openTopology();
    await page.getByLabel('Workload YAML').fill(WORKLOAD_YAML);
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run (not stored)' }).waitFor();
    await page.getByRole('button', { name: 'All nodes' }).click();
    const list = page.getByRole('region', { name: 'Nodes' });
    await list.getByRole('article', { name: 'Node a1' }).waitFor();

    await list.getByRole('article', { name: 'Node a1' }).locator('.node-identity').focus();
    expect(await focused(page)).toEqual({ row: 'Node a1', stop: 'node' });
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toEqual({ row: 'Node a2', stop: 'node' });
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toEqual({ row: 'Node a1', stop: 'node' });

    // The last node is far below the rendered rows: End scrolls it into view and focuses it.
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.activeElement?.closest('article')?.getAttribute('aria-label') === 'Node d40');
    expect(await focused(page)).toEqual({ row: 'Node d40', stop: 'node' });
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.closest('article')?.getAttribute('aria-label') === 'Node a1');

    // Zone a holds one replica, on a1 or a2: right arrow from that node's name reaches its chip.
    const withReplica = (await list.getByRole('article').filter({ has: page.getByRole('button', { name: /^Explain web-/ }) }).first().getAttribute('aria-label'))!;
    await list.getByRole('article', { name: withReplica }).locator('.node-identity').focus();
    await page.keyboard.press('ArrowRight');
    const onChip = await focused(page);
    expect(onChip.row).toBe(withReplica);
    expect(onChip.stop).toMatch(/^Explain web-[a-z0-9]+-[a-z0-9]+ \(Deployment web, replica \d\)$/);
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toEqual({ row: withReplica, stop: 'node' });
    await page.keyboard.press('ArrowRight');

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: /^Placed on / }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The native dialog gives focus back to the chip that opened it.
    expect(await focused(page)).toEqual(onChip);
  });

  it('follows the system\'s dark setting: dark background, readable text and muted text', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openTopology();
    const colours = () =>
      page.evaluate(() => {
        const root = getComputedStyle(document.documentElement);
        const card = document.querySelector('.zone-card[aria-pressed="false"]')!;
        const muted = document.querySelector('.muted')!;
        return { background: root.backgroundColor, text: root.color, card: getComputedStyle(card).backgroundColor, muted: getComputedStyle(muted).color };
      });

    const light = await colours();
    expect(light.background).toBe('rgb(255, 255, 255)');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('list', { name: 'Zones' }).getByRole('button', { name: /^a/ }).click();
    await page.getByRole('article', { name: 'Node a1' }).waitFor();
    const dark = await colours();
    expect(dark.background).toBe('rgb(13, 17, 23)');
    expect(dark.card).toBe(dark.background);
    expect(contrast(dark.text, dark.background)).toBeGreaterThanOrEqual(7);
    expect(contrast(dark.muted, dark.background)).toBeGreaterThanOrEqual(4.5);
    await browser.screenshot('viewer-dark-1400x1000');
  });
});
