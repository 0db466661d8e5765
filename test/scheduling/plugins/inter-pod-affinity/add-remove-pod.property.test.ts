import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { V1LabelSelectorRequirement, V1Pod, V1PodAffinityTerm } from '@kubernetes/client-node';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { InterPodAffinityPreFilterState } from '../../../../src/scheduling/plugins/inter-pod-affinity/prefilter-state.js';
import { clusterOf, makeNamespace } from '../../../support/builders.js';
import { affinity, node, pod } from './fixtures.js';
import { snapshotOf } from './state-snapshot.js';

// Two zones, one node without a zone label, so terms can miss their topology key.
const nodes = [
  node('n1', { zone: 'z1', hostname: 'n1' }),
  node('n2', { zone: 'z1', hostname: 'n2' }),
  node('n3', { zone: 'z2', hostname: 'n3' }),
  node('n4', { hostname: 'n4' }),
];
const nodeNames = nodes.map((candidate) => candidate.metadata!.name!);
const namespaces = [makeNamespace('default', { team: 'a' }), makeNamespace('other', { team: 'b' })];

const labelsArbitrary = fc.record({ app: fc.constantFrom('web', 'db'), tier: fc.constantFrom('front', 'back') }, { requiredKeys: [] });
const requirementArbitrary: fc.Arbitrary<V1LabelSelectorRequirement> = fc
  .tuple(fc.constantFrom('app', 'tier'), fc.constantFrom('In', 'NotIn', 'Exists'))
  .map(([key, operator]): V1LabelSelectorRequirement => {
    if (operator === 'Exists') return { key, operator };
    return { key, operator, values: operator === 'In' ? ['web', 'front'] : ['db'] };
  });
const termArbitrary: fc.Arbitrary<V1PodAffinityTerm> = fc.record({
  topologyKey: fc.constantFrom('zone', 'hostname', 'rack'),
  labelSelector: fc.record({ matchExpressions: fc.array(requirementArbitrary, { minLength: 1, maxLength: 2 }) }),
  namespaceSelector: fc.option(fc.constantFrom({}, { matchLabels: { team: 'b' } }), { nil: undefined }),
});
const podShape = fc.record({
  namespace: fc.constantFrom('default', 'other'),
  labels: labelsArbitrary,
  required: fc.array(termArbitrary, { maxLength: 2 }),
  antiRequired: fc.array(termArbitrary, { maxLength: 2 }),
  node: fc.constantFrom(...nodeNames),
});
type PodShape = typeof podShape extends fc.Arbitrary<infer T> ? T : never;

const toPod = (name: string, shape: PodShape, bound: boolean): V1Pod =>
  pod(name, {
    namespace: shape.namespace,
    labels: shape.labels as Record<string, string>,
    node: bound ? shape.node : undefined,
    affinity: affinity({ required: shape.required, antiRequired: shape.antiRequired }),
  });

describe('InterPodAffinity AddPod/RemovePod against a fresh PreFilter', () => {
  it('adding then removing a pod matches PreFilter over the cluster with and without it', () => {
    const numRuns = 300;
    let runsWhereAddingChangedState = 0;
    fc.assert(
      fc.property(podShape, fc.array(podShape, { maxLength: 8 }), podShape, (incomingShape, existingShapes, addedShape) => {
        const incoming = buildPodInfo(toPod('incoming', incomingShape, false));
        const existing = existingShapes.map((shape, index) => toPod(`existing-${index}`, shape, true));
        const added = toPod('added', addedShape, true);
        const without = clusterOf(nodes, existing, { namespaces });
        const withAdded = clusterOf(nodes, [...existing, added], { namespaces });

        const state = InterPodAffinityPreFilterState.compute(incoming, without);
        const before = snapshotOf(state);
        state.updateWithPod(buildPodInfo(added), without.node(addedShape.node)!, 1);
        const afterAdd = snapshotOf(state);
        expect(afterAdd).toEqual(snapshotOf(InterPodAffinityPreFilterState.compute(incoming, withAdded)));
        if (!isDeepStrictEqual(afterAdd, before)) runsWhereAddingChangedState++;
        state.updateWithPod(buildPodInfo(added), without.node(addedShape.node)!, -1);
        expect(snapshotOf(state)).toEqual(before);
      }),
      { seed: 20250101, numRuns },
    );
    // Guard against a generator that never makes AddPod matter.
    expect(runsWhereAddingChangedState).toBeGreaterThan(numRuns / 4);
  });
});
