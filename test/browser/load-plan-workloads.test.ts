/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * "Load workloads" in the viewer, in Chromium against the real service (real
 * HTTP, real Postgres): a stored plan's workloads, as its request keeps them,
 * come back into the workload form as YAML; changed there, they plan again
 * as a new stored plan whose request holds the change.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { deployment } from '../e2e/plans-fixtures.js';
import { spreadWeb, urlQuery, useThreeZonesViewer } from './three-zones-viewer.js';
import { parseWorkloadYaml } from '../../web/src/plans/workload-yaml.js';
import { workloadsToYaml } from '../../web/src/plans/workloads-to-yaml.js';

describe('workloads to YAML', () => {
  it('reads back, through the form\'s parser, as the same workloads', () => {
    const workloads = [spreadWeb(4), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'one' }, spec: { containers: [{ name: 'one', image: 'one' }] } }];
    const yaml = workloadsToYaml(workloads);
    expect(parseAllDocuments(yaml)).toHaveLength(2);
    expect(parseWorkloadYaml(yaml)).toEqual({ ok: true, workloads });
  });
});

describe("loading a plan's workloads in the viewer", () => {
  const original = [spreadWeb(4), deployment('api', 2)];
  const viewer = useThreeZonesViewer({ spread: { name: 'spread web', workloads: original } });

  it('puts the stored plan\'s workloads into the form as YAML', async () => {
    const { page } = viewer.browser;
    await page.goto(`/?topology=${viewer.topologyId}&plan=${viewer.planIds.spread}`);
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
    await page.getByRole('button', { name: 'Load workloads' }).click();
    await page.getByText('Loaded the 2 workloads of plan “spread web”: change them and plan again.').waitFor();

    const form = page.getByLabel('Workload YAML');
    const stored = await viewer.testApp.http().get(`/v1/plans/${viewer.planIds.spread}`).expect(200);
    expect(stored.body.request.workloads).toEqual(original);
    // The text follows the message by a render.
    await expect.poll(async () => parseWorkloadYaml(await form.inputValue())).toEqual({ ok: true, workloads: stored.body.request.workloads });
    // Ready to edit: the form has the focus, its first line in view.
    await expect.poll(() => form.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await form.evaluate((element) => [(element as HTMLTextAreaElement).selectionStart, element.scrollTop])).toEqual([0, 0]);
    await viewer.browser.screenshot('load-workloads-01-loaded');
  });

  it('plans the changed workloads again as a new stored plan', async () => {
    const { page } = viewer.browser;
    const form = page.getByLabel('Workload YAML');
    const loaded = await form.inputValue();
    // Three web replicas instead of four: one per zone, so every one fits.
    expect(loaded.match(/^ {2}replicas: 4$/gm)).toHaveLength(1);
    await form.fill(loaded.replace(/^ {2}replicas: 4$/m, '  replicas: 3'));
    await page.getByLabel('Plan name (optional)').fill('spread web, three');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Plan “spread web, three”' }).waitFor();
    expect(await page.locator('.plan-summary').innerText()).toContain('5 replicas: 5 placed, 0 unplaceable');

    await expect.poll(() => urlQuery(page).plan).not.toBe(viewer.planIds.spread);
    const { plan } = urlQuery(page);
    const rerun = await viewer.testApp.http().get(`/v1/plans/${plan}`).expect(200);
    expect(rerun.body.request.workloads).toEqual([{ ...original[0], spec: { ...original[0].spec, replicas: 3 } }, original[1]]);
    await viewer.browser.screenshot('load-workloads-02-planned-again');
  });

  it("says what of the plan's request the form does not carry: its scheduler configuration and scenario", async () => {
    const { page } = viewer.browser;
    const tuned = await viewer.testApp
      .http()
      .post(`/v1/topologies/${viewer.topologyId}/plans`)
      .send({
        name: 'tuned',
        workloads: [deployment('web', 2)],
        schedulerConfig: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', percentageOfNodesToScore: 50 },
        scenario: [{ op: 'cordon', names: ['a1'] }],
      })
      .expect(201);
    expect(tuned.body.request.scenario).toHaveLength(1);
    await page.goto(`/?topology=${viewer.topologyId}&plan=${tuned.body.id}`);
    await page.getByRole('heading', { name: 'Plan “tuned”' }).waitFor();
    await page.getByRole('button', { name: 'Load workloads' }).click();
    await page
      .getByText(
        'Loaded the workload of plan “tuned”: change it and plan again. Its scheduler configuration and scenario are not carried over: the viewer plans with the default scheduler and no scenario.',
      )
      .waitFor();
  });
});
