/**
 * Failure studies on real captures: DaemonSet pods and static pods' mirrors
 * go with their node, so they are listed apart as node-bound and never
 * judged (issue 21 item 2: `podplan zones` on the EKS capture used to fail
 * on aws-node and kube-proxy). The captures are required: missing files fail.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REALDATA = new URL('../../../shared/realdata/', import.meta.url).pathname;
const capture = (path: string) => JSON.parse(readFileSync(`${REALDATA}${path}`, 'utf8'));

describe('failure domains: node-bound pods', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const failureDomains = (body: object) => testApp.http().post('/v1/analyses/failure-domains').send(body);

  it('EKS: aws-node and kube-proxy are node-bound, not verdicts; only coredns is judged', async () => {
    const objects = [capture('eks-cluster-info-dump/nodes.json'), capture('eks-cluster-info-dump/pods-kube-system.json')];
    const response = await failureDomains({ cluster: { objects } });
    expect(response.status).toBe(200);
    expect(response.body.nodeBound).toEqual([
      { workload: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'aws-node' }, pods: 2 },
      { workload: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' }, pods: 2 },
    ]);
    expect(response.body.verdicts.map((verdict: { workload: { kind: string; name: string } }) => `${verdict.workload.kind}/${verdict.workload.name}`)).toEqual(['Deployment/coredns']);
    const judged = response.body.domains.flatMap((domain: { workloads: { workload: { kind: string } }[] }) => domain.workloads.map((entry) => entry.workload.kind));
    expect(judged).not.toContain('DaemonSet');
    // Both coredns replicas run in us-east-1a; losing it, they fit on the node in us-east-1b.
    const lostA = response.body.domains.find((domain: { domain: string }) => domain.domain === 'us-east-1a');
    expect(lostA.workloads).toEqual([
      { workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'kube-system', name: 'coredns' }, lost: 2, rescheduled: 2, unplaceable: 0, messages: [] },
    ]);
  });

  it('on-prem: static pods known only by the mirror annotation (no owner reference) are node-bound, not rescheduled', async () => {
    const pods = capture('describecluster-onprem/pods.json');
    const nodeNames = [...new Set(pods.items.map((pod: { spec: { nodeName?: string } }) => pod.spec.nodeName).filter(Boolean))] as string[];
    const nodes = nodeNames.sort().map((name) => makeNode(name).allocatable({ cpu: '64', memory: '256Gi', pods: '250' }).build());
    const response = await failureDomains({ cluster: { objects: [...nodes, pods] }, topologyKey: 'kubernetes.io/hostname' });
    expect(response.status).toBe(200);
    const mirrors = ['etcd-epm-master', 'kube-apiserver-epm-master', 'kube-controller-manager-epm-master', 'kube-scheduler-epm-master'];
    const nodeBoundPods = response.body.nodeBound.filter((entry: { workload: { kind: string } }) => entry.workload.kind === 'Pod').map((entry: { workload: { name: string } }) => entry.workload.name);
    expect(nodeBoundPods).toEqual(mirrors);
    const judged = new Set(response.body.verdicts.map((verdict: { workload: { name: string } }) => verdict.workload.name));
    for (const mirror of mirrors) expect(judged.has(mirror)).toBe(false);
    expect(response.body.verdicts.some((verdict: { workload: { kind: string } }) => verdict.workload.kind === 'DaemonSet')).toBe(false);
  });

  it('GraphQL lists them the same way', async () => {
    const objects = [capture('eks-cluster-info-dump/nodes.json'), capture('eks-cluster-info-dump/pods-kube-system.json')];
    const result = await testApp.graphql(
      `mutation($input: FailureDomainsInput!) { failureDomains(input: $input) { nodeBound { workload { kind name } pods } verdicts { workload { name } } } }`,
      { input: { objects } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      failureDomains: {
        nodeBound: [
          { workload: { kind: 'DaemonSet', name: 'aws-node' }, pods: 2 },
          { workload: { kind: 'DaemonSet', name: 'kube-proxy' }, pods: 2 },
        ],
        verdicts: [{ workload: { name: 'coredns' } }],
      },
    });
  });
});
