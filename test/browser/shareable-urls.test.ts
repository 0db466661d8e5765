/**
 * Shareable URLs in the viewer, in Chromium against the real service (real
 * HTTP, real Postgres): the URL follows the topology, stored plan and replica
 * shown; opening such a URL restores that view; back and forward step
 * through the views; a dry run, not stored, takes the topology's URL.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { deployment } from '../e2e/plans-fixtures.js';
import { spreadWeb, urlQuery, useThreeZonesViewer } from './three-zones-viewer.js';

describe('shareable URLs in the viewer', () => {
  const viewer = useThreeZonesViewer({ spread: { name: 'spread web', workloads: [spreadWeb(4)] } });
  let sharedUrl: string;
  let sharedPod: string;

  it('puts the topology, the stored plan and the open replica in the URL as you go', async () => {
    const { page } = viewer.browser;
    await page.goto('/');
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('button', { name: /three-zones/ }).click();
    await page.getByRole('heading', { name: /^three-zones/ }).waitFor();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId });

    await page.locator('.plan-list').getByRole('button', { name: /spread web/ }).click();
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread });

    await page.getByRole('region', { name: 'Unplaceable replicas' }).getByRole('button', { name: /replica 3\)$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Rejected nodes (6)' }).waitFor();
    const { replica } = urlQuery(page);
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread, replica });
    // The replica is the one the service stored as replica 3, by namespace and pod name.
    const stored = await viewer.testApp.http().get(`/v1/plans/${viewer.planIds.spread}`).expect(200);
    const replicaThree = (stored.body.placements as { replica: number; pod: string; namespace: string }[]).find((placement) => placement.replica === 3)!;
    expect(replica).toBe(`${replicaThree.namespace}/${replicaThree.pod}`);
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toBe(replicaThree.pod);
    sharedUrl = page.url();
    sharedPod = replicaThree.pod;
  });

  it('restores the view from a shared URL opened afresh', async () => {
    const { page } = viewer.browser;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Import a topology' }).waitFor();
    await page.goto(sharedUrl);
    await page.getByRole('heading', { name: /^three-zones/ }).waitFor();
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Rejected nodes (6)' }).waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toBe(sharedPod);
    expect(await page.getByRole('navigation', { name: 'Topologies' }).getByRole('button', { name: /three-zones/ }).getAttribute('aria-current')).toBe('true');
    expect(await page.locator('.plan-list').getByRole('button', { name: /spread web/ }).getAttribute('aria-current')).toBe('true');
    await viewer.browser.screenshot('urls-01-restored-replica');
  });

  it('steps back and forward through replica, plan, topology and the start page', async () => {
    const { page } = viewer.browser;
    const dialog = page.getByRole('dialog');
    // Closing the explanation is a step of its own.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread });

    await page.goBack();
    await dialog.getByRole('heading', { name: 'Rejected nodes (6)' }).waitFor();
    await expect.poll(() => urlQuery(page).replica).toBe(`default/${sharedPod}`);

    await page.goBack(); // the shared URL was opened after the start page
    await page.getByRole('heading', { name: 'Import a topology' }).waitFor();
    expect(new URL(page.url()).search).toBe('');

    await page.goForward();
    await dialog.getByRole('heading', { name: 'Rejected nodes (6)' }).waitFor();
    await page.goForward();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();

    // From the plan to its topology alone: the plan leaves the page.
    await page.getByRole('button', { name: /three-zones/ }).click();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId });
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor({ state: 'detached' });
    await page.goBack();
    await page.getByRole('heading', { name: 'Plan “spread web”' }).waitFor();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread });
  });

  it('moves to a plan just stored, and back to the topology for a dry run', async () => {
    const { page } = viewer.browser;
    await page.getByLabel('Workload YAML').fill(stringify(deployment('api', 2)));
    await page.getByLabel('Plan name (optional)').fill('two api');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Plan “two api”' }).waitFor();
    const plans = await viewer.testApp.http().get(`/v1/topologies/${viewer.topologyId}/plans`).expect(200);
    const stored = (plans.body.items as { id: string; name: string }[]).find((plan) => plan.name === 'two api');
    // The URL follows once the new plan is shown.
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: stored!.id });

    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run (not stored)' }).waitFor();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId });
    // A dry run's replica opens without a URL of its own, and closes again.
    await page.getByRole('button', { name: 'All nodes' }).click();
    await page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain api-/ }).first().click();
    await page.getByRole('dialog').getByRole('heading', { name: /^Why / }).waitFor();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.goBack();
    await page.getByRole('heading', { name: 'Plan “two api”' }).waitFor();
    await viewer.browser.screenshot('urls-02-back-to-stored-plan');
  });
});
