import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import type { Candidate } from '../../../src/scheduling/preemption/candidate.js';
import { pickCandidate } from '../../../src/scheduling/preemption/pick-candidate.js';
import { makePod } from '../../support/builders.js';
import { dryRunCluster, runDryRuns } from './dry-run-harness.js';
import {
  CountingFilter,
  fitPlugin,
  highPriority,
  largeRes,
  lowPriority,
  mediumRes,
  midPriority,
  negPriority,
  smallRes,
  startedAt,
  veryHighPriority,
  veryLargeRes,
} from './support.js';

interface SelectCase {
  readonly name: string;
  readonly nodeNames: readonly string[];
  readonly pod: V1Pod;
  readonly pods: readonly V1Pod[];
  /** Any of these is a valid choice, as upstream's table states. */
  readonly expected: readonly string[];
}

/** A pod on `node` with `priority`, `requests`, started at `start` seconds (upstream's epochTime when omitted). */
const victim = (name: string, node: string, priority: number, requests: Record<string, string>, start = 0): V1Pod =>
  startedAt(makePod(name).node(node).priority(priority).req(requests), start).obj();

// upstream pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go TestSelectBestCandidate.
const cases: readonly SelectCase[] = [
  {
    name: 'a pod that fits on both nodes when lower priority pods are preempted',
    nodeNames: ['node1', 'node2'],
    pod: makePod('p').priority(highPriority).req(largeRes).obj(),
    pods: [victim('p1', 'node1', midPriority, largeRes), victim('p2', 'node2', midPriority, largeRes)],
    expected: ['node1', 'node2'],
  },
  {
    name: 'node with min highest priority pod is picked',
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, mediumRes),
      victim('p1.2', 'node1', midPriority, largeRes),
      victim('p2.1', 'node2', midPriority, mediumRes),
      victim('p2.2', 'node2', lowPriority, mediumRes),
      victim('p3.1', 'node3', lowPriority, mediumRes),
      victim('p3.2', 'node3', lowPriority, mediumRes),
    ],
    expected: ['node3'],
  },
  {
    name: 'when highest priorities are the same, minimum sum of priorities is picked',
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, mediumRes),
      victim('p1.2', 'node1', midPriority, largeRes),
      victim('p2.1', 'node2', midPriority, largeRes),
      victim('p2.2', 'node2', lowPriority, mediumRes),
      victim('p3.1', 'node3', midPriority, mediumRes),
      victim('p3.2', 'node3', midPriority, mediumRes),
    ],
    expected: ['node2'],
  },
  {
    name: 'when highest priority and sum are the same, minimum number of pods is picked',
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, smallRes),
      victim('p1.2', 'node1', negPriority, smallRes),
      victim('p1.3', 'node1', midPriority, smallRes),
      victim('p1.4', 'node1', negPriority, smallRes),
      victim('p2.1', 'node2', midPriority, largeRes),
      victim('p2.2', 'node2', negPriority, mediumRes),
      victim('p3.1', 'node3', midPriority, mediumRes),
      victim('p3.2', 'node3', negPriority, smallRes),
      victim('p3.3', 'node3', lowPriority, smallRes),
    ],
    expected: ['node2'],
  },
  {
    name: 'sum of adjusted priorities is considered',
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, smallRes),
      victim('p1.2', 'node1', negPriority, smallRes),
      victim('p1.3', 'node1', negPriority, smallRes),
      victim('p2.1', 'node2', midPriority, largeRes),
      victim('p2.2', 'node2', negPriority, mediumRes),
      victim('p3.1', 'node3', midPriority, mediumRes),
      victim('p3.2', 'node3', negPriority, smallRes),
      victim('p3.3', 'node3', lowPriority, smallRes),
    ],
    expected: ['node2'],
  },
  {
    name: 'non-overlapping lowest high priority, sum priorities, and number of pods',
    nodeNames: ['node1', 'node2', 'node3', 'node4'],
    pod: makePod('p').priority(veryHighPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, smallRes),
      victim('p1.2', 'node1', lowPriority, smallRes),
      victim('p1.3', 'node1', lowPriority, smallRes),
      victim('p2.1', 'node2', highPriority, largeRes),
      victim('p3.1', 'node3', midPriority, mediumRes),
      victim('p3.2', 'node3', lowPriority, smallRes),
      victim('p3.3', 'node3', lowPriority, smallRes),
      victim('p3.4', 'node3', lowPriority, mediumRes),
      victim('p4.1', 'node4', midPriority, mediumRes),
      victim('p4.2', 'node4', midPriority, smallRes),
      victim('p4.3', 'node4', midPriority, smallRes),
      victim('p4.4', 'node4', negPriority, smallRes),
    ],
    expected: ['node1'],
  },
  {
    name: "same priority, same number of victims, different start time for each node's pod",
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, mediumRes, 2),
      victim('p1.2', 'node1', midPriority, mediumRes, 2),
      victim('p2.1', 'node2', midPriority, mediumRes, 3),
      victim('p2.2', 'node2', midPriority, mediumRes, 3),
      victim('p3.1', 'node3', midPriority, mediumRes, 1),
      victim('p3.2', 'node3', midPriority, mediumRes, 1),
    ],
    expected: ['node2'],
  },
  {
    name: 'same priority, same number of victims, different start time for all pods',
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', midPriority, mediumRes, 4),
      victim('p1.2', 'node1', midPriority, mediumRes, 2),
      victim('p2.1', 'node2', midPriority, mediumRes, 5),
      victim('p2.2', 'node2', midPriority, mediumRes, 1),
      victim('p3.1', 'node3', midPriority, mediumRes, 3),
      victim('p3.2', 'node3', midPriority, mediumRes, 6),
    ],
    expected: ['node3'],
  },
  {
    name: 'different priority, same number of victims, different start time for all pods',
    nodeNames: ['node1', 'node2', 'node3'],
    pod: makePod('p').priority(highPriority).req(veryLargeRes).obj(),
    pods: [
      victim('p1.1', 'node1', lowPriority, mediumRes, 4),
      victim('p1.2', 'node1', midPriority, mediumRes, 2),
      victim('p2.1', 'node2', midPriority, mediumRes, 6),
      victim('p2.2', 'node2', lowPriority, mediumRes, 1),
      victim('p3.1', 'node3', lowPriority, mediumRes, 3),
      victim('p3.2', 'node3', midPriority, mediumRes, 5),
    ],
    expected: ['node2'],
  },
];

describe('pickCandidate (upstream TestSelectBestCandidate)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = dryRunCluster(testCase.nodeNames, testCase.pods);
    const [cycle] = runDryRuns(cluster, [fitPlugin()], [testCase.pod], [0], new CountingFilter());
    const chosen = pickCandidate(cycle.result.candidates);
    expect(testCase.expected).toContain(chosen?.node);
  });
});

describe('pickCandidate tie rules', () => {
  const candidate = (node: string, victims: V1Pod[], numPdbViolations = 0): Candidate => ({
    node,
    numPdbViolations,
    victims: victims.map((pod) => ({ pod: buildPodInfo(pod), violatesPdb: false })),
  });
  const low = (name: string) => makePod(name).priority(lowPriority).obj();

  it('prefers fewer PDB violations over everything else', () => {
    const violating = candidate('node1', [low('a')], 1);
    const clean = candidate('node2', [makePod('b').priority(highPriority).obj(), low('c')], 0);
    expect(pickCandidate([violating, clean])?.node).toBe('node2');
  });

  it('takes the first of fully tied candidates unless a tie breaker chooses', () => {
    const tied = [candidate('node1', [low('a')]), candidate('node2', [low('b')]), candidate('node3', [low('c')])];
    expect(pickCandidate(tied)?.node).toBe('node1');
    expect(pickCandidate(tied, (count) => count - 1)?.node).toBe('node3');
  });

  it('treats a victim without a start time as started now, i.e. latest', () => {
    const started = candidate('node1', [startedAt(makePod('a').priority(lowPriority), 100).obj()]);
    const notStarted = candidate('node2', [low('b')]);
    expect(pickCandidate([started, notStarted])?.node).toBe('node2');
  });

  it('returns nothing for no candidates and the only one for one', () => {
    expect(pickCandidate([])).toBeUndefined();
    const only = candidate('node1', [low('a')]);
    expect(pickCandidate([only])).toBe(only);
  });
});
