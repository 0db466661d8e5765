/**
 * The node list's pure rules (web/src), outside the browser: shares after a
 * plan, the plan's loads per node the service sorts by, and the list's title.
 */
import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../../web/src/api/types.js';
import { utilisationAfterPlan } from '../../web/src/plans/after-plan.js';
import type { ReplicaPlacement } from '../../web/src/plans/replica-placements.js';
import { nodeListTitle, plannedLoads, withPlanShares } from '../../web/src/topology/node-arrangement.js';

const FOUR_CPUS = { cpuMillicores: 4000, memoryBytes: 16 * 2 ** 30, pods: 110 };

function node(name: string, cpuMillicores: number, pods = 1): TopologyNode {
  const requested = { cpuMillicores, memoryBytes: 0, pods };
  return {
    name,
    zone: 'a',
    labels: {},
    taints: [],
    unschedulable: false,
    podCount: pods,
    utilisation: { cpu: cpuMillicores / 4000, memory: 0, pods: pods / 110 },
    requested,
    allocatable: FOUR_CPUS,
    devices: [],
  };
}

function replica(nodeName: string, cpuMillicores: number | null): ReplicaPlacement {
  return {
    key: `default/web-${nodeName}`,
    pod: `web-${nodeName}`,
    replica: 0,
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
    workloadKey: 'Deployment/default/web',
    node: nodeName,
    zone: 'a',
    message: '',
    devices: [],
    requests: cpuMillicores === null ? null : { cpuMillicores, memoryBytes: 2 ** 30 },
    explanation: { kind: 'stored', planId: 'p', cursorBefore: null },
  };
}

describe('utilisationAfterPlan', () => {
  it('adds the replicas\' requests and one pod each to what runs', () => {
    expect(utilisationAfterPlan({ cpuMillicores: 1000, memoryBytes: 0, pods: 2 }, FOUR_CPUS, [replica('a1', 500), replica('a1', 500)])).toEqual({
      cpu: 0.5,
      memory: (2 * 2 ** 30) / (16 * 2 ** 30),
      pods: 4 / 110,
    });
  });

  it('keeps cpu and memory at today\'s share when a replica\'s requests are unknown (older plans); pods still count', () => {
    expect(utilisationAfterPlan({ cpuMillicores: 1000, memoryBytes: 0, pods: 2 }, FOUR_CPUS, [replica('a1', null)])).toEqual({ cpu: 0.25, memory: 0, pods: 3 / 110 });
  });

  it('has no share where nothing is allocatable', () => {
    expect(utilisationAfterPlan({ cpuMillicores: 0, memoryBytes: 0, pods: 0 }, { cpuMillicores: 0, memoryBytes: 0, pods: 0 }, [replica('a1', 100)])).toEqual({
      cpu: null,
      memory: null,
      pods: null,
    });
  });
});

describe('withPlanShares', () => {
  it('keeps the service\'s order, with the shares after the plan on nodes that got replicas', () => {
    const nodes = [node('a3', 1000), node('a2', 0), node('a1', 2000)];
    const arranged = withPlanShares(nodes, new Map([['a2', [replica('a2', 3000)]]]));
    expect(arranged.map((entry) => entry.node.name)).toEqual(['a3', 'a2', 'a1']);
    expect(arranged[1].afterPlan?.cpu).toBe(0.75);
    expect(arranged[0].afterPlan).toBeUndefined();
  });
});

describe('plannedLoads', () => {
  it('sums each node\'s replicas and their requests, in node-name order', () => {
    const loads = plannedLoads(new Map([['b1', [replica('b1', 500), replica('b1', 250)]], ['a1', [replica('a1', 100)]], ['c1', []]]));
    expect(loads).toEqual([
      { node: 'a1', replicas: 1, cpuMillicores: 100, memoryBytes: 2 ** 30 },
      { node: 'b1', replicas: 2, cpuMillicores: 750, memoryBytes: 2 * 2 ** 30 },
    ]);
  });

  it('sends unknown requests as null when one replica\'s are unknown (older plans), replicas still counted', () => {
    expect(plannedLoads(new Map([['a1', [replica('a1', 500), replica('a1', null)]]]))).toEqual([{ node: 'a1', replicas: 2, cpuMillicores: null, memoryBytes: null }]);
  });
});

describe('nodeListTitle', () => {
  it.each([
    { scope: { zone: undefined, labelSelector: '', withReplicasOnly: false }, shown: 600, title: 'All 600 nodes' },
    { scope: { zone: 'us-east-1a', labelSelector: '', withReplicasOnly: false }, shown: 12, title: '12 of 600 nodes: zone us-east-1a' },
    { scope: { zone: null, labelSelector: 'gpu', withReplicasOnly: true }, shown: 3, title: '3 of 600 nodes: no zone label, labels gpu, with planned replicas' },
    { scope: { zone: undefined, labelSelector: '', withReplicasOnly: true }, shown: undefined, title: '… of 600 nodes: with planned replicas' },
  ])('titles $scope as "$title"', ({ scope, shown, title }) => {
    expect(nodeListTitle(scope, shown, 600)).toBe(title);
  });
});
