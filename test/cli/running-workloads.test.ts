/**
 * `podplan simulate` on `kubectl get deploy,pods`-shaped dumps (#21 item 3),
 * through the built binary: real captures whose Deployments and pods are
 * there but not their ReplicaSets. A Deployment that already runs is cluster
 * state under -f, and not planned again when given as a workload unless
 * --rollout asks for a new revision.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { realdataFiles, realdataRoot } from '../kube/realdata.js';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

const EKS = 'eks-cluster-info-dump';
const K3S = 'troubleshoot-k3s-bundle';

function capture(folder: string, file: string): string {
  const path = realdataFiles(folder).find((candidate) => candidate.endsWith(`/${file}`));
  if (!path) throw new Error(`${folder}/${file} is missing from the realdata captures`);
  return join(realdataRoot, path);
}

function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .filter((line) => line.includes('   ') && !/replicas placed/.test(line))
    .map((line) => line.split(/\s{3,}/));
}

beforeAll(ensureBuiltCli);

describe('podplan simulate on a deploy,pods dump', () => {
  it('-f: the running coredns is cluster state; only the new workload is placed', async () => {
    const run = await podplan([
      'simulate',
      '-f', capture(EKS, 'nodes.json'),
      '-f', capture(EKS, 'deployments-kube-system.json'),
      '-f', capture(EKS, 'pods-kube-system.json'),
      '-f', 'checkout.yaml',
    ]);
    expect(run.code).toBe(0);
    // Before #21 the dump's coredns was planned a second time, ahead of checkout.
    expect(rows(run.stdout).map((row) => [row[0], row[1]])).toEqual([
      ['deployment/checkout', '0'],
      ['deployment/checkout', '1'],
    ]);
  });

  it('--workloads-file: the running Deployment is not planned again and the warning names its pods', async () => {
    const run = await podplan([
      'simulate',
      '--cluster-file', capture(EKS, 'nodes.json'),
      '--cluster-file', capture(EKS, 'pods-kube-system.json'),
      '--workloads-file', capture(EKS, 'deployments-kube-system.json'),
    ]);
    expect(run.code).toBe(0);
    expect(rows(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('0/0 replicas placed, 0 unplaceable');
    expect(run.stderr).toContain(
      'Deployment kube-system/coredns already runs in the cluster (2 pods: coredns-789f8477df-knmwr on ip-10-0-10-170.ec2.internal, coredns-789f8477df-psws6 on ip-10-0-10-170.ec2.internal): not planned again',
    );
  });

  it('--rollout plans the new revision as its RollingUpdate replaces the running pods', async () => {
    const run = await podplan([
      'simulate',
      '--cluster-file', capture(EKS, 'nodes.json'),
      '--cluster-file', capture(EKS, 'pods-kube-system.json'),
      '--workloads-file', capture(EKS, 'deployments-kube-system.json'),
      '--rollout',
    ]);
    expect(run.code).toBe(0);
    expect(rows(run.stdout).map((row) => [row[0], row[1], row[3]])).toEqual([
      ['deployment/coredns', '0', 'ip-10-0-20-143.ec2.internal'],
      ['deployment/coredns', '1', 'ip-10-0-10-170.ec2.internal'],
    ]);
    expect(run.stderr).toContain('a new revision of 2 is planned as a RollingUpdate (maxSurge 1, maxUnavailable 1)');
  });

  it('k3s: a Deployment running 1 of its 3 replicas plans the 2 missing ones, which do not fit (as in the capture: 2 Pending)', async () => {
    const run = await podplan([
      'simulate',
      '--cluster-file', capture(K3S, 'nodes.json'),
      '--cluster-file', capture(K3S, 'pods-default.json'),
      '--cluster-file', capture(K3S, 'pods-kube-system.json'),
      '--workloads-file', capture(K3S, 'deployments-default.json'),
    ]);
    expect(run.code).toBe(3);
    const placed = rows(run.stdout);
    expect(placed.map((row) => [row[0], row[3]])).toEqual([
      ['deployment/cpu-intensive-app', '<none>'],
      ['deployment/cpu-intensive-app', '<none>'],
    ]);
    expect(placed[0][6]).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    expect(run.stderr).toContain('Deployment default/cpu-intensive-app already runs in the cluster (1 pod: cpu-intensive-app-7bcfc5d944-9479r on c9b7eea91): only the 2 missing replicas of the 3 it asks for are planned');
    expect(run.stderr).toContain('Deployment default/backend-api already runs in the cluster');
  });
});
