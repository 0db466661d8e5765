/// <reference lib="dom" />
/**
 * DRA devices in the node rows, in Chromium against the real service: each
 * node with ResourceSlices shows its devices per driver and how many are in
 * use — held by existing ResourceClaims, then also by the viewed plan's
 * replicas. gpu-1 publishes 2 GPUs, gpu-2 one GPU an existing claim holds,
 * cpu-1 none; a plan of 2 replicas claiming 1 GPU each fills gpu-1. The
 * zone card (all three nodes are in zone a) shows the zone's totals.
 *
 * Then consumable capacity (DRAConsumableCapacity): a second topology whose
 * one GPU allows multiple allocations; a stored plan's 2 replicas each get a
 * share of it (16Gi of its 40Gi). The node counts the GPU once, and a
 * replica's explanation lists its device with its claim, request, shareID and
 * what the share consumes.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { gpuNode, templates, training } from '../support/dra-clusters.js';
import { allocatedClaim, deviceClass, memoryTemplate, resourceSlice, sharedGpuSlice } from '../support/dra-objects.js';
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

  it('counts a GPU shared by two replicas once, and a replica\'s explanation lists its share and what it consumes', async () => {
    const objects = [gpuNode('shared-1', 'a'), sharedGpuSlice('shared-1'), deviceClass(), memoryTemplate('train-1', '12Gi')];
    const topology = await testApp.http().post('/v1/topologies').send({ name: 'shared-gpu', objects }).expect(201);
    const created = await testApp
      .http()
      .post(`/v1/topologies/${topology.body.id}/plans`)
      .send({ name: 'shares', workloads: [training('infer', 2, 1)], featureGates: { DRAConsumableCapacity: true } })
      .expect(201);
    const stored = await testApp.http().get(`/v1/plans/${created.body.id}`).expect(200);
    expect(stored.body.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
    const first = stored.body.placements[0] as { pod: string; namespace: string; devices: { claim: string; shareID: string }[] };
    const [device] = first.devices;

    const { page } = browser;
    await page.goto(`/?topology=${topology.body.id}&plan=${created.body.id}&replica=${first.namespace}/${first.pod}`);
    const dialog = page.getByRole('dialog');
    const devices = dialog.getByRole('list', { name: 'Allocated devices' });
    await devices.waitFor();
    expect(await devices.innerText()).toBe(`gpu.example.com/shared-1/gpu-0 for claim ${device.claim}, request gpu, a share (${device.shareID}) consuming memory 16Gi`);
    await browser.screenshot('node-devices-share');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'All nodes' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Nodes' }).getByRole('button', { name: /^Explain infer-/ }).count()).toBe(2);
    expect(await devicesOf('shared-1').innerText()).toBe('gpu.example.com: 1 of 1 device in use');
  });
});
