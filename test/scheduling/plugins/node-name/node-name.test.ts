import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { isFilterPlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { NodeInfo } from '../../../../src/scheduling/model/node-info.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { nodeName } from '../../../../src/scheduling/plugins/node-name/index.js';
import { ErrReasonNodeName } from '../../../../src/scheduling/plugins/node-name/node-name-plugin.js';
import { makeNode, makePod } from '../../../support/builders.js';
import { expectStatus, unresolvable, type ExpectedStatus } from '../node-affinity/status-expectation.js';

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodename/node_name_test.go, TestNodeName.
const cases: { name: string; pod: V1Pod; node: V1Node; wantStatus: ExpectedStatus }[] = [
  { name: 'no host specified', pod: { spec: { containers: [] } }, node: {}, wantStatus: null },
  { name: 'host matches', pod: makePod('p').node('foo').obj(), node: makeNode('foo').obj(), wantStatus: null },
  { name: "host doesn't match", pod: makePod('p').node('bar').obj(), node: makeNode('foo').obj(), wantStatus: unresolvable(ErrReasonNodeName) },
];

describe('NodeName Filter (upstream TestNodeName)', () => {
  it.each(cases)('$name', ({ pod, node, wantStatus }) => {
    const plugin = nodeName(undefined);
    if (!isFilterPlugin(plugin)) throw new Error('NodeName must Filter');
    expectStatus(plugin.filter(new CycleState(), buildPodInfo(pod), new NodeInfo(node)), wantStatus);
  });
});
