import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { isFilterPlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { NodeInfo } from '../../../../src/scheduling/model/node-info.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { nodeUnschedulable } from '../../../../src/scheduling/plugins/node-unschedulable/index.js';
import { ErrReasonUnschedulable } from '../../../../src/scheduling/plugins/node-unschedulable/node-unschedulable-plugin.js';
import { expectStatus, unresolvable, type ExpectedStatus } from '../node-affinity/status-expectation.js';

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go, TestNodeUnschedulable.
const cases: { name: string; pod: V1Pod; node: V1Node; wantStatus: ExpectedStatus }[] = [
  {
    name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)',
    pod: { spec: { containers: [] } },
    node: { spec: { unschedulable: true } },
    wantStatus: unresolvable(ErrReasonUnschedulable),
  },
  {
    name: 'Schedule pod to normal node',
    pod: { spec: { containers: [] } },
    node: { spec: { unschedulable: false } },
    wantStatus: null,
  },
  {
    name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
    pod: { spec: { containers: [], tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } },
    node: { spec: { unschedulable: true } },
    wantStatus: null,
  },
];

describe('NodeUnschedulable Filter (upstream TestNodeUnschedulable)', () => {
  it.each(cases)('$name', ({ pod, node, wantStatus }) => {
    const plugin = nodeUnschedulable(undefined);
    if (!isFilterPlugin(plugin)) throw new Error('NodeUnschedulable must Filter');
    expectStatus(plugin.filter(new CycleState(), buildPodInfo(pod), new NodeInfo(node)), wantStatus);
  });
});
