/**
 * Issue 2's size requirement: a 5,000-node, 50,000-pod kubectl dump imports
 * over HTTP. Prints the body size, import time and the test process's peak
 * RSS (app and client share the process), the figures quoted in docs/benchmarks.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeClusterList } from '../support/large-cluster.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NODES = 5_000;
const PODS_PER_NODE = 10;

describe('a 5,000-node, 50,000-pod dump', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('imports over HTTP and reads back', { timeout: 600_000 }, async () => {
    const body = JSON.stringify(largeClusterList({ nodeCount: NODES, podsPerNode: PODS_PER_NODE }));
    const started = performance.now();
    const response = await testApp.http().post('/v1/topologies?name=large').set('Content-Type', 'application/json').send(body);
    const importSeconds = (performance.now() - started) / 1000;
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(201);
    expect(response.body.summary).toMatchObject({ nodes: NODES, pods: NODES * PODS_PER_NODE, pendingPods: 0, zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });

    const readStarted = performance.now();
    const nodes = await testApp.http().get(`/v1/topologies/${response.body.id}/nodes`).query({ zone: 'us-east-1b', limit: 10 });
    const firstNodesSeconds = (performance.now() - readStarted) / 1000;
    expect(nodes.status).toBe(200);
    expect(nodes.body.totalCount).toBe(Math.floor(NODES / 3) + (NODES % 3 > 1 ? 1 : 0));

    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(
      `[large import] body ${(Buffer.byteLength(body) / 1024 ** 2).toFixed(1)} MiB, ` +
        `import ${importSeconds.toFixed(1)} s, first nodes page ${firstNodesSeconds.toFixed(1)} s, ` +
        `peak RSS ${peakRssMiB.toFixed(0)} MiB`,
    );
  });
});
