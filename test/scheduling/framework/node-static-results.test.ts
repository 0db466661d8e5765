/**
 * Node-static results (src/scheduling/framework/node-static-results.ts):
 * kept from a signature's second pod on, by node position, and dropped as
 * soon as a position holds another node object (a node updated, added or
 * removed), so a stale verdict is never read.
 */
import { describe, expect, it } from 'vitest';
import { MAX_STATIC_SIGNATURES, NodeStaticResults } from '../../../src/scheduling/framework/node-static-results.js';
import { Status } from '../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const cluster = () => clusterOf([makeNode('n0').obj(), makeNode('n1').obj()]);

describe('NodeStaticResults', () => {
  it('keeps nothing for the first pod of a signature and the same verdicts from the second on', () => {
    const state = cluster();
    const results = new NodeStaticResults();
    results.sync(state);
    expect(results.filterVerdicts('tolerations:none')).toBeUndefined();
    const verdicts = results.filterVerdicts('tolerations:none')!;
    expect(verdicts).toEqual([undefined, undefined]);
    const rejected = Status.unresolvable('node(s) were unschedulable');
    verdicts[1] = rejected;
    expect(results.filterVerdicts('tolerations:none')![1]).toBe(rejected);
    expect(results.rawScores('TaintToleration:none')).toBeUndefined();
    expect(Array.from(results.rawScores('TaintToleration:none')!)).toEqual([Number.NaN, Number.NaN]);
  });

  it('forgets everything when a node object changes, and not when only pods change', () => {
    const state = cluster();
    const results = new NodeStaticResults();
    results.sync(state);
    results.filterVerdicts('s');
    results.filterVerdicts('s')![0] = null;
    state.addPod(buildPodInfo(makePod('p').node('n0').obj()), 'n0');
    results.sync(state);
    expect(results.filterVerdicts('s')![0]).toBeNull();
    state.updateNode('n0', (node) => ({ ...node, spec: { ...node.spec, unschedulable: true } }));
    results.sync(state);
    expect(results.filterVerdicts('s')).toBeUndefined();
  });

  it('stops keeping new signatures past its limit', () => {
    const state = cluster();
    const results = new NodeStaticResults();
    results.sync(state);
    for (let index = 0; index < MAX_STATIC_SIGNATURES; index++) results.filterVerdicts(`s${index}`);
    expect(results.filterVerdicts('one-too-many')).toBeUndefined();
    expect(results.filterVerdicts('one-too-many')).toBeUndefined();
    expect(results.filterVerdicts('s0')).toBeDefined();
  });
});
