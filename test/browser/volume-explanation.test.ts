/**
 * The viewer's per-node explanation of a replica kept out by its disk
 * (issue 13), in Debian's Chromium against the real service: the README's
 * storage cluster (test/cli/fixtures/storage-cluster.yaml: nodes in
 * us-east1-b and -c, data-db-2 bound to pv-2 in us-east1-d), the
 * StatefulSet pasted as YAML, and the unplaceable replica's rejected nodes
 * name the claim and PV under each volume rejection.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FIXTURES } from '../cli/support/built-cli.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { buildWebApp } from './web-build.js';

const SENTENCE = 'claim data-db-2 is bound to pv-2 in zone us-east1-d';

describe('the viewer explains a volume rejection', () => {
  let testApp: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    const objects = parseAllDocuments(readFileSync(`${FIXTURES}/storage-cluster.yaml`, 'utf8')).map((document) => document.toJS());
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "gke-storage", objects: $objects }) { id } }', { objects });
    expect(created.errors).toBeUndefined();
    browser = await openBrowser(`http://127.0.0.1:${port}`);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('names the claim and PV under each node\'s VolumeBinding and VolumeZone rejection', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: /gke-storage/ }).click();
    await page.getByRole('heading', { name: /gke-storage/ }).waitFor();
    await page.getByLabel('Workload YAML').fill(readFileSync(`${FIXTURES}/db-statefulset.yaml`, 'utf8'));
    await page.getByLabel('Plan name (optional)').fill('db');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Plan “db”' }).waitFor();
    const unplaceable = page.getByRole('region', { name: 'Unplaceable replicas' });
    expect(await unplaceable.innerText()).toContain('0/2 nodes are available: 2 node(s) had volume node affinity conflict.');

    await unplaceable.getByRole('button', { name: /replica 2\)$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Rejected nodes (2)' }).waitFor();
    await dialog.getByText(SENTENCE).first().waitFor();
    const rejected = await dialog.locator('.rejected-nodes').innerText();
    expect(rejected.match(/VolumeBinding: node\(s\) had volume node affinity conflict/g)).toHaveLength(2);
    expect(rejected.match(/VolumeZone: node\(s\) had no available volume zone/g)).toHaveLength(2);
    expect(await dialog.locator('.volume-explanation').allInnerTexts()).toEqual([SENTENCE, SENTENCE, SENTENCE, SENTENCE]);
    await browser.screenshot('volume-rejection-explanation');
    expect(browser.consoleErrors).toEqual([]);
  });
});
