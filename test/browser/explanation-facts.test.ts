/**
 * A replica's explanation in the viewer shows the facts the CLI's --explain
 * prints (#21 "explanations with the facts"), in Chromium against the real
 * service: per rejecting rule the resource amounts and the taint, why a score
 * plugin gave no score, and why the reasons outnumber the rejected nodes.
 * Fixtures are the CLI's: cluster.json (a1 runs db-0 with 1 CPU and 2Gi, b1
 * is empty, c1 is tainted dedicated=batch:NoSchedule; 2 CPUs and 8Gi each).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

const FIXTURES = new URL('../cli/fixtures/', import.meta.url);

async function fixture(name: string): Promise<unknown> {
  return parse(await readFile(new URL(name, FIXTURES), 'utf8'));
}

describe('explanation facts in the viewer', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "facts", objects: $objects }) { id } }', {
      objects: [await fixture('cluster.json')],
    });
    expect(created.errors).toBeUndefined();
    const topologyId = (created.data as { createTopology: { id: string } }).createTopology.id;
    for (const [name, file] of [
      ['too big', 'big-request.yaml'],
      ['zone spread', 'zone-spread.yaml'],
    ]) {
      const plan = await testApp.graphql('mutation($topologyId: ID!, $workloads: JSON!, $name: String) { createPlan(input: { topologyId: $topologyId, workloads: $workloads, name: $name }) { id } }', {
        topologyId,
        workloads: [await fixture(file)],
        name,
      });
      expect(plan.errors).toBeUndefined();
    }
    browser = await openBrowser(await listen(testApp));
    await browser.page.setViewportSize({ width: 1400, height: 1000 });
  });

  afterEach(async () => {
    if (await browser.page.getByRole('dialog').isVisible()) await browser.page.keyboard.press('Escape');
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function openStoredPlan(name: string) {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: /facts/ }).click();
    await page.locator('.plan-list').getByRole('button', { name: new RegExp(name) }).click();
    await page.getByRole('heading', { name: `Plan “${name}”` }).waitFor();
  }

  it('lists, per rejecting rule, the amounts requested, in use and allocatable, and the taint', async () => {
    const { page } = browser;
    await openStoredPlan('too big');
    await page.getByRole('region', { name: 'Unplaceable replicas' }).getByRole('button', { name: /^Explain big-/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Every failing rule, per node' }).waitFor();
    const rejected = dialog.locator('.rejected-nodes > li');
    const a1 = await rejected.filter({ has: page.getByText('a1', { exact: true }) }).innerText();
    expect(a1).toContain('NodeResourcesFit: Insufficient cpu');
    expect(a1).toContain('cpu: requested 1500m, in use 1000m of 2000m allocatable');
    expect(a1).toContain('memory: requested 9Gi, in use 2Gi of 8Gi allocatable');
    const c1 = await rejected.filter({ has: page.getByText('c1', { exact: true }) }).innerText();
    expect(c1).toContain('taint dedicated=batch:NoSchedule is not tolerated');
    expect(await dialog.innerText()).toContain('so a node can fail several and the reasons outnumber the nodes');
    await browser.screenshot('explanation-facts-1400x1000');
  });

  it('says which score plugin gave no score, and why', async () => {
    const { page } = browser;
    await openStoredPlan('zone spread');
    await page.getByRole('button', { name: 'All nodes' }).click();
    await page.getByRole('button', { name: /^Explain spread-.*replica 0\)$/ }).click();
    const dialog = page.getByRole('dialog');
    const unscored = dialog.getByRole('list', { name: 'Plugins that gave no score' });
    await unscored.waitFor();
    expect(await unscored.innerText()).toContain(
      "PodTopologySpread gave no score: its PreScore skips when the pod's spread constraints are all DoNotSchedule (they filter, they do not score)",
    );
    // The breakdown has no PodTopologySpread column: the sentence is why.
    expect(await dialog.getByRole('columnheader').allInnerTexts()).not.toContain('PodTopologySpread');
  });
});
