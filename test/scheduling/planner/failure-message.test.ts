import { describe, expect, it } from 'vitest';
import { failedSchedulingMessage } from '../../../src/scheduling/planner/failure-message.js';

// Cases re-expressed from upstream pkg/scheduler/framework/types_test.go TestFitError_Error (all eight,
// names kept), then schedule_one_test.go expectations and real events quoted in shared/realdata.
describe('failedSchedulingMessage (upstream FitError.Error)', () => {
  const cases: { name: string; diagnosis: Parameters<typeof failedSchedulingMessage>[0]; want: string }[] = [
    {
      name: 'nodes failed Prefilter plugin',
      diagnosis: { totalNodes: 3, preFilterMessage: 'Node(s) failed PreFilter plugin FalsePreFilter', reasonCounts: new Map() },
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    },
    {
      name: 'nodes failed Prefilter plugin and the preemption also failed',
      diagnosis: {
        totalNodes: 3,
        preFilterMessage: 'Node(s) failed PreFilter plugin FalsePreFilter',
        reasonCounts: new Map(),
        postFilterMessage: 'Error running PostFilter plugin FailedPostFilter',
      },
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed one Filter plugin with an empty PostFilterMsg',
      diagnosis: { totalNodes: 3, reasonCounts: new Map([['Node(s) failed Filter plugin FalseFilter-1', 3]]) },
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'nodes failed one Filter plugin with a non-empty PostFilterMsg',
      diagnosis: {
        totalNodes: 3,
        reasonCounts: new Map([['Node(s) failed Filter plugin FalseFilter-1', 3]]),
        postFilterMessage: 'Error running PostFilter plugin FailedPostFilter',
      },
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed two Filter plugins with an empty PostFilterMsg',
      diagnosis: {
        totalNodes: 3,
        reasonCounts: new Map([
          ['Node(s) failed Filter plugin FalseFilter-1', 2],
          ['Node(s) failed Filter plugin FalseFilter-2', 1],
        ]),
      },
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'nodes failed two Filter plugins with a non-empty PostFilterMsg',
      diagnosis: {
        totalNodes: 3,
        reasonCounts: new Map([
          ['Node(s) failed Filter plugin FalseFilter-1', 2],
          ['Node(s) failed Filter plugin FalseFilter-2', 1],
        ]),
        postFilterMessage: 'Error running PostFilter plugin FailedPostFilter',
      },
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'failed to Permit on node',
      diagnosis: { totalNodes: 1, reasonCounts: new Map([['Node failed Permit plugin Permit-1', 1]]) },
      want: '0/1 nodes are available: 1 Node failed Permit plugin Permit-1.',
    },
    {
      name: 'failed to Reserve on node',
      diagnosis: { totalNodes: 1, reasonCounts: new Map([['Node failed Reserve plugin Reserve-1', 1]]) },
      want: '0/1 nodes are available: 1 Node failed Reserve plugin Reserve-1.',
    },
    {
      name: 'reasons are sorted as Go sort.Strings sorts "<count> <reason>" (byte order, so "10" before "2")',
      diagnosis: {
        totalNodes: 12,
        reasonCounts: new Map([
          ['Insufficient cpu', 2],
          ['node(s) didn\'t match pod anti-affinity rules', 10],
        ]),
      },
      want: "0/12 nodes are available: 10 node(s) didn't match pod anti-affinity rules, 2 Insufficient cpu.",
    },
    {
      name: 'the k3s capture: one 2-CPU node, insufficient cpu, preemption found no victims',
      diagnosis: {
        totalNodes: 1,
        reasonCounts: new Map([['Insufficient cpu', 1]]),
        postFilterMessage: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      },
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'an empty cluster answers ErrNoNodesAvailable',
      diagnosis: { totalNodes: 0, reasonCounts: new Map() },
      want: 'no nodes available to schedule pods',
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(failedSchedulingMessage(testCase.diagnosis)).toBe(testCase.want);
    });
  }
});
