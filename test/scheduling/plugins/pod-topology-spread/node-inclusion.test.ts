import type { V1NodeSelectorTerm, V1Taint, V1Toleration } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  findMatchingUntoleratedTaint,
  isDoNotScheduleTaint,
  tolerationToleratesTaint as toleratesTaint,
} from '../../../../src/scheduling/plugins/helper/tolerations.js';
import { RequiredNodeAffinity } from '../../../../src/scheduling/plugins/node-affinity/required-node-affinity.js';

/** The DoNotSchedule taint check node inclusion (nodeTaintsPolicy: Honor) uses. */
const findUntoleratedDoNotScheduleTaint = (taints: V1Taint[], tolerations: V1Toleration[]) =>
  findMatchingUntoleratedTaint(taints, tolerations, isDoNotScheduleTaint);
import { makePod } from '../../../support/builders.js';

const affinity = (terms: V1NodeSelectorTerm[], nodeSelector?: Record<string, string>) => {
  const pod = makePod('p').requiredNodeTerms(terms);
  if (nodeSelector) pod.nodeSelector(nodeSelector);
  return RequiredNodeAffinity.of(pod.obj());
};

// Semantics of component-helpers/scheduling/corev1/nodeaffinity (GetRequiredNodeAffinity, LazyErrorNodeSelector).
describe('RequiredNodeAffinity (nodeSelector + required node affinity)', () => {
  it('matches every node when the pod has neither', () => {
    expect(RequiredNodeAffinity.of(makePod('p').obj()).matches({ name: 'node-a', labels: {} })).toBe(true);
  });

  it('requires every nodeSelector pair, then one matching term', () => {
    const required = affinity([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1', 'z2'] }] }], { disk: 'ssd' });
    expect(required.matches({ name: 'n', labels: { disk: 'ssd', zone: 'z2' } })).toBe(true);
    expect(required.matches({ name: 'n', labels: { disk: 'hdd', zone: 'z2' } })).toBe(false);
    expect(required.matches({ name: 'n', labels: { disk: 'ssd', zone: 'z3' } })).toBe(false);
  });

  it('ORs terms and ANDs the expressions of a term', () => {
    const required = affinity([
      {
        matchExpressions: [
          { key: 'a', operator: 'Exists' },
          { key: 'b', operator: 'DoesNotExist' },
        ],
      },
      { matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['x'] }] },
    ]);
    expect(required.matches({ name: 'n', labels: { a: '', c: 'x' } })).toBe(true);
    expect(required.matches({ name: 'n', labels: { a: '', b: '', c: 'y' } })).toBe(true);
    expect(required.matches({ name: 'n', labels: { a: '', b: '', c: 'x' } })).toBe(false);
  });

  it('compares Gt and Lt as 64-bit integers; unparsable label values never match', () => {
    const greater = affinity([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }]);
    expect(greater.matches({ name: 'n', labels: { cores: '16' } })).toBe(true);
    expect(greater.matches({ name: 'n', labels: { cores: '+9' } })).toBe(true);
    expect(greater.matches({ name: 'n', labels: { cores: '8' } })).toBe(false);
    expect(greater.matches({ name: 'n', labels: { cores: 'many' } })).toBe(false);
    expect(greater.matches({ name: 'n', labels: {} })).toBe(false);
    const less = affinity([{ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['10'] }] }]);
    expect(less.matches({ name: 'n', labels: { gen: '9' } })).toBe(true);
    expect(less.matches({ name: 'n', labels: { gen: '9223372036854775808' } })).toBe(false);
    // labels.NewRequirement validates every value as a label value too: "-1" is not one, so the term matches nothing.
    const negative = affinity([{ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['-1'] }] }]);
    expect(negative.matches({ name: 'n', labels: { gen: '-2' } })).toBe(false);
  });

  it('matches fields on metadata.name only; other fields read as empty', () => {
    expect(affinity([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }]).matches({ name: 'node-a', labels: {} })).toBe(true);
    expect(affinity([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-a'] }] }]).matches({ name: 'node-a', labels: {} })).toBe(false);
    expect(affinity([{ matchFields: [{ key: 'metadata.uid', operator: 'In', values: [''] }] }]).matches({ name: 'node-a', labels: {} })).toBe(true);
  });

  it('treats empty terms and an empty term list as matching nothing', () => {
    expect(affinity([{}]).matches({ name: 'n', labels: { a: '' } })).toBe(false);
    expect(affinity([]).matches({ name: 'n', labels: { a: '' } })).toBe(false);
  });

  it('never matches with a term that does not parse, but still tries the others', () => {
    const invalid: V1NodeSelectorTerm = { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1', '2'] }] };
    expect(affinity([invalid]).matches({ name: 'n', labels: { a: '5' } })).toBe(false);
    expect(affinity([invalid, { matchExpressions: [{ key: 'a', operator: 'Exists' }] }]).matches({ name: 'n', labels: { a: '5' } })).toBe(true);
    expect(affinity([{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }]).matches({ name: 'n', labels: { a: '' } })).toBe(false);
    expect(affinity([{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }]).matches({ name: 'n', labels: {} })).toBe(false);
  });
});

const taint = (key: string, effect: V1Taint['effect'], value?: string): V1Taint => ({ key, effect, ...(value ? { value } : {}) });

// Semantics of core/v1 Toleration.ToleratesTaint and FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc.
describe('toleratesTaint', () => {
  it.each<[string, V1Toleration, V1Taint, boolean]>([
    ['equal key and value', { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint('k', 'NoSchedule', 'v'), true],
    ['empty operator means Equal', { key: 'k', value: 'v' }, taint('k', 'NoExecute', 'v'), true],
    ['different value', { key: 'k', value: 'v' }, taint('k', 'NoSchedule', 'w'), false],
    ['Exists ignores the value', { key: 'k', operator: 'Exists' }, taint('k', 'NoSchedule', 'w'), true],
    ['empty key with Exists tolerates every taint', { operator: 'Exists' }, taint('any', 'NoExecute'), true],
    ['different effect', { key: 'k', operator: 'Exists', effect: 'NoSchedule' }, taint('k', 'NoExecute'), false],
    ['unknown operator', { key: 'k', operator: 'Like' }, taint('k', 'NoSchedule'), false],
  ])('%s', (_, toleration, taintToCheck, expected) => {
    expect(toleratesTaint(toleration, taintToCheck)).toBe(expected);
  });
});

describe('findUntoleratedDoNotScheduleTaint', () => {
  it('ignores PreferNoSchedule taints and returns the first untolerated NoSchedule/NoExecute one', () => {
    const taints = [taint('soft', 'PreferNoSchedule'), taint('a', 'NoSchedule'), taint('b', 'NoExecute')];
    expect(findUntoleratedDoNotScheduleTaint(taints, [])).toEqual(taint('a', 'NoSchedule'));
    expect(findUntoleratedDoNotScheduleTaint(taints, [{ key: 'a', operator: 'Exists' }])).toEqual(taint('b', 'NoExecute'));
    expect(findUntoleratedDoNotScheduleTaint(taints, [{ operator: 'Exists' }])).toBeUndefined();
    expect(findUntoleratedDoNotScheduleTaint([taint('soft', 'PreferNoSchedule')], [])).toBeUndefined();
  });
});
