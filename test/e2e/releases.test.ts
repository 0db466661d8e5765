/**
 * Release emulation over HTTP: requests choose `kubernetesVersion` and
 * `featureGates`, topologies record the release of the cluster they came
 * from, every result names the release it emulated, and compare-configs puts
 * two releases side by side ("what changes when we upgrade?").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, zonedNode } from './plans-fixtures.js';

const tainted = { ...zonedNode('tainted', 'a'), spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } };
const serverVersion = { clientVersion: { major: '1', minor: '35', gitVersion: 'v1.35.0' }, serverVersion: { major: '1', minor: '33', gitVersion: 'v1.33.5' } };

describe('kube-scheduler releases over HTTP', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('a simulation emulates the requested release and says which', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ cluster: { objects: [tainted] }, workloads: [deployment('web', 1)], kubernetesVersion: 'v1.33' });
    expect(response.status).toBe(200);
    expect(response.body.kubernetesVersion).toBe('v1.33');
    expect(response.body.placements[0].message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('refuses an unsupported release and a misspelt gate with 400 and paths', async () => {
    const response = await testApp
      .http()
      .post('/v1/simulations')
      .send({ cluster: { objects: [tainted] }, workloads: [deployment('web', 1)], kubernetesVersion: 'v1.30' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'kubernetesVersion', message: 'Unsupported value: "v1.30": supported values: "v1.32", "v1.33", "v1.34", "v1.35"' }]);
    const gates = await testApp
      .http()
      .post('/v1/simulations')
      .send({ cluster: { objects: [tainted] }, workloads: [deployment('web', 1)], featureGates: { DynamicResourceAlocation: true } });
    expect(gates.status).toBe(400);
    expect(gates.body.errors[0].path).toBe('featureGates.DynamicResourceAlocation');
    expect(gates.body.errors[0].message).toContain('did you mean "DynamicResourceAllocation"?');
  });

  it('a topology records its cluster\'s release; plans on it emulate that release unless they name another', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'k133', objects: [serverVersion, tainted] });
    expect(created.status).toBe(201);
    expect(created.body.summary).toMatchObject({ kubernetesVersion: 'v1.33', reportedVersion: 'v1.33.5', reportedVersionSource: 'serverVersion' });
    const ownRelease = await testApp.http().post(`/v1/topologies/${created.body.id}/plans`).send({ workloads: [deployment('web', 1)] });
    expect(ownRelease.status).toBe(201);
    expect(ownRelease.body.kubernetesVersion).toBe('v1.33');
    const upgraded = await testApp.http().post(`/v1/topologies/${created.body.id}/plans`).send({ workloads: [deployment('web', 1)], kubernetesVersion: 'v1.35' });
    expect(upgraded.body.kubernetesVersion).toBe('v1.35');
    expect(upgraded.body.placements[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) had untolerated taint\(s\)\. no new claims to deallocate, preemption: /);
  });

  it('compare-configs plans one input under two releases', async () => {
    const response = await testApp
      .http()
      .post('/v1/analyses/compare-configs')
      .send({
        cluster: { objects: [tainted, zonedNode('b1', 'b')] },
        workloads: [deployment('web', 2)],
        configs: [
          { name: 'today', kubernetesVersion: 'v1.32' },
          { name: 'upgraded', kubernetesVersion: 'v1.35' },
        ],
      });
    expect(response.status).toBe(200);
    expect(response.body.configs.map((config: { name: string; kubernetesVersion: string }) => [config.name, config.kubernetesVersion])).toEqual([
      ['today', 'v1.32'],
      ['upgraded', 'v1.35'],
    ]);
    const bad = await testApp
      .http()
      .post('/v1/analyses/compare-configs')
      .send({ cluster: { objects: [tainted] }, workloads: [deployment('web', 1)], configs: [{ name: 'a' }, { name: 'b', kubernetesVersion: 'v2.0' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('configs[1].kubernetesVersion');
  });
});
