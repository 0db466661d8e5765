/** Plan diffs: replicas matched by workload and index, each change classified once, score changes per plugin. */
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/what-if/plan-diff.js';
import type { Placement } from '../../src/simulation/simulation-result.js';

const workload = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

function placement(replica: number, node: string | null, scores: Record<string, number> = {}, pod = `web-${replica}`): Placement {
  return {
    workload,
    replica,
    pod,
    namespace: 'default',
    node,
    zone: node === null ? null : node.slice(0, 1),
    score: node === null ? null : Object.values(scores).reduce((a, b) => a + b, 0),
    message: node === null ? '0/2 nodes are available: 2 Insufficient cpu.' : `${node}: best score`,
    feasibleNodes: node === null ? 0 : 1,
    evaluatedNodes: 2,
    candidates:
      node === null
        ? []
        : [{ node, total: 0, scores: Object.fromEntries(Object.entries(scores).map(([plugin, weighted]) => [plugin, { raw: 0, normalized: 0, weighted }])) }],
    rejections: [],
  };
}

describe('diffPlans', () => {
  it('classifies moved, newly placed, newly unplaceable and unchanged replicas', () => {
    const first = [placement(0, 'a1'), placement(1, 'a2'), placement(2, null), placement(3, 'b1')];
    const second = [placement(0, 'b2', {}, 'web-x-0'), placement(1, null), placement(2, 'c1'), placement(3, 'b1')];
    expect(diffPlans(first, second)).toEqual({
      moved: [{ workload, replica: 0, pod: 'web-x-0', from: 'a1', to: 'b2', fromZone: 'a', toZone: 'b' }],
      newlyPlaced: [{ workload, replica: 2, pod: 'web-2', node: 'c1' }],
      newlyUnplaceable: [{ workload, replica: 1, pod: 'web-1', was: 'a2', message: '0/2 nodes are available: 2 Insufficient cpu.' }],
      scoreChanges: [],
      unchanged: 1,
      onlyInFirst: 0,
      onlyInSecond: 0,
      sharedWorkloads: 1,
    });
  });

  it('reports per-plugin weighted score changes of replicas that stayed on their node', () => {
    const first = [placement(0, 'a1', { NodeResourcesFit: 80, TaintToleration: 300 })];
    const second = [placement(0, 'a1', { NodeResourcesFit: 60, TaintToleration: 300, ImageLocality: 10 })];
    expect(diffPlans(first, second).scoreChanges).toEqual([
      { workload, replica: 0, pod: 'web-0', node: 'a1', plugin: 'ImageLocality', from: 0, to: 10 },
      { workload, replica: 0, pod: 'web-0', node: 'a1', plugin: 'NodeResourcesFit', from: 80, to: 60 },
    ]);
  });

  it('counts replicas only one plan has', () => {
    const diff = diffPlans([placement(0, 'a1'), placement(1, 'a1')], [placement(0, 'a1'), placement(1, 'a1'), placement(2, 'a1')]);
    expect(diff).toMatchObject({ unchanged: 2, onlyInFirst: 0, onlyInSecond: 1, sharedWorkloads: 1 });
  });

  it('counts the workloads both plans place: none when they are about different workloads', () => {
    const other = { ...workload, name: 'api' };
    const diff = diffPlans([placement(0, 'a1'), placement(1, 'a2')], [{ ...placement(0, 'a1'), workload: other }]);
    expect(diff).toMatchObject({ moved: [], unchanged: 0, onlyInFirst: 2, onlyInSecond: 1, sharedWorkloads: 0 });
  });
});
