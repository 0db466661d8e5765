import { describe, expect, it } from 'vitest';
import type { V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { Plugin } from '../../../src/scheduling/framework/interfaces.js';
import { Code } from '../../../src/scheduling/framework/status.js';
import { makePod } from '../../support/builders.js';
import { dryRunCluster, runDryRuns, summarize } from './dry-run-harness.js';
import {
  affinityPlugin,
  CountingFilter,
  falseFilter,
  fitPlugin,
  highPriority,
  largeRes,
  lowPriority,
  makePdb,
  matchFilter,
  mediumRes,
  midPriority,
  smallRes,
  spreadPlugin,
  startedAt,
  trueFilter,
  veryHighPriority,
  veryLargeRes,
} from './support.js';

interface Expected {
  readonly node: string;
  readonly victims: readonly string[];
  readonly numPdbViolations?: number;
}

interface DryRunCase {
  readonly name: string;
  readonly plugins: () => Plugin[];
  readonly nodeNames: readonly string[];
  readonly testPods: readonly V1Pod[];
  readonly initPods: readonly V1Pod[];
  readonly pdbs?: readonly V1PodDisruptionBudget[];
  readonly fakeFilterCode?: Code;
  readonly args?: Record<string, unknown>;
  /** upstream draws offsets from rand.New(rand.NewSource(4)); its comments give the values they produce. */
  readonly offsets?: readonly number[];
  readonly expected: readonly (readonly Expected[])[];
  readonly expectedFilterCalls: readonly number[];
}

const fooPod = (name: string) => makePod(name).label('app', 'foo');
const appFooPdb = (disruptionsAllowed: number) => makePdb('pdb').matchLabel('app', 'foo').disruptionsAllowed(disruptionsAllowed);

// upstream pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go TestDryRunPreemption.
const cases: readonly DryRunCase[] = [
  {
    name: 'a pod that does not fit on any node',
    plugins: () => [falseFilter],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).obj()],
    initPods: [makePod('p1').node('node1').priority(midPriority).obj(), makePod('p2').node('node2').priority(midPriority).obj()],
    expected: [[]],
    expectedFilterCalls: [2],
  },
  {
    name: 'a pod that fits with no preemption',
    plugins: () => [trueFilter],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).obj()],
    initPods: [makePod('p1').node('node1').priority(midPriority).obj(), makePod('p2').node('node2').priority(midPriority).obj()],
    fakeFilterCode: Code.Unschedulable,
    expected: [[]],
    expectedFilterCalls: [2],
  },
  {
    name: 'a pod that fits on one node with no preemption',
    plugins: () => [matchFilter],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('node1').priority(highPriority).obj()],
    initPods: [makePod('p1').node('node1').priority(midPriority).obj(), makePod('p2').node('node2').priority(midPriority).obj()],
    fakeFilterCode: Code.Unschedulable,
    expected: [[]],
    expectedFilterCalls: [2],
  },
  {
    name: 'a pod that fits on both nodes when lower priority pods are preempted',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      makePod('p1').node('node1').priority(midPriority).req(largeRes).obj(),
      makePod('p2').node('node2').priority(midPriority).req(largeRes).obj(),
    ],
    expected: [[{ node: 'node1', victims: ['p1'] }, { node: 'node2', victims: ['p2'] }]],
    expectedFilterCalls: [4],
  },
  {
    name: 'a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(lowPriority).req(largeRes).obj()],
    initPods: [
      makePod('p1').node('node1').priority(midPriority).req(largeRes).obj(),
      makePod('p2').node('node2').priority(midPriority).req(largeRes).obj(),
    ],
    expected: [[]],
    expectedFilterCalls: [0],
  },
  {
    name: 'medium priority pod is preempted, but lower priority one stays as it is small',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      makePod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p1.2').node('node1').priority(midPriority).req(largeRes).obj(),
      makePod('p2').node('node2').priority(midPriority).req(largeRes).obj(),
    ],
    expected: [[{ node: 'node1', victims: ['p1.2'] }, { node: 'node2', victims: ['p2'] }]],
    expectedFilterCalls: [5],
  },
  {
    name: 'mixed priority pods are preempted',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      makePod('p1.1').node('node1').priority(midPriority).req(smallRes).obj(),
      makePod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
      makePod('p1.3').node('node1').priority(midPriority).req(mediumRes).obj(),
      makePod('p1.4').node('node1').priority(highPriority).req(smallRes).obj(),
      makePod('p2').node('node2').priority(highPriority).req(largeRes).obj(),
    ],
    expected: [[{ node: 'node1', victims: ['p1.2', 'p1.3'] }]],
    expectedFilterCalls: [4],
  },
  {
    name: 'mixed priority pods are preempted, pick later StartTime one when priorities are equal',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      startedAt(makePod('p1.1').node('node1').priority(lowPriority).req(smallRes), 5).obj(),
      startedAt(makePod('p1.2').node('node1').priority(lowPriority).req(smallRes), 4).obj(),
      startedAt(makePod('p1.3').node('node1').priority(midPriority).req(mediumRes), 3).obj(),
      startedAt(makePod('p1.4').node('node1').priority(highPriority).req(smallRes), 2).obj(),
      startedAt(makePod('p2').node('node2').priority(highPriority).req(largeRes), 1).obj(),
    ],
    expected: [[{ node: 'node1', victims: ['p1.1', 'p1.3'] }]],
    expectedFilterCalls: [4],
  },
  {
    name: 'pod with anti-affinity is preempted',
    plugins: () => [fitPlugin(), affinityPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').label('foo', '').priority(highPriority).req(smallRes).obj()],
    initPods: [
      (() => {
        const pod = makePod('p1.1').node('node1').label('foo', '').priority(lowPriority).req(smallRes).obj();
        pod.spec!.affinity = {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'hostname', labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] } },
            ],
          },
        };
        return pod;
      })(),
      makePod('p1.2').node('node1').priority(midPriority).req(smallRes).obj(),
      makePod('p1.3').node('node1').priority(highPriority).req(smallRes).obj(),
      makePod('p2').node('node2').priority(highPriority).req(smallRes).obj(),
    ],
    expected: [[{ node: 'node1', victims: ['p1.1'] }]],
    expectedFilterCalls: [3],
  },
  {
    name: 'preemption to resolve pod topology spread filter failure',
    plugins: () => [spreadPlugin()],
    nodeNames: ['node-a/zone1', 'node-b/zone1', 'node-x/zone2'],
    testPods: [
      makePod('p')
        .label('foo', '')
        .priority(highPriority)
        .spreadConstraint(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'foo', operator: 'Exists' }] })
        .spreadConstraint(1, 'hostname', 'DoNotSchedule', { matchExpressions: [{ key: 'foo', operator: 'Exists' }] })
        .obj(),
    ],
    initPods: [
      makePod('pod-a1').node('node-a').label('foo', '').priority(midPriority).obj(),
      makePod('pod-a2').node('node-a').label('foo', '').priority(lowPriority).obj(),
      makePod('pod-b1').node('node-b').label('foo', '').priority(lowPriority).obj(),
      makePod('pod-x1').node('node-x').label('foo', '').priority(highPriority).obj(),
      makePod('pod-x2').node('node-x').label('foo', '').priority(highPriority).obj(),
    ],
    expected: [[{ node: 'node-a', victims: ['pod-a2'] }, { node: 'node-b', victims: ['pod-b1'] }]],
    expectedFilterCalls: [5],
  },
  {
    name: 'get Unschedulable in the preemption phase when the filter plugins filtering the nodes',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1', 'node2'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      makePod('p1').node('node1').priority(midPriority).req(largeRes).obj(),
      makePod('p2').node('node2').priority(midPriority).req(largeRes).obj(),
    ],
    fakeFilterCode: Code.Unschedulable,
    expected: [[]],
    expectedFilterCalls: [2],
  },
  {
    name: 'preemption with violation of same pdb',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1'],
    testPods: [makePod('p').priority(highPriority).req(veryLargeRes).obj()],
    initPods: [fooPod('p1.1').node('node1').priority(midPriority).req(mediumRes).obj(), fooPod('p1.2').node('node1').priority(midPriority).req(mediumRes).obj()],
    pdbs: [appFooPdb(1).obj()],
    expected: [[{ node: 'node1', victims: ['p1.1', 'p1.2'], numPdbViolations: 1 }]],
    expectedFilterCalls: [3],
  },
  {
    name: "preemption with violation of the pdb with pod whose eviction was processed, the victim doesn't belong to DisruptedPods",
    plugins: () => [fitPlugin()],
    nodeNames: ['node1'],
    testPods: [makePod('p').priority(highPriority).req(veryLargeRes).obj()],
    initPods: [fooPod('p1.1').node('node1').priority(midPriority).req(mediumRes).obj(), fooPod('p1.2').node('node1').priority(midPriority).req(mediumRes).obj()],
    pdbs: [appFooPdb(1).disruptedPod('p2').obj()],
    expected: [[{ node: 'node1', victims: ['p1.1', 'p1.2'], numPdbViolations: 1 }]],
    expectedFilterCalls: [3],
  },
  {
    name: 'preemption with violation of the pdb with pod whose eviction was processed, the victim belongs to DisruptedPods',
    plugins: () => [fitPlugin()],
    nodeNames: ['node1'],
    testPods: [makePod('p').priority(highPriority).req(veryLargeRes).obj()],
    initPods: [fooPod('p1.1').node('node1').priority(midPriority).req(mediumRes).obj(), fooPod('p1.2').node('node1').priority(midPriority).req(mediumRes).obj()],
    pdbs: [appFooPdb(1).disruptedPod('p1.2').obj()],
    expected: [[{ node: 'node1', victims: ['p1.1', 'p1.2'], numPdbViolations: 0 }]],
    expectedFilterCalls: [3],
  },
  {
    name: "preemption with violation of the pdb with pod whose eviction was processed, the victim which belongs to DisruptedPods is treated as 'nonViolating'",
    plugins: () => [fitPlugin()],
    nodeNames: ['node1'],
    testPods: [makePod('p').priority(highPriority).req(veryLargeRes).obj()],
    initPods: [
      fooPod('p1.1').node('node1').priority(midPriority).req(mediumRes).obj(),
      fooPod('p1.2').node('node1').priority(midPriority).req(mediumRes).obj(),
      fooPod('p1.3').node('node1').priority(midPriority).req(mediumRes).obj(),
    ],
    pdbs: [appFooPdb(1).disruptedPod('p1.3').obj()],
    expected: [[{ node: 'node1', victims: ['p1.1', 'p1.2', 'p1.3'], numPdbViolations: 1 }]],
    expectedFilterCalls: [4],
  },
  {
    name: 'all nodes are possible candidates, but DefaultPreemptionArgs limits to 2',
    plugins: () => [fitPlugin()],
    args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
    nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [1, 2, 3, 4, 5].map((index) => makePod(`p${index}`).node(`node${index}`).priority(midPriority).req(largeRes).obj()),
    // cycle=0 => offset=4 => node5 (yes), node1 (yes)
    offsets: [4],
    expected: [[{ node: 'node1', victims: ['p1'] }, { node: 'node5', victims: ['p5'] }]],
    expectedFilterCalls: [4],
  },
  {
    name: 'some nodes are not possible candidates, DefaultPreemptionArgs limits to 2',
    plugins: () => [fitPlugin()],
    args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
    nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      makePod('p1').node('node1').priority(midPriority).req(largeRes).obj(),
      makePod('p2').node('node2').priority(veryHighPriority).req(largeRes).obj(),
      makePod('p3').node('node3').priority(midPriority).req(largeRes).obj(),
      makePod('p4').node('node4').priority(midPriority).req(largeRes).obj(),
      makePod('p5').node('node5').priority(veryHighPriority).req(largeRes).obj(),
    ],
    // cycle=0 => offset=4 => node5 (no), node1 (yes), node2 (no), node3 (yes)
    offsets: [4],
    expected: [[{ node: 'node1', victims: ['p1'] }, { node: 'node3', victims: ['p3'] }]],
    expectedFilterCalls: [4],
  },
  {
    name: 'preemption offset across multiple scheduling cycles and wrap around',
    plugins: () => [fitPlugin()],
    args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
    nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
    testPods: ['tp1', 'tp2', 'tp3'].map((name) => makePod(name).priority(highPriority).req(largeRes).obj()),
    initPods: [1, 2, 3, 4, 5].map((index) => makePod(`p${index}`).node(`node${index}`).priority(midPriority).req(largeRes).obj()),
    // cycle=0 => offset=4, cycle=1 => offset=1, cycle=2 => offset=3
    offsets: [4, 1, 3],
    expected: [
      [{ node: 'node1', victims: ['p1'] }, { node: 'node5', victims: ['p5'] }],
      [{ node: 'node2', victims: ['p2'] }, { node: 'node3', victims: ['p3'] }],
      [{ node: 'node4', victims: ['p4'] }, { node: 'node5', victims: ['p5'] }],
    ],
    expectedFilterCalls: [4, 4, 4],
  },
  {
    name: 'preemption looks past numCandidates until a non-PDB violating node is found',
    plugins: () => [fitPlugin()],
    args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 2 },
    nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
    testPods: [makePod('p').priority(highPriority).req(largeRes).obj()],
    initPods: [
      fooPod('p1').node('node1').priority(midPriority).req(largeRes).obj(),
      fooPod('p2').node('node2').priority(midPriority).req(largeRes).obj(),
      makePod('p3').node('node3').priority(midPriority).req(largeRes).obj(),
      makePod('p4').node('node4').priority(midPriority).req(largeRes).obj(),
      fooPod('p5').node('node5').priority(midPriority).req(largeRes).obj(),
    ],
    pdbs: [appFooPdb(0).obj()],
    // cycle=0 => offset=4 => node5 (yes, pdb), node1 (yes, pdb), node2 (no, pdb), node3 (yes)
    offsets: [4],
    expected: [
      [
        { node: 'node1', victims: ['p1'], numPdbViolations: 1 },
        { node: 'node3', victims: ['p3'] },
        { node: 'node5', victims: ['p5'], numPdbViolations: 1 },
      ],
    ],
    expectedFilterCalls: [8],
  },
];

describe('dryRunPreemption (upstream TestDryRunPreemption)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = dryRunCluster(testCase.nodeNames, testCase.initPods, testCase.pdbs);
    const fakeFilter = new CountingFilter(testCase.fakeFilterCode);
    const offsets = testCase.offsets ?? testCase.testPods.map(() => 0);
    const cycles = runDryRuns(cluster, testCase.plugins(), testCase.testPods, offsets, fakeFilter, testCase.args);
    expect(cycles.map((cycle) => summarize(cycle.result.candidates))).toEqual(
      testCase.expected.map((candidates) =>
        candidates.map((candidate) => ({ ...candidate, victims: [...candidate.victims], numPdbViolations: candidate.numPdbViolations ?? 0 })),
      ),
    );
    expect(cycles.map((cycle) => cycle.filterCalls)).toEqual(testCase.expectedFilterCalls);
  });
});
