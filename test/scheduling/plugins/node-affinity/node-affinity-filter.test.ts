import type { V1NodeAffinity, V1NodeSelectorRequirement, V1NodeSelectorTerm, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { isFilterPlugin, isPreFilterPlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { NodeInfo } from '../../../../src/scheduling/model/node-info.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { nodeAffinity } from '../../../../src/scheduling/plugins/node-affinity/index.js';
import {
  ErrReasonConflict,
  ErrReasonEnforced,
  ErrReasonPod,
} from '../../../../src/scheduling/plugins/node-affinity/reasons.js';
import { clusterOf } from '../../../support/builders.js';
import { expectStatus, skip, unresolvable, type ExpectedStatus } from './status-expectation.js';

const podWithNodeSelector = (nodeSelector: Record<string, string>): V1Pod => ({ spec: { containers: [], nodeSelector } });
const podWithRequiredTerms = (terms: V1NodeSelectorTerm[], nodeSelector?: Record<string, string>): V1Pod => ({
  spec: {
    containers: [],
    ...(nodeSelector ? { nodeSelector } : {}),
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  },
});
const expressions = (...matchExpressions: V1NodeSelectorRequirement[]): V1NodeSelectorTerm => ({ matchExpressions });
const nameIs = (...values: string[]): V1NodeSelectorRequirement => ({ key: 'metadata.name', operator: 'In', values });
const fields = (...matchFields: V1NodeSelectorRequirement[]): V1NodeSelectorTerm => ({ matchFields });
const addedRequired = (...terms: V1NodeSelectorTerm[]): { addedAffinity: V1NodeAffinity } => ({
  addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

interface FilterCase {
  name: string;
  pod: V1Pod;
  labels?: Record<string, string>;
  nodeName?: string;
  args?: Record<string, unknown>;
  runPreFilter: boolean;
  wantPreFilterStatus?: ExpectedStatus;
  wantPreFilterNodeNames?: string[];
  wantStatus?: ExpectedStatus;
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go, TestNodeAffinity.
const cases: FilterCase[] = [
  { name: 'missing labels', pod: podWithNodeSelector({ foo: 'bar' }), wantStatus: unresolvable(ErrReasonPod), runPreFilter: true },
  { name: 'same labels', pod: podWithNodeSelector({ foo: 'bar' }), labels: { foo: 'bar' }, runPreFilter: true },
  {
    name: 'node labels are superset',
    pod: podWithNodeSelector({ foo: 'bar' }),
    labels: { foo: 'bar', baz: 'blah' },
    runPreFilter: true,
  },
  {
    name: 'node labels are subset',
    pod: podWithNodeSelector({ foo: 'bar', baz: 'blah' }),
    labels: { foo: 'bar' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: 'Pod with matchExpressions using In operator that matches the existing node',
    pod: podWithRequiredTerms([expressions({ key: 'foo', operator: 'In', values: ['bar', 'value2'] })]),
    labels: { foo: 'bar' },
    runPreFilter: true,
  },
  {
    name: 'Pod with matchExpressions using Gt operator that matches the existing node',
    pod: podWithRequiredTerms([expressions({ key: 'kernel-version', operator: 'Gt', values: ['0204'] })]),
    labels: { 'kernel-version': '0206' },
    runPreFilter: true,
  },
  {
    name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
    pod: podWithRequiredTerms([expressions({ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] })]),
    labels: { 'mem-type': 'DDR3' },
    runPreFilter: true,
  },
  {
    name: 'Pod with matchExpressions using Exists operator that matches the existing node',
    pod: podWithRequiredTerms([expressions({ key: 'GPU', operator: 'Exists' })]),
    labels: { GPU: 'NVIDIA-GRID-K1' },
    runPreFilter: true,
  },
  {
    name: "Pod with affinity that don't match node's labels won't schedule onto the node",
    pod: podWithRequiredTerms([expressions({ key: 'foo', operator: 'In', values: ['value1', 'value2'] })]),
    labels: { foo: 'bar' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node',
    pod: podWithRequiredTerms([{ matchExpressions: [] }]),
    labels: { foo: 'bar' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: 'Pod with no Affinity will schedule onto a node',
    pod: { spec: { containers: [] } },
    labels: { foo: 'bar' },
    wantPreFilterStatus: skip,
    runPreFilter: true,
  },
  {
    name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
    pod: { spec: { containers: [], affinity: { nodeAffinity: {} } } },
    labels: { foo: 'bar' },
    wantPreFilterStatus: skip,
    runPreFilter: true,
  },
  {
    name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
    pod: podWithRequiredTerms([
      expressions({ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] }),
    ]),
    labels: { GPU: 'NVIDIA-GRID-K1' },
    runPreFilter: true,
  },
  {
    name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
    pod: podWithRequiredTerms([
      expressions({ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] }),
    ]),
    labels: { GPU: 'NVIDIA-GRID-K1' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
    pod: podWithRequiredTerms([
      expressions({ key: 'foo', operator: 'In', values: ['bar', 'value2'] }),
      expressions({ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }),
    ]),
    labels: { foo: 'bar' },
    runPreFilter: true,
  },
  {
    name:
      'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) ' +
      'both are satisfied, will schedule onto the node',
    pod: podWithRequiredTerms([expressions({ key: 'foo', operator: 'Exists' })], { foo: 'bar' }),
    labels: { foo: 'bar' },
    runPreFilter: true,
  },
  {
    name:
      "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) " +
      "is not satisfied, won't schedule onto the node",
    pod: podWithRequiredTerms([expressions({ key: 'foo', operator: 'Exists' })], { foo: 'bar' }),
    labels: { foo: 'barrrrrr' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
    pod: podWithRequiredTerms([expressions({ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] })]),
    labels: { foo: 'bar' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: 'Pod with matchFields using In operator that matches the existing node',
    pod: podWithRequiredTerms([fields(nameIs('node1'))]),
    nodeName: 'node1',
    wantPreFilterNodeNames: ['node1'],
    runPreFilter: true,
  },
  {
    name: 'Pod with matchFields using In operator that does not match the existing node',
    pod: podWithRequiredTerms([fields(nameIs('node1'))]),
    nodeName: 'node2',
    wantStatus: unresolvable(ErrReasonPod),
    wantPreFilterNodeNames: ['node1'],
    runPreFilter: true,
  },
  {
    name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
    pod: podWithRequiredTerms([fields(nameIs('node1')), expressions({ key: 'foo', operator: 'In', values: ['bar'] })]),
    nodeName: 'node2',
    labels: { foo: 'bar' },
    runPreFilter: true,
  },
  {
    name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
    pod: podWithRequiredTerms([
      { matchFields: [nameIs('node1')], matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
    ]),
    nodeName: 'node2',
    labels: { foo: 'bar' },
    wantPreFilterNodeNames: ['node1'],
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: 'Pod with one term: both matchFields and matchExpressions match',
    pod: podWithRequiredTerms([
      { matchFields: [nameIs('node1')], matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
    ]),
    nodeName: 'node1',
    labels: { foo: 'bar' },
    wantPreFilterNodeNames: ['node1'],
    runPreFilter: true,
  },
  {
    name: 'Pod with two terms: both matchFields and matchExpressions do not match',
    pod: podWithRequiredTerms([
      fields(nameIs('node1')),
      expressions({ key: 'foo', operator: 'In', values: ['not-match-to-bar'] }),
    ]),
    nodeName: 'node2',
    labels: { foo: 'bar' },
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: 'Pod with two terms of node.Name affinity',
    pod: podWithRequiredTerms([fields(nameIs('node1')), fields(nameIs('node2'))]),
    nodeName: 'node2',
    wantPreFilterNodeNames: ['node1', 'node2'],
    runPreFilter: true,
  },
  {
    name: 'Pod with two conflicting mach field requirements',
    pod: podWithRequiredTerms([fields(nameIs('node1'), nameIs('node2'))]),
    nodeName: 'node2',
    labels: { foo: 'bar' },
    wantPreFilterStatus: unresolvable(ErrReasonConflict),
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: "Matches added affinity and Pod's node affinity",
    pod: podWithRequiredTerms([expressions({ key: 'zone', operator: 'In', values: ['foo'] })]),
    nodeName: 'node2',
    labels: { zone: 'foo' },
    args: addedRequired(fields(nameIs('node2'))),
    runPreFilter: true,
  },
  {
    name: "Matches added affinity but not Pod's node affinity",
    pod: podWithRequiredTerms([expressions({ key: 'zone', operator: 'In', values: ['bar'] })]),
    nodeName: 'node2',
    labels: { zone: 'foo' },
    args: addedRequired(fields(nameIs('node2'))),
    wantStatus: unresolvable(ErrReasonPod),
    runPreFilter: true,
  },
  {
    name: "Doesn't match added affinity",
    pod: { spec: { containers: [] } },
    nodeName: 'node2',
    labels: { zone: 'foo' },
    args: addedRequired(expressions({ key: 'zone', operator: 'In', values: ['bar'] })),
    wantStatus: unresolvable(ErrReasonEnforced),
    runPreFilter: true,
  },
  {
    name: 'Matches node selector correctly even if PreFilter is not called',
    pod: podWithNodeSelector({ foo: 'bar' }),
    labels: { foo: 'bar', baz: 'blah' },
    runPreFilter: false,
  },
  {
    name: 'Matches node affinity correctly even if PreFilter is not called',
    pod: podWithRequiredTerms([
      expressions({ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] }),
    ]),
    labels: { GPU: 'NVIDIA-GRID-K1' },
    runPreFilter: false,
  },
];

describe('NodeAffinity PreFilter and Filter (upstream TestNodeAffinity)', () => {
  it.each(cases)('$name', (testCase) => {
    const node = new NodeInfo({ metadata: { name: testCase.nodeName ?? '', labels: testCase.labels ?? {} } });
    const plugin = nodeAffinity(testCase.args);
    if (!isPreFilterPlugin(plugin) || !isFilterPlugin(plugin)) throw new Error('NodeAffinity must PreFilter and Filter');
    const state = new CycleState();
    const pod = buildPodInfo(testCase.pod);
    if (testCase.runPreFilter) {
      const result = plugin.preFilter(state, pod, clusterOf([]));
      expectStatus(result.status, testCase.wantPreFilterStatus ?? null);
      expect(result.nodeNames ? [...result.nodeNames].sort() : undefined).toEqual(testCase.wantPreFilterNodeNames);
    }
    expectStatus(plugin.filter(state, pod, node), testCase.wantStatus ?? null);
  });
});
