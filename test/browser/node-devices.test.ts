/// <reference lib="dom" />
/**
 * DRA devices in the node rows, in Chromium against the real service: each
 * node with ResourceSlices shows its devices per driver and how many are in
 * use — held by existing ResourceClaims, then also by the viewed plan's
 * replicas. gpu-1 publishes 2 GPUs, gpu-2 one GPU an existing claim holds,
 * cpu-1 none; a plan of 2 replicas claiming 1 GPU each fills gpu-1. The
 * zone card (all three nodes are in zone a) shows the zone's totals.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { gpuNode, templates, training } from '../support/dra-clusters.js';
import { allocatedClaim, deviceClass, resourceSlice } from '../support/dra-objects.js';
import { openBrowser, type BrowserSession } from './chromium.js';
import { buildWebApp } from './web-build.js';

const OBJECTS = [
  gpuNode('cpu-1', 'a'),
  gpuNode('gpu-1', 'a'),
  gpuNode('gpu-2', 'a'),
  resourceSlice({ node: 'gpu-1', devices: 2 }),
  resourceSlice({ node: 'gpu-2', devices: 1 }),
  allocatedClaim('notebook', 'gpu-2', ['gpu-0']),
  deviceClass(),
  ...templates(),
];

describe('node rows with DRA devices', () => {
  let testApp: TestApp;
  let browser: BrowserSession;
  let topologyId: string;

  beforeAll(async () => {
    await buildWebApp();
    testApp = await startTestApp();
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "gpus", objects: $objects }) { id } }', { objects: OBJECTS });
    expect(created.errors).toBeUndefined();
    topologyId = created.data!.createTopology.id;
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    browser = await openBrowser(`http://127.0.0.1:${port}`);
  });

  afterEach(() => {
    expect(browser.consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  const devicesOf = (node: string) => browser.page.getByRole('list', { name: `Devices on ${node}` });
  const zoneCard = () => browser.page.getByRole('list', { name: 'Zones' }).getByRole('button', { name: /^a\b/ });

  it('gives each node its devices per driver, the same over REST and GraphQL', async () => {
    const expected = { 'cpu-1': [], 'gpu-1': [{ driver: 'gpu.example.com', devices: 2, allocated: 0 }], 'gpu-2': [{ driver: 'gpu.example.com', devices: 1, allocated: 1 }] };
    const rest = await testApp.http().get(`/v1/topologies/${topologyId}/nodes`).expect(200);
    expect(Object.fromEntries(rest.body.items.map((node: { name: string; devices: unknown }) => [node.name, node.devices]))).toEqual(expected);
    const graphql = await testApp.graphql('query($id: ID!) { topology(id: $id) { nodes { edges { node { name devices { driver devices allocated } } } } } }', { id: topologyId });
    expect(graphql.errors).toBeUndefined();
    expect(Object.fromEntries(graphql.data!.topology.nodes.edges.map(({ node }: { node: { name: string; devices: unknown } }) => [node.name, node.devices]))).toEqual(expected);
  });

  it('shows the devices each node publishes and those existing claims hold, then those the plan allocates', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: /gpus/ }).click();
    await zoneCard().waitFor();
    expect(await zoneCard().innerText()).toContain('gpu.example.com: 1 of 3 devices in use');
    await page.getByRole('button', { name: 'All nodes' }).click();
    await page.getByRole('article', { name: 'Node gpu-2' }).waitFor();
    expect(await devicesOf('gpu-1').innerText()).toBe('gpu.example.com: 0 of 2 devices in use');
    expect(await devicesOf('gpu-2').innerText()).toBe('gpu.example.com: 1 of 1 device in use');
    expect(await devicesOf('cpu-1').count()).toBe(0);

    await page.getByLabel('Workload YAML').fill(JSON.stringify(training('train', 2, 1)));
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('2 replicas: 2 placed, 0 unplaceable').waitFor();
    // The node list is read again, one page with the plan's replicas, after the plan's summary shows.
    await expect.poll(() => page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain train-/ }).count()).toBe(2);
    expect(await devicesOf('gpu-1').innerText()).toBe('gpu.example.com: 2 of 2 devices in use');
    expect(await devicesOf('gpu-2').innerText()).toBe('gpu.example.com: 1 of 1 device in use');
    expect(await zoneCard().innerText()).toContain('gpu.example.com: 3 of 3 devices in use');
    await browser.screenshot('node-devices-plan');
  });
});
