/**
 * Comparing two stored plans in the viewer, in Chromium against the real
 * service (real HTTP, real Postgres), through `GET /v1/plans/{a}/diff/{b}`:
 * the comparison's totals and rows are the API's, the URL carries it (so it
 * reloads and goes back), Swap turns it round, and plans with no workload in
 * common say so.
 */
import { describe, expect, it } from 'vitest';
import { deployment, zoneAntiAffinity } from '../e2e/plans-fixtures.js';
import { spreadWeb, urlQuery, useThreeZonesViewer } from './three-zones-viewer.js';

const LAPTOP = { width: 1280, height: 720 };
const DESKTOP = { width: 1400, height: 1000 };

interface DiffAnswer {
  moved: { pod: string; from: string; to: string }[];
  newlyPlaced: { pod: string; node: string }[];
  newlyUnplaceable: { pod: string; was: string; message: string }[];
  unchanged: number;
  onlyInFirst: number;
  onlyInSecond: number;
  sharedWorkloads: number;
}

describe('comparing plans in the viewer', () => {
  // One replica per zone; then the same workload held to zone c, where the anti-affinity rule lets only one stay.
  const viewer = useThreeZonesViewer({
    spread: { name: 'spread', workloads: [spreadWeb(3)] },
    pinned: { name: 'pinned to c', workloads: [deployment('web', 3, { ...zoneAntiAffinity('web'), nodeSelector: { 'topology.kubernetes.io/zone': 'c' } })] },
    api: { name: 'api only', workloads: [deployment('api', 2)] },
  });

  async function diff(first: string, second: string): Promise<DiffAnswer> {
    return (await viewer.testApp.http().get(`/v1/plans/${first}/diff/${second}`).expect(200)).body as DiffAnswer;
  }

  it("shows what changed from the plan chosen to the one shown, as the diff API answers", async () => {
    const { page } = viewer.browser;
    await page.setViewportSize(DESKTOP);
    await page.goto(`/?topology=${viewer.topologyId}&plan=${viewer.planIds.pinned}`);
    await page.getByRole('heading', { name: 'Plan “pinned to c”' }).waitFor();
    const compareWith = page.getByLabel('Compare with');
    // The other two stored plans are offered, by name, not the one shown.
    expect(await compareWith.locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^spread · /), expect.stringMatching(/^api only · /)]);
    await compareWith.selectOption(viewer.planIds.spread);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.pinned, compare: viewer.planIds.spread });

    const comparison = page.getByRole('region', { name: 'Compared: “spread” → “pinned to c”' });
    await comparison.getByText(/workload in both/).waitFor();
    const expected = await diff(viewer.planIds.spread, viewer.planIds.pinned);
    // Only zone c is left to the three replicas, and it holds one: two become unplaceable, one stays placed.
    expect(expected.newlyUnplaceable).toHaveLength(2);
    expect(expected.moved.length + expected.unchanged).toBe(1);
    expect(await comparison.innerText()).toContain(
      `1 workload in both: ${expected.unchanged} unchanged, ${expected.moved.length} moved, 0 newly placed, 2 newly unplaceable; 0 replicas only in “spread”, 0 replicas only in “pinned to c”.`,
    );
    const unplaceable = comparison.getByRole('table', { name: /^Newly unplaceable/ });
    const rows = await unplaceable.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((row) => row.split('\t'))).toEqual(
      expected.newlyUnplaceable.map((entry) => [entry.pod, 'Deployment default/web', expect.any(String), entry.was, entry.message]),
    );
    for (const entry of expected.moved) expect(await comparison.getByRole('table', { name: /^Moved/ }).innerText()).toContain(entry.pod);
    await viewer.browser.screenshot('compare-01-desktop');
    await page.setViewportSize(LAPTOP);
    await viewer.browser.screenshot('compare-01-laptop');
    await page.setViewportSize(DESKTOP);
  });

  it('comes back with the URL, and turns round with Swap', async () => {
    const { page } = viewer.browser;
    await page.reload();
    const comparison = page.getByRole('region', { name: 'Compared: “spread” → “pinned to c”' });
    await comparison.getByRole('table', { name: /^Newly unplaceable/ }).waitFor();

    await comparison.getByRole('button', { name: 'Swap' }).click();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread, compare: viewer.planIds.pinned });
    await page.getByRole('heading', { name: 'Plan “spread”' }).waitFor();
    const swapped = page.getByRole('region', { name: 'Compared: “pinned to c” → “spread”' });
    await swapped.getByRole('table', { name: /^Newly placed/ }).waitFor();
    const expected = await diff(viewer.planIds.pinned, viewer.planIds.spread);
    expect(expected.newlyPlaced).toHaveLength(2);
    expect(await swapped.innerText()).toContain('2 newly placed, 0 newly unplaceable');

    await page.goBack();
    await page.getByRole('region', { name: 'Compared: “spread” → “pinned to c”' }).waitFor();
    await page.getByRole('heading', { name: 'Plan “pinned to c”' }).waitFor();
  });

  it('says when two plans share no workload', async () => {
    const { page } = viewer.browser;
    await page.goto(`/?topology=${viewer.topologyId}&plan=${viewer.planIds.spread}`);
    await page.getByRole('heading', { name: 'Plan “spread”' }).waitFor();
    await page.getByLabel('Compare with').selectOption(viewer.planIds.api);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const comparison = page.getByRole('region', { name: 'Compared: “api only” → “spread”' });
    await comparison.getByText(/share no workload/).waitFor();
    const expected = await diff(viewer.planIds.api, viewer.planIds.spread);
    expect(expected.sharedWorkloads).toBe(0);
    expect(await comparison.innerText()).toContain(
      `These plans share no workload: there is nothing to compare (${expected.onlyInFirst} replicas only in “api only”, ${expected.onlyInSecond} replicas only in “spread”).`,
    );
    expect(await comparison.getByRole('table').count()).toBe(0);

    await comparison.getByRole('button', { name: 'Close comparison' }).click();
    await comparison.waitFor({ state: 'detached' });
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread });
  });

  it('offers every stored plan, past the first page of 100, and finds one by name or id', async () => {
    const { page } = viewer.browser;
    const extras: string[] = [];
    for (let index = 0; index < 101; index++) extras.push(await viewer.storePlan({ name: `extra ${String(index).padStart(3, '0')}`, workloads: [deployment('web', 1)] }));
    await page.goto(`/?topology=${viewer.topologyId}&plan=${viewer.planIds.spread}`);
    await page.getByRole('heading', { name: 'Plan “spread”' }).waitFor();
    const form = page.getByRole('form', { name: 'Compare plans' });
    // The other two plans and 101 extras: 104 stored plans, so two pages of the list.
    await form.getByText('103 plans', { exact: true }).waitFor();
    expect(await form.getByLabel('Compare with').locator('option').count()).toBe(103);

    await form.getByLabel('Find plan').fill('EXTRA 100');
    await form.getByText('1 of 103 plans').waitFor();
    expect(await form.getByLabel('Compare with').locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^extra 100 · /)]);
    await form.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => urlQuery(page)).toEqual({ topology: viewer.topologyId, plan: viewer.planIds.spread, compare: extras[100] });
    await page.getByRole('region', { name: 'Compared: “extra 100” → “spread”' }).waitFor();

    // By id: the first extra plan's id, as it shows in URLs.
    await form.getByLabel('Find plan').fill(extras[0]);
    expect(await form.getByLabel('Compare with').locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^extra 000 · /)]);
    await form.getByLabel('Find plan').fill('no such plan');
    await form.getByText('0 of 103 plans').waitFor();
    expect(await form.getByRole('button', { name: 'Compare', exact: true }).isDisabled()).toBe(true);
  });
});
