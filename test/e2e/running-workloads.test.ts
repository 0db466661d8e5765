/**
 * One rule for simulations, stored plans and failure studies (#21 item 3):
 * a workload that already runs in the cluster (here the EKS capture's
 * coredns, whose ReplicaSet a `kubectl get deploy,pods` dump lacks) is not
 * planned again unless `rollout: true` asks for a new revision; the answer
 * says so. Through HTTP (supertest) and GraphQL against the real app.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REALDATA = new URL('../../../shared/realdata/', import.meta.url).pathname;
const capture = (path: string) => JSON.parse(readFileSync(`${REALDATA}${path}`, 'utf8'));

const NOTICE =
  'Deployment kube-system/coredns already runs in the cluster (2 pods: coredns-789f8477df-knmwr on ip-10-0-10-170.ec2.internal, coredns-789f8477df-psws6 on ip-10-0-10-170.ec2.internal): not planned again; set rollout: true to plan a new revision';

describe('workloads already running (EKS deploy,pods dump)', () => {
  let testApp: TestApp;
  const objects = () => [capture('eks-cluster-info-dump/nodes.json'), capture('eks-cluster-info-dump/pods-kube-system.json')];
  const workloads = () => [capture('eks-cluster-info-dump/deployments-kube-system.json')];

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('POST /v1/simulations does not plan the running coredns again and says so', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ cluster: { objects: objects() }, workloads: workloads() });
    expect(response.status).toBe(200);
    expect(response.body.placements).toEqual([]);
    expect(response.body.warnings).toContainEqual({ path: 'workloads[0].items[0]', message: NOTICE });
  });

  it('POST /v1/simulations with rollout: true plans a new revision with its surge', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ cluster: { objects: objects() }, workloads: workloads(), rollout: true });
    expect(response.status).toBe(200);
    expect(response.body.placements.map((placement: { node: string }) => placement.node)).toEqual(['ip-10-0-20-143.ec2.internal', 'ip-10-0-10-170.ec2.internal']);
  });

  it('rollout must be a boolean: 400 with its path', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ cluster: { objects: objects() }, workloads: workloads(), rollout: 'yes' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['rollout']);
  });

  it('failure domains with coredns given study its running pods, not a second copy', async () => {
    const response = await testApp.http().post('/v1/analyses/failure-domains').send({ cluster: { objects: objects() }, workloads: workloads() });
    expect(response.status).toBe(200);
    expect(response.body.warnings).toContainEqual({ path: 'workloads[0].items[0]', message: NOTICE });
    const lostA = response.body.domains.find((domain: { domain: string }) => domain.domain === 'us-east-1a');
    // The two running coredns pods (both in us-east-1a), exactly as the study without workloads links them.
    expect(lostA.workloads).toEqual([
      { workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'kube-system', name: 'coredns' }, lost: 2, rescheduled: 2, unplaceable: 0, messages: [] },
    ]);
  });

  it('a stored plan keeps rollout in its request and the notice in its warnings', async () => {
    const topology = await testApp.http().post('/v1/topologies').send({ name: 'eks-running', objects: objects() });
    expect(topology.status).toBe(201);
    const plain = await testApp.http().post(`/v1/topologies/${topology.body.id}/plans`).send({ workloads: workloads() });
    expect(plain.status).toBe(201);
    expect(plain.body.summary.replicas).toBe(0);
    expect(plain.body.warnings).toContainEqual({ path: 'workloads[0].items[0]', message: NOTICE });
    const rolled = await testApp.http().post(`/v1/topologies/${topology.body.id}/plans`).send({ workloads: workloads(), rollout: true });
    expect(rolled.status).toBe(201);
    expect(rolled.body.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
    const rerun = await testApp.http().post(`/v1/plans/${rolled.body.id}/rerun`).send({});
    expect(rerun.status).toBe(201);
    expect(rerun.body.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
  });

  it('GraphQL simulate takes rollout too', async () => {
    const query = 'mutation($objects: JSON, $workloads: JSON!, $rollout: Boolean) { simulate(input: { objects: $objects, workloads: $workloads, rollout: $rollout }) { summary { replicas scheduled } } }';
    const without = await testApp.graphql(query, { objects: objects(), workloads: workloads() });
    expect(without.errors).toBeUndefined();
    expect(without.data!.simulate).toEqual({ summary: { replicas: 0, scheduled: 0 } });
    const rolled = await testApp.graphql(query, { objects: objects(), workloads: workloads(), rollout: true });
    expect(rolled.errors).toBeUndefined();
    expect(rolled.data!.simulate).toEqual({ summary: { replicas: 2, scheduled: 2 } });
  });
});
