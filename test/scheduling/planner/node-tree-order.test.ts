import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../../src/scheduling/model/node-info.js';
import { nodeTreeOrder } from '../../../src/scheduling/planner/node-tree-order.js';
import { numFeasibleNodesToFind } from '../../../src/scheduling/planner/schedule-one.js';
import { makeNode } from '../../support/builders.js';

const zoned = (name: string, zone?: string, region?: string) => {
  const builder = makeNode(name);
  if (zone) builder.label('topology.kubernetes.io/zone', zone);
  if (region) builder.label('topology.kubernetes.io/region', region);
  return new NodeInfo(builder.obj());
};

// Re-expressed from upstream pkg/scheduler/backend/cache/node_tree_test.go (TestNodeTree_List shapes):
// nodes are listed round-robin across zones, zones in first-seen order.
describe('nodeTreeOrder (upstream NodeTree.list)', () => {
  const cases = [
    {
      name: 'one zone keeps input order',
      nodes: [zoned('n1', 'a'), zoned('n2', 'a'), zoned('n3', 'a')],
      want: ['n1', 'n2', 'n3'],
    },
    {
      name: 'zones are interleaved',
      nodes: [zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b'), zoned('c1', 'c'), zoned('b2', 'b'), zoned('a3', 'a')],
      want: ['a1', 'b1', 'c1', 'a2', 'b2', 'a3'],
    },
    {
      name: 'same zone name in two regions are different zones; unlabelled nodes form their own zone',
      nodes: [zoned('r1a', 'a', 'r1'), zoned('r2a', 'a', 'r2'), zoned('plain'), zoned('r1a-2', 'a', 'r1')],
      want: ['r1a', 'r2a', 'plain', 'r1a-2'],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(nodeTreeOrder(testCase.nodes).map((node) => node.name)).toEqual(testCase.want);
    });
  }
});

// Re-expressed from upstream pkg/scheduler/schedule_one_test.go TestNumFeasibleNodesToFind.
describe('numFeasibleNodesToFind', () => {
  const cases: { name: string; percentage?: number; numAllNodes: number; want: number }[] = [
    { name: 'not set percentageOfNodesToScore and nodes number not more than 50', numAllNodes: 10, want: 10 },
    { name: 'set profile percentageOfNodesToScore and nodes number not more than 50', percentage: 40, numAllNodes: 10, want: 10 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50', numAllNodes: 1000, want: 420 },
    { name: 'set profile percentageOfNodesToScore and nodes number more than 50', percentage: 40, numAllNodes: 1000, want: 400 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50*125', numAllNodes: 6000, want: 300 },
    { name: 'set profile percentageOfNodesToScore and nodes number more than 50*125', percentage: 40, numAllNodes: 6000, want: 2400 },
    { name: 'percentage of 100 scores every node', percentage: 100, numAllNodes: 5000, want: 5000 },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(numFeasibleNodesToFind(testCase.percentage, testCase.numAllNodes)).toBe(testCase.want);
    });
  }
});
