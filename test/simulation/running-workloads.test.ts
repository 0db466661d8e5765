/**
 * A workload that already runs is not planned again (#21 item 3): its pods
 * are found as the failure analysis finds them (through the ReplicaSet, or
 * the `<deployment>-<pod-template-hash>` owner name when a `kubectl get
 * deploy,pods` dump lacks it); only its missing replicas are planned unless
 * the request asks for a rollout, which replaces the running pods as the
 * update strategy says (deployment/rolling.go, recreate.go, StatefulSet
 * ordinals from the highest down to the partition).
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, explainReplica, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { readRealdata } from '../kube/realdata.js';

const ZONE = 'topology.kubernetes.io/zone';

const node = (name: string, cpu = '4', zone = 'a') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, [ZONE]: zone } },
  status: { allocatable: { cpu, memory: '16Gi', pods: '110' } },
});

/** A pod of ReplicaSet `web-<hash>` as the Deployment controller names it; the ReplicaSet itself is not in the dump. */
const deploymentPod = (name: string, nodeName: string, cpu = '1', hash = '5d8f9c7b6') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    labels: { app: 'web', 'pod-template-hash': hash },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${hash}`, uid: 'rs-uid', controller: true }],
    creationTimestamp: '2026-11-30T10:00:00Z',
  },
  spec: { nodeName, containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu } } }] },
  status: { phase: 'Running' },
});

const deployment = (replicas: number, strategy?: unknown, cpu = '1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    ...(strategy ? { strategy } : {}),
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', version: 'v2' } }, spec: { containers: [{ name: 'web', image: 'nginx:2', resources: { requests: { cpu } } }] } },
  },
});

const statefulSetPod = (ordinal: number, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `db-${ordinal}`,
    namespace: 'default',
    labels: { app: 'db' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'sts-uid', controller: true }],
  },
  spec: { nodeName, containers: [{ name: 'db', image: 'db:1', resources: { requests: { cpu: '1' } } }] },
  status: { phase: 'Running' },
});

const statefulSet = (replicas: number, partition = 0) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    replicas,
    serviceName: 'db',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } },
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:2', resources: { requests: { cpu: '1' } } }] } },
  },
});

function simulate(cluster: unknown[], workloads: unknown[], rollout = false) {
  const imported = importCluster(cluster);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects, [], undefined, {}, { rollout });
  return { prepared, result: executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result };
}

function where(result: ReturnType<typeof simulate>['result']) {
  return result.placements.map((placement) => [placement.replica, placement.node]);
}

describe('a kubectl get deploy,pods dump of the EKS capture (no ReplicaSets)', () => {
  const dump = 'eks-cluster-info-dump';
  const cluster = () => [JSON.parse(readRealdata(`${dump}/nodes.json`)), JSON.parse(readRealdata(`${dump}/pods-kube-system.json`))];
  const deployments = () => [JSON.parse(readRealdata(`${dump}/deployments-kube-system.json`))];

  it('does not plan the running coredns again, and says so naming its pods', () => {
    const { result } = simulate(cluster(), deployments());
    expect(result.placements).toEqual([]);
    expect(result.summary).toEqual({ replicas: 0, scheduled: 0, unschedulable: 0 });
    const notice = result.warnings.find((warning) => warning.message.includes('already runs'));
    expect(notice).toEqual({
      path: 'workloads[0].items[0]',
      message:
        'Deployment kube-system/coredns already runs in the cluster (2 pods: coredns-789f8477df-knmwr on ip-10-0-10-170.ec2.internal, coredns-789f8477df-psws6 on ip-10-0-10-170.ec2.internal): not planned again; set rollout: true to plan a new revision',
    });
  });

  it('plans a new revision with rollout: the surge pod lands beside the old pods, the second where they were', () => {
    const { result } = simulate(cluster(), deployments(), true);
    // Both old pods are on ip-10-0-10-170 (us-east-1a): the surge pod avoids them (anti-affinity, spreading), then both old go.
    expect(where(result)).toEqual([
      [0, 'ip-10-0-20-143.ec2.internal'],
      [1, 'ip-10-0-10-170.ec2.internal'],
    ]);
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(expect.stringMatching(/a new revision of 2 is planned as a RollingUpdate \(maxSurge 1, maxUnavailable 1\)/));
  });

  it('a replay explains the rollout replica on the cluster it was placed on', () => {
    const { prepared, result } = simulate(cluster(), deployments(), true);
    const table = explainReplica(prepared, { mode: 'exhaustive' }, 1)!;
    const best = table.filter((entry) => entry.feasible).sort((a, b) => b.total! - a.total! || (a.node < b.node ? -1 : 1))[0];
    expect(best.node).toBe(result.placements[1].node);
  });
});

describe('a running Deployment (linked by pod-template-hash)', () => {
  it('asking for more replicas than run plans only the missing ones', () => {
    const { result } = simulate([node('n1'), node('n2'), deploymentPod('web-5d8f9c7b6-aaaaa', 'n1'), deploymentPod('web-5d8f9c7b6-bbbbb', 'n2')], [deployment(5)]);
    expect(result.placements).toHaveLength(3);
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(
      'Deployment default/web already runs in the cluster (2 pods: web-5d8f9c7b6-aaaaa on n1, web-5d8f9c7b6-bbbbb on n2): only the 3 missing replicas of the 5 it asks for are planned; set rollout: true to plan a new revision',
    );
  });

  it('RollingUpdate with no room to surge stalls: the first new pod is unplaceable, the rest never created', () => {
    const full = [node('n1', '1'), node('n2', '1'), deploymentPod('web-5d8f9c7b6-aaaaa', 'n1'), deploymentPod('web-5d8f9c7b6-bbbbb', 'n2')];
    const { result } = simulate(full, [deployment(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } })], true);
    expect(result.placements.map((placement) => placement.node)).toEqual([null, null]);
    expect(result.placements[0].message).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);
    expect(result.placements[1].message).toBe('not created: the rollout stalls with 1 new replica(s) unplaceable and 2 old pod(s) still running (maxSurge 1, maxUnavailable 0)');
  });

  it('RollingUpdate with maxUnavailable 1 and no surge removes an old pod before each new one', () => {
    const full = [node('n1', '1'), node('n2', '1'), deploymentPod('web-5d8f9c7b6-aaaaa', 'n1'), deploymentPod('web-5d8f9c7b6-bbbbb', 'n2')];
    const { result } = simulate(full, [deployment(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } })], true);
    expect(result.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
  });

  it('the old pod deleted first is one sharing its node with more of the workload (ActivePodsWithRanks)', () => {
    // n1 holds two old pods, n2 one; maxSurge 0, maxUnavailable 1: the first old pod to go is on n1, where the first new pod then lands.
    const cluster = [node('n1', '2'), node('n2', '1'), deploymentPod('web-5d8f9c7b6-aaaaa', 'n1'), deploymentPod('web-5d8f9c7b6-bbbbb', 'n1'), deploymentPod('web-5d8f9c7b6-ccccc', 'n2')];
    const { result } = simulate(cluster, [deployment(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } })], true);
    expect(result.placements[0].node).toBe('n1');
    expect(result.summary.scheduled).toBe(3);
  });

  it('Recreate removes every old pod before placing the new revision', () => {
    const full = [node('n1', '1'), node('n2', '1'), deploymentPod('web-5d8f9c7b6-aaaaa', 'n1'), deploymentPod('web-5d8f9c7b6-bbbbb', 'n2')];
    const { result } = simulate(full, [deployment(2, { type: 'Recreate' })], true);
    expect(where(result)).toEqual([
      [0, 'n1'],
      [1, 'n2'],
    ]);
  });

  it('a malformed strategy is refused with its path, as the API server would', () => {
    expect(() => simulate([node('n1')], [deployment(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'lots', maxUnavailable: 0 } })])).toThrow(
      /workloads\[0\]\.spec\.strategy\.rollingUpdate\.maxSurge: Invalid value: "lots"/,
    );
  });

  it('other workloads are planned as before, around the running ones', () => {
    const other = { ...deployment(1), metadata: { name: 'api', namespace: 'default' } };
    const { result } = simulate([node('n1'), deploymentPod('web-5d8f9c7b6-aaaaa', 'n1')], [deployment(1), other]);
    expect(result.placements.map((placement) => placement.workload.name)).toEqual(['api']);
  });
});

describe('a running StatefulSet', () => {
  const running = () => [node('n1', '4'), node('n2', '4'), statefulSetPod(0, 'n1'), statefulSetPod(1, 'n2')];

  it('without rollout plans only its missing ordinals', () => {
    const { result } = simulate(running(), [statefulSet(3)]);
    expect(result.placements.map((placement) => placement.pod)).toEqual(['db-2']);
    expect(result.warnings.map((warning) => warning.message).join('\n')).not.toMatch(/additional pod of the same name/);
  });

  it('with rollout creates the missing ordinal, then replaces the running ones from the highest down to the partition', () => {
    const { result } = simulate(running(), [statefulSet(3, 1)], true);
    expect(result.placements.map((placement) => placement.pod)).toEqual(['db-1', 'db-2']);
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(expect.stringMatching(/one pod at a time from the highest ordinal; 1 pod below partition 1 keep the running revision$/));
  });
});
