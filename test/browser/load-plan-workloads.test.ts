/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * "Load workloads" in the viewer, in Chromium against the real service (real
 * HTTP, real Postgres): a stored plan's workloads, as its request keeps them,
 * come back into the workload form as YAML; changed there, they plan again
 * as a new stored plan whose request holds the change.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { parseWorkloadYaml } from '../../web/src/plans/workload-yaml.js';
import { workloadsToYaml } from '../../web/src/plans/workloads-to-yaml.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

function query(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

describe('workloads to YAML', () => {
  it('reads back, through the form\'s parser, as the same workloads', () => {
    const workloads = [deployment('web', 4, zoneAntiAffinity('web')), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'one' }, spec: { containers: [{ name: 'one', image: 'one' }] } }];
    const yaml = workloadsToYaml(workloads);
    expect(parseAllDocuments(yaml)).toHaveLength(2);
    expect(parseWorkloadYaml(yaml)).toEqual({ ok: true, workloads });
  });
});

describe("loading a plan's workloads in the viewer", () => {
  let testApp: TestApp;
  let browser: BrowserSession;
  let topologyId: string;
  let planId: string;
  const original = [deployment('web', 4, zoneAntiAffinity('web')), deployment('api', 2)];

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const topology = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() }).expect(201);
    topologyId = topology.body.id;
    const plan = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ name: 'spread web', workloads: original }).expect(201);
    planId = plan.body.id;
    browser = await openBrowser(await listen(testApp));
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('puts the stored plan\'s workloads into the form as YAML', async () => {
    const { page } = browser;
    await page.goto(`/?topology=${topologyId}&plan=${planId}`);
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
    await page.getByRole('button', { name: 'Load workloads' }).click();
    await page.getByText('Loaded the 2 workloads of plan “spread web”: change them and plan again.').waitFor();

    const form = page.getByLabel('Workload YAML');
    const stored = await testApp.http().get(`/v1/plans/${planId}`).expect(200);
    expect(stored.body.request.workloads).toEqual(original);
    // The text follows the message by a render.
    await expect.poll(async () => parseWorkloadYaml(await form.inputValue())).toEqual({ ok: true, workloads: stored.body.request.workloads });
    // Ready to edit: the form has the focus, its first line in view.
    await expect.poll(() => form.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await form.evaluate((element) => [(element as HTMLTextAreaElement).selectionStart, element.scrollTop])).toEqual([0, 0]);
    await browser.screenshot('load-workloads-01-loaded');
  });

  it('plans the changed workloads again as a new stored plan', async () => {
    const { page } = browser;
    const form = page.getByLabel('Workload YAML');
    const loaded = await form.inputValue();
    // Three web replicas instead of four: one per zone, so every one fits.
    expect(loaded.match(/^ {2}replicas: 4$/gm)).toHaveLength(1);
    await form.fill(loaded.replace(/^ {2}replicas: 4$/m, '  replicas: 3'));
    await page.getByLabel('Plan name (optional)').fill('spread web, three');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Plan “spread web, three”' }).waitFor();
    expect(await page.locator('.plan-summary').innerText()).toContain('5 replicas: 5 placed, 0 unplaceable');

    await expect.poll(() => query(page).plan).not.toBe(planId);
    const { plan } = query(page);
    const rerun = await testApp.http().get(`/v1/plans/${plan}`).expect(200);
    expect(rerun.body.request.workloads).toEqual([{ ...original[0], spec: { ...original[0].spec, replicas: 3 } }, original[1]]);
    await browser.screenshot('load-workloads-02-planned-again');
  });

  it("says what of the plan's request the form does not carry: its scheduler configuration and scenario", async () => {
    const { page } = browser;
    const tuned = await testApp
      .http()
      .post(`/v1/topologies/${topologyId}/plans`)
      .send({
        name: 'tuned',
        workloads: [deployment('web', 2)],
        schedulerConfig: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', percentageOfNodesToScore: 50 },
        scenario: [{ op: 'cordon', names: ['a1'] }],
      })
      .expect(201);
    expect(tuned.body.request.scenario).toHaveLength(1);
    await page.goto(`/?topology=${topologyId}&plan=${tuned.body.id}`);
    await page.getByRole('heading', { name: 'Plan “tuned”' }).waitFor();
    await page.getByRole('button', { name: 'Load workloads' }).click();
    await page
      .getByText(
        'Loaded the workload of plan “tuned”: change it and plan again. Its scheduler configuration and scenario are not carried over: the viewer plans with the default scheduler and no scenario.',
      )
      .waitFor();
  });
});
