import { describe, expect, it } from 'vitest';
import { Code } from '../../../src/scheduling/framework/status.js';
import { makeNode, makePod } from '../../support/builders.js';
import { runPostFilter, type PostFilterCase } from './harness.js';
import { capacity, fitPlugin, highPriority, largeRes, lowPriority, makePdb, mediumRes, midPriority, veryHighPriority } from './support.js';

const onePodRes = { pods: '1' };
const nodeRes = { cpu: '200m', memory: '400' };
const U = Code.Unschedulable;
const UU = Code.UnschedulableAndUnresolvable;
const violatingLabel = 'test.kubernetes.io/is-violating-pdb';

interface Expectation {
  readonly code: Code;
  readonly message: string;
  /** '' is upstream's NewPostFilterResultWithNominatedNode(""), undefined its nil result. */
  readonly nominatedNode?: string;
}

// upstream pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go TestPostFilter.
// Not ported: "preemption result filtered out by extenders" (extenders are not simulated), the two
// "TestPlugin" cases (PreFilter extensions that fail with an error), and the PodGroup cases (alpha
// TopologyAwareWorkloadScheduling / WorkloadAwarePreemption gates, off by default).
const cases: readonly (Omit<PostFilterCase, 'plugins'> & { name: string; want: Expectation })[] = [
  {
    name: 'pod with higher priority can be made schedulable',
    pod: makePod('p').priority(highPriority).obj(),
    pods: [makePod('p1').node('node1').obj()],
    nodes: [makeNode('node1').capacity(onePodRes).obj()],
    statuses: { node1: U },
    want: { code: Code.Success, message: '', nominatedNode: 'node1' },
  },
  {
    name: 'pod with tied priority is still unschedulable',
    pod: makePod('p').obj(),
    pods: [makePod('p1').node('node1').obj()],
    nodes: [makeNode('node1').capacity(onePodRes).obj()],
    statuses: { node1: U },
    want: { code: U, message: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.', nominatedNode: '' },
  },
  {
    name: 'preemption should respect filteredNodesStatuses',
    pod: makePod('p').priority(highPriority).obj(),
    pods: [makePod('p1').node('node1').obj()],
    nodes: [makeNode('node1').capacity(onePodRes).obj()],
    statuses: { node1: UU },
    want: { code: U, message: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.', nominatedNode: '' },
  },
  {
    name: 'preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable',
    pod: makePod('p').priority(highPriority).obj(),
    pods: [makePod('p1').node('node1').obj()],
    nodes: [makeNode('node1').capacity(onePodRes).obj()],
    statuses: {},
    want: { code: U, message: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.', nominatedNode: '' },
  },
  {
    name: 'pod can be made schedulable on one node',
    pod: makePod('p').priority(midPriority).obj(),
    pods: [makePod('p1').priority(highPriority).node('node1').obj(), makePod('p2').priority(lowPriority).node('node2').obj()],
    nodes: [makeNode('node1').capacity(onePodRes).obj(), makeNode('node2').capacity(onePodRes).obj()],
    statuses: { node1: U, node2: U },
    want: { code: Code.Success, message: '', nominatedNode: 'node2' },
  },
  {
    name: 'pod can be made schedulable on minHighestPriority node',
    pod: makePod('p').priority(veryHighPriority).obj(),
    pods: [
      makePod('p1').label(violatingLabel, 'non-violating').priority(highPriority).node('node1').obj(),
      makePod('p2').label(violatingLabel, 'violating').priority(lowPriority).node('node1').obj(),
      makePod('p3').label(violatingLabel, 'violating').priority(midPriority).node('node2').obj(),
    ],
    pdbs: [
      makePdb('violating-pdb').matchLabel(violatingLabel, 'violating').obj(),
      makePdb('non-violating-pdb').matchLabel(violatingLabel, 'non-violating').disruptionsAllowed(2147483647).obj(),
    ],
    nodes: [makeNode('node1').capacity(onePodRes).obj(), makeNode('node2').capacity(onePodRes).obj()],
    statuses: { node1: U, node2: U },
    want: { code: Code.Success, message: '', nominatedNode: 'node2' },
  },
  {
    name: 'no candidate nodes found, no enough resource after removing low priority pods',
    pod: makePod('p').priority(highPriority).req(largeRes).obj(),
    pods: [makePod('p1').node('node1').obj(), makePod('p2').node('node2').obj()],
    nodes: [makeNode('node1').capacity(capacity(nodeRes)).obj(), makeNode('node2').capacity(capacity(nodeRes)).obj()],
    statuses: { node1: U, node2: U },
    want: { code: U, message: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.', nominatedNode: '' },
  },
  {
    name: 'no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource',
    pod: makePod('p').priority(highPriority).req(largeRes).obj(),
    pods: [
      makePod('p1').node('node1').priority(highPriority).obj(),
      makePod('p2').node('node2').obj(),
      makePod('p3').node('node3').priority(highPriority).obj(),
    ],
    nodes: [makeNode('node1').capacity(onePodRes).obj(), makeNode('node2').capacity(capacity(nodeRes)).obj(), makeNode('node3').capacity(onePodRes).obj()],
    statuses: { node1: U, node2: U, node3: U },
    want: { code: U, message: 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.', nominatedNode: '' },
  },
  {
    name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
    pod: makePod('p').priority(highPriority).req(largeRes).obj(),
    pods: [makePod('p1').node('node1').obj(), makePod('p2').node('node2').obj()],
    nodes: ['node1', 'node2', 'node3', 'node4'].map((name) => makeNode(name).capacity(capacity(nodeRes)).obj()),
    statuses: { node1: U, node2: U, node4: UU },
    want: { code: U, message: 'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.', nominatedNode: '' },
  },
];

describe('DefaultPreemption.PostFilter (upstream TestPostFilter)', () => {
  it.each(cases)('$name', ({ want, ...testCase }) => {
    const result = runPostFilter({ ...testCase, plugins: [fitPlugin()] });
    expect({ code: result.status.code, message: result.status.message, nominatedNode: result.nominatedNode }).toEqual({
      code: want.code,
      message: want.message,
      nominatedNode: want.nominatedNode,
    });
  });

  it('refuses a pod whose preemptionPolicy is Never (upstream TestPodEligibleToPreemptOthers)', () => {
    const pod = makePod('p').priority(highPriority).obj();
    pod.spec!.preemptionPolicy = 'Never';
    const result = runPostFilter({
      plugins: [fitPlugin()],
      pod,
      pods: [makePod('p1').node('node1').obj()],
      nodes: [makeNode('node1').capacity(onePodRes).obj()],
      statuses: { node1: U },
    });
    expect(result.status.code).toBe(U);
    expect(result.status.message).toBe('preemption: not eligible due to preemptionPolicy=Never.');
    expect(result.nominatedNode).toBeUndefined();
  });

  it('names the victims and their PDB violations on the nominated node', () => {
    const result = runPostFilter({
      plugins: [fitPlugin()],
      pod: makePod('p').priority(highPriority).req(mediumRes).obj(),
      pods: [makePod('p1').label('app', 'web').node('node1').req(mediumRes).obj()],
      pdbs: [makePdb('web').matchLabel('app', 'web').obj()],
      nodes: [makeNode('node1').capacity({ cpu: '300m', memory: '300', pods: '10' }).obj()],
      statuses: { node1: U },
    });
    expect(result.candidate?.node).toBe('node1');
    expect(result.candidate?.numPdbViolations).toBe(1);
    expect(result.candidate?.victims.map(({ pod, violatesPdb }) => [pod.key, violatesPdb])).toEqual([['default/p1', true]]);
  });
});
