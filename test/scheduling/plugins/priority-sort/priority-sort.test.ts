import { describe, expect, it } from 'vitest';
import { prioritySortLess, type QueuedPod } from '../../../../src/scheduling/plugins/priority-sort/priority-sort.js';

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go, TestLess
// (priorities 0 and 1000; t1 before t2).
const lowPriority = 0;
const highPriority = 1000;
const t1 = 1;
const t2 = 2;
const cases: { name: string; p1: QueuedPod; p2: QueuedPod; expected: boolean }[] = [
  { name: 'p1.priority less than p2.priority', p1: { priority: lowPriority, timestamp: t1 }, p2: { priority: highPriority, timestamp: t1 }, expected: false },
  { name: 'p1.priority greater than p2.priority', p1: { priority: highPriority, timestamp: t1 }, p2: { priority: lowPriority, timestamp: t1 }, expected: true },
  { name: 'equal priority. p1 is added to schedulingQ earlier than p2', p1: { priority: highPriority, timestamp: t1 }, p2: { priority: highPriority, timestamp: t2 }, expected: true },
  { name: 'equal priority. p2 is added to schedulingQ earlier than p1', p1: { priority: highPriority, timestamp: t2 }, p2: { priority: highPriority, timestamp: t1 }, expected: false },
];

describe('PrioritySort Less (upstream TestLess)', () => {
  it.each(cases)('$name', ({ p1, p2, expected }) => {
    expect(prioritySortLess(p1, p2)).toBe(expected);
  });
});
