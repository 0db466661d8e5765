import type { V1Taint, V1Toleration } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  findMatchingUntoleratedTaint,
  isDoNotScheduleTaint,
  tolerationToleratesTaint,
} from '../../../../src/scheduling/plugins/helper/tolerations.js';

// Modelled on kubernetes/kubernetes staging/src/k8s.io/api/core/v1/toleration_test.go, TestTolerationToleratesTaint.
const cases: { name: string; toleration: V1Toleration; taint: V1Taint; tolerates: boolean }[] = [
  {
    name: 'toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated',
    toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    taint: { key: 'foo', effect: 'NoSchedule' },
    tolerates: true,
  },
  {
    name: 'toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated',
    toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    tolerates: true,
  },
  {
    name: 'toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated',
    toleration: { key: '', operator: 'Exists', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    tolerates: true,
  },
  {
    name: 'toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated',
    toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    tolerates: true,
  },
  {
    name: 'toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated',
    toleration: { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'value2', effect: 'NoSchedule' },
    tolerates: false,
  },
  {
    name: 'toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated',
    toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'bar', effect: 'NoExecute' },
    tolerates: false,
  },
  {
    name: 'an empty operator defaults to Equal',
    toleration: { key: 'foo', value: 'bar' },
    taint: { key: 'foo', value: 'bar', effect: 'NoExecute' },
    tolerates: true,
  },
  {
    name: 'comparison operators are off by default (TaintTolerationComparisonOperators), so they tolerate nothing',
    toleration: { key: 'foo', operator: 'Gt', value: '1' },
    taint: { key: 'foo', value: '2', effect: 'NoSchedule' },
    tolerates: false,
  },
];

describe('tolerationToleratesTaint', () => {
  it.each(cases)('$name', ({ toleration, taint, tolerates }) => {
    expect(tolerationToleratesTaint(toleration, taint)).toBe(tolerates);
  });
});

describe('findMatchingUntoleratedTaint', () => {
  it('returns the first untolerated taint in scope, in node order', () => {
    const taints: V1Taint[] = [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoExecute' },
    ];
    expect(findMatchingUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }], isDoNotScheduleTaint)).toEqual(taints[2]);
    expect(findMatchingUntoleratedTaint(taints, [{ operator: 'Exists' }], isDoNotScheduleTaint)).toBeUndefined();
  });
});
