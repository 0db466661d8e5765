import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import type { Plugin } from '../../../src/scheduling/framework/interfaces.js';
import { Code } from '../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { podEligibleToPreemptOthers } from '../../../src/scheduling/preemption/eligibility.js';
import { makePod } from '../../support/builders.js';
import { labeledNodes } from './dry-run-harness.js';
import { runPostFilter } from './harness.js';
import { fitPlugin, highPriority, largeRes, lowPriority, mediumRes, midPriority, smallRes, spreadPlugin, veryLargeRes } from './support.js';

const withPolicy = (pod: V1Pod, policy: string): V1Pod => ({ ...pod, spec: { ...pod.spec!, preemptionPolicy: policy } });
const spreadOnFoo = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };

interface PreemptCase {
  readonly name: string;
  readonly pod: V1Pod;
  readonly pods: readonly V1Pod[];
  readonly nodeNames: readonly string[];
  readonly plugins: () => Plugin[];
  /** The nominated node, or undefined when preemption does not nominate. */
  readonly want?: string;
  readonly expectedPods: readonly string[];
}

// upstream pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go TestPreempt, every node
// Unschedulable. Not ported: the four "Scheduler extender(s) ..." cases (extenders are not simulated).
const cases: readonly PreemptCase[] = [
  {
    name: 'basic preemption logic',
    pod: withPolicy(makePod('p').priority(highPriority).req(veryLargeRes).obj(), 'PreemptLowerPriority'),
    pods: [
      makePod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p2.1').node('node2').priority(highPriority).req(largeRes).obj(),
      makePod('p3.1').node('node3').priority(midPriority).req(mediumRes).obj(),
    ],
    nodeNames: ['node1', 'node2', 'node3'],
    plugins: () => [fitPlugin()],
    want: 'node1',
    expectedPods: ['p1.1', 'p1.2'],
  },
  {
    name: 'preemption for topology spread constraints',
    pod: makePod('p')
      .label('foo', '')
      .priority(highPriority)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', spreadOnFoo)
      .spreadConstraint(1, 'hostname', 'DoNotSchedule', spreadOnFoo)
      .obj(),
    pods: [
      makePod('p-a1').node('node-a').label('foo', '').priority(highPriority).obj(),
      makePod('p-a2').node('node-a').label('foo', '').priority(highPriority).obj(),
      makePod('p-b1').node('node-b').label('foo', '').priority(lowPriority).obj(),
      makePod('p-x1').node('node-x').label('foo', '').priority(highPriority).obj(),
      makePod('p-x2').node('node-x').label('foo', '').priority(highPriority).obj(),
    ],
    nodeNames: ['node-a/zone1', 'node-b/zone1', 'node-x/zone2'],
    plugins: () => [spreadPlugin()],
    want: 'node-b',
    expectedPods: ['p-b1'],
  },
  {
    name: 'no preempting in pod',
    pod: withPolicy(makePod('p').priority(highPriority).req(veryLargeRes).obj(), 'Never'),
    pods: [
      makePod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p2.1').node('node2').priority(highPriority).req(largeRes).obj(),
      makePod('p3.1').node('node3').priority(midPriority).req(mediumRes).obj(),
    ],
    nodeNames: ['node1', 'node2', 'node3'],
    plugins: () => [fitPlugin()],
    expectedPods: [],
  },
  {
    name: 'PreemptionPolicy is nil',
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      makePod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p2.1').node('node2').priority(highPriority).req(largeRes).obj(),
      makePod('p3.1').node('node3').priority(midPriority).req(mediumRes).obj(),
    ],
    nodeNames: ['node1', 'node2', 'node3'],
    plugins: () => [fitPlugin()],
    want: 'node1',
    expectedPods: ['p1.1', 'p1.2'],
  },
];

describe('DefaultPreemption (upstream TestPreempt)', () => {
  it.each(cases)('$name', (testCase) => {
    const nodes = labeledNodes(testCase.nodeNames);
    const result = runPostFilter({
      plugins: testCase.plugins(),
      pod: testCase.pod,
      pods: testCase.pods,
      nodes,
      statuses: Object.fromEntries(nodes.map((node) => [node.metadata!.name!, Code.Unschedulable])),
    });
    expect(result.nominatedNode).toBe(testCase.want);
    expect((result.candidate?.victims ?? []).map((victim) => victim.pod.name).sort()).toEqual(testCase.expectedPods);
  });
});

// upstream default_preemption_test.go TestPodEligibleToPreemptOthers. Its cases with a nominated node whose
// victims are still terminating do not arise in a plan (victims leave at once), so only these two apply.
describe('podEligibleToPreemptOthers (upstream TestPodEligibleToPreemptOthers)', () => {
  it.each([
    { name: 'Pod without nominated node', pod: makePod('p_without_nominated_node').priority(highPriority).obj(), expected: true },
    {
      name: "Pod with 'PreemptNever' preemption policy",
      pod: withPolicy(makePod('p_with_preempt_never_policy').priority(highPriority).obj(), 'Never'),
      expected: false,
    },
  ])('$name', ({ pod, expected }) => {
    expect(podEligibleToPreemptOthers(buildPodInfo(pod)).eligible).toBe(expected);
  });
});
