import { describe, expect, it } from 'vitest';
import type { V1PriorityClass } from '@kubernetes/client-node';
import { admitPodPriority } from '../../../src/scheduling/model/pod-priority.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const priorityClass = (name: string, value: number, extra: Partial<V1PriorityClass> = {}): V1PriorityClass => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...extra,
});

const withClass = (name: string) => {
  const pod = makePod('p').obj();
  pod.spec!.priorityClassName = name;
  return pod;
};

// As plugin/pkg/admission/priority/admission.go admitPod.
describe('admitPodPriority', () => {
  const classes = [
    priorityClass('batch', 100, { preemptionPolicy: 'Never' }),
    priorityClass('default-low', 10, { globalDefault: true }),
    priorityClass('default-lower', 5, { globalDefault: true }),
  ];

  it('keeps spec.priority when admission already set it', () => {
    const pod = makePod('p').priority(42).obj();
    pod.spec!.priorityClassName = 'batch';
    expect(admitPodPriority(pod, classes).spec?.priority).toBe(42);
  });

  it('resolves a named class, taking its preemptionPolicy', () => {
    expect(admitPodPriority(withClass('batch'), classes).spec).toMatchObject({ priority: 100, preemptionPolicy: 'Never' });
  });

  it('knows the built-in system classes without PriorityClass objects', () => {
    expect(admitPodPriority(withClass('system-cluster-critical'), []).spec?.priority).toBe(2000000000);
    expect(admitPodPriority(withClass('system-node-critical'), []).spec?.priority).toBe(2000001000);
  });

  it('uses the lowest globalDefault class for pods naming none, else 0', () => {
    expect(admitPodPriority(makePod('p').obj(), classes).spec).toMatchObject({ priority: 5, preemptionPolicy: 'PreemptLowerPriority' });
    expect(admitPodPriority(makePod('p').obj(), []).spec?.priority).toBe(0);
  });

  it('returns the same object when nothing needs filling in', () => {
    const pod = makePod('p').priority(7).obj();
    pod.spec!.preemptionPolicy = 'PreemptLowerPriority';
    expect(admitPodPriority(pod, classes)).toBe(pod);
  });

  it('is applied to the bound pods of a topology', () => {
    const cluster = clusterOf([makeNode('n').obj()], [{ ...withClass('batch'), spec: { ...withClass('batch').spec!, nodeName: 'n' } }], {
      priorityClasses: classes,
    });
    expect(cluster.node('n')?.pods.map((pod) => pod.priority)).toEqual([100]);
  });
});
