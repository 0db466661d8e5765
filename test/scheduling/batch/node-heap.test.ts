/**
 * The per-bucket heap of replica runs: best first by per-node part, then by
 * node name rank, through pushes, removals of arbitrary nodes and re-filing,
 * checked against sorting the same nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeHeap } from '../../../src/scheduling/batch/node-heap.js';

function sortedBest(nodes: readonly number[], parts: Float64Array, nameRank: Int32Array): number[] {
  return [...nodes].sort((a, b) => parts[b] - parts[a] || nameRank[a] - nameRank[b]);
}

describe('NodeHeap', () => {
  it('keeps the best nodes first and counts ties by part', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (partValues, removals) => {
          const count = partValues.length;
          const parts = Float64Array.from(partValues);
          // Name ranks are a permutation: reverse order, so ties are not broken by index by accident.
          const nameRank = Int32Array.from({ length: count }, (_, index) => count - 1 - index);
          const heap = new NodeHeap(parts, nameRank, new Int32Array(count).fill(-1));
          const present = new Set<number>();
          for (let node = 0; node < count; node++) {
            heap.push(node);
            present.add(node);
          }
          for (const pick of removals) {
            const node = pick % count;
            if (present.has(node)) {
              heap.remove(node, parts[node]);
              present.delete(node);
            } else {
              heap.push(node);
              present.add(node);
            }
            const expected = sortedBest([...present], parts, nameRank);
            const top: number[] = [];
            heap.top(4, top);
            expect(top).toEqual(expected.slice(0, 4));
            expect(heap.size).toBe(present.size);
            for (const value of [0, 1, 2, 3, 4, 5]) {
              expect(heap.countWithPart(value)).toBe(expected.filter((node) => parts[node] === value).length);
            }
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
