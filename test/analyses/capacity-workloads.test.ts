/** The pods capacity tries: controllers expanded with maxReplicas (inside Lists too), a bare Pod repeated under new names. */
import { describe, expect, it } from 'vitest';
import { capacityPods, withReplicas } from '../../src/what-if/capacity-workloads.js';
import { expandWorkloads } from '../../src/kube/workloads.js';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'c' }] } };
const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'c' }] } } },
};

describe('capacity workloads', () => {
  it.each([
    { name: 'a controller gets spec.replicas', input: statefulSet, expected: { ...statefulSet, spec: { ...statefulSet.spec, replicas: 7 } } },
    { name: 'a List has every item rewritten', input: { kind: 'List', items: [statefulSet, pod] }, expected: { kind: 'List', items: [{ ...statefulSet, spec: { ...statefulSet.spec, replicas: 7 } }, pod] } },
    { name: 'a Pod is left for capacityPods to repeat', input: pod, expected: pod },
    { name: 'anything else is left for validation to refuse', input: 'not an object', expected: 'not an object' },
  ])('$name', ({ input, expected }) => {
    expect(withReplicas(input, 7)).toEqual(expected);
  });

  it('expands a StatefulSet to maxReplicas ordinals', () => {
    const [expanded] = expandWorkloads([withReplicas(statefulSet, 3)], { priorityClasses: [], existingPodNames: new Set() });
    expect(capacityPods(expanded, 3).map((candidate) => candidate.metadata?.name)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it('repeats a bare Pod as <name>-<n>, the first keeping its name', () => {
    const [expanded] = expandWorkloads([pod], { priorityClasses: [], existingPodNames: new Set() });
    expect(capacityPods(expanded, 3).map((candidate) => candidate.metadata?.name)).toEqual(['solo', 'solo-1', 'solo-2']);
  });
});
