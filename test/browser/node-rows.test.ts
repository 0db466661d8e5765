/// <reference lib="dom" />
// The functions passed to evaluate() run in the page, with the DOM.
/**
 * Node rows with cloud providers' long names, in Chromium against the real
 * service: one line per name with a middle ellipsis and the full name on
 * hover and for screen readers, compact rows (15+ on a 1280×720 screen), and
 * the labels/taints tooltip drawn over the list, never clipped by it.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { zonedNode } from '../e2e/plans-fixtures.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { listen } from './listen.js';
import { buildWebApp } from './web-build.js';

/** EKS's private DNS names, as in the EKS capture. */
const EKS_NAMES = Array.from({ length: 24 }, (_, index) => `ip-10-0-${10 + index}-${170 + index}.ec2.internal`);
/** GKE's pool names, with many labels and a taint, as GKE nodes carry them. */
const GKE_NAMES = ['gke-production-cluster-high-memory-pool-7f3c2a1b-x9kq', 'gke-production-cluster-default-node-pool-1a2b3c4d-r2d2'];

function gkeNode(name: string) {
  const node = zonedNode(name, 'us-central1-a');
  return {
    ...node,
    metadata: {
      ...node.metadata,
      labels: {
        ...node.metadata.labels,
        'cloud.google.com/gke-nodepool': name.split('-').slice(3, -2).join('-'),
        'cloud.google.com/gke-os-distribution': 'cos',
        'cloud.google.com/machine-family': 'e2',
        'cloud.google.com/gke-boot-disk': 'pd-balanced',
        'cloud.google.com/gke-container-runtime': 'containerd',
        'cloud.google.com/gke-cpu-scaling-level': '4',
        'cloud.google.com/gke-logging-variant': 'DEFAULT',
        'cloud.google.com/gke-max-pods-per-node': '110',
        'cloud.google.com/private-node': 'false',
        'node.kubernetes.io/instance-type': 'e2-standard-4',
      },
    },
    spec: { taints: [{ key: 'workload-class', value: 'high-memory', effect: 'NoSchedule' }] },
  };
}

const LAPTOP = { width: 1280, height: 720 };
const DESKTOP = { width: 1400, height: 1000 };

/** Rows whose whole box is inside the viewport. */
async function fullyVisibleRows(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Nodes' }).getByRole('article').evaluateAll((rows) =>
    rows
      .filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
      })
      .map((row) => row.getAttribute('aria-label') ?? ''),
  );
}

describe('node rows with cloud names', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const objects = [...EKS_NAMES.map((name) => zonedNode(name, 'us-east-1a')), ...GKE_NAMES.map(gkeNode)];
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "cloud-names", objects: $objects }) { id } }', { objects });
    expect(created.errors).toBeUndefined();
    browser = await openBrowser(await listen(testApp));
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function openZone(zone: string) {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: /cloud-names/ }).click();
    await page.getByRole('list', { name: 'Zones' }).getByRole('button', { name: new RegExp(`^${zone}`) }).click();
    await page.getByRole('heading', { name: new RegExp(`^\\d+ of 26 nodes: zone ${zone}$`) }).waitFor();
  }

  it('shows 15+ one-line rows on a 1280×720 screen once the list is scrolled into view', async () => {
    const { page } = browser;
    await page.setViewportSize(LAPTOP);
    await openZone('us-east-1a');
    const list = page.locator('.node-list-scroll');
    await page.getByRole('article', { name: `Node ${EKS_NAMES[0]}` }).waitFor();
    await list.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    const visible = await fullyVisibleRows(page);
    expect(visible.length).toBeGreaterThanOrEqual(15);
    // Every EKS name fits whole on one line at this width: no ellipsis needed.
    const heading = page.getByRole('heading', { name: EKS_NAMES[0], exact: true });
    const lines = await heading.evaluate((element) => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight));
    expect(lines).toBeLessThan(1.5);
    await browser.screenshot('node-rows-eks-1280x720');
  });

  it('cuts a long GKE name in the middle, keeps its end, and gives the full name as title and accessible name', async () => {
    const { page } = browser;
    await page.setViewportSize(LAPTOP);
    await openZone('us-central1-a');
    const [name] = GKE_NAMES;
    const heading = page.getByRole('heading', { name, exact: true });
    await heading.waitFor();
    expect(await heading.getAttribute('title')).toBe(name);
    const shape = await heading.evaluate((element) => {
      const head = element.querySelector<HTMLElement>('.node-name-head')!;
      const tail = element.querySelector<HTMLElement>('.node-name-tail')!;
      return {
        height: element.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(element).lineHeight),
        headCut: head.scrollWidth > head.clientWidth,
        headEllipsis: getComputedStyle(head).textOverflow,
        tail: tail.textContent,
        tailShown: tail.getBoundingClientRect().right <= element.getBoundingClientRect().right + 1,
      };
    });
    expect(shape.height / shape.lineHeight).toBeLessThan(1.5);
    expect(shape.headCut).toBe(true);
    expect(shape.headEllipsis).toBe('ellipsis');
    expect(name.endsWith(shape.tail!)).toBe(true);
    expect(shape.tail).toContain('7f3c2a1b-x9kq');
    expect(shape.tailShown).toBe(true);
    await browser.screenshot('node-rows-gke-1280x720');
  });

  for (const viewport of [LAPTOP, DESKTOP]) {
    it(`draws the label/taint tooltip of the last visible row whole, over the list, at ${viewport.width}×${viewport.height}`, async () => {
      const { page } = browser;
      await page.setViewportSize(viewport);
      await openZone('us-east-1a');
      await page.getByRole('article', { name: `Node ${EKS_NAMES[0]}` }).waitFor();
      await page.locator('.node-list-scroll').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      const visible = await fullyVisibleRows(page);
      const last = visible[visible.length - 1].replace(/^Node /, '');
      await page.getByRole('heading', { name: last, exact: true }).hover();
      const tooltip = page.getByRole('tooltip');
      await tooltip.waitFor();
      expect(await tooltip.innerText()).toContain(`kubernetes.io/hostname=${last}`);
      const drawn = await tooltip.evaluate((element) => {
        const box = element.getBoundingClientRect();
        // Inside the rounded corners.
        const points = [
          [box.left + 8, box.top + 8],
          [box.right - 8, box.top + 8],
          [box.left + 8, box.bottom - 8],
          [box.right - 8, box.bottom - 8],
          [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
        ];
        return {
          inside: box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
          onTop: points.every(([x, y]) => element.contains(document.elementFromPoint(x, y))),
        };
      });
      expect(drawn).toEqual({ inside: true, onTop: true });
      await browser.screenshot(`node-tooltip-${viewport.width}x${viewport.height}`);
    });
  }

  it('shows the tooltip for keyboard focus too, with the labels and the taint as the name\'s description', async () => {
    const { page } = browser;
    await page.setViewportSize(DESKTOP);
    await page.mouse.move(0, 0);
    await openZone('us-central1-a');
    const identity = page.getByRole('article', { name: `Node ${GKE_NAMES[1]}` }).locator('.node-identity');
    await identity.focus();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toMatch(/cloud\.google\.com\/gke-nodepool=[\s\S]*workload-class=high-memory:NoSchedule/);
    const describedBy = await identity.getAttribute('aria-describedby');
    expect(await tooltip.getAttribute('id')).toBe(describedBy);
    // Tab moves on to the next row (names sort: default-node-pool before high-memory-pool): its tooltip replaces this one.
    await page.keyboard.press('Tab');
    await page.getByRole('tooltip').filter({ hasText: `kubernetes.io/hostname=${GKE_NAMES[0]}` }).waitFor();
    expect(await page.getByRole('tooltip').count()).toBe(1);
  });
});
