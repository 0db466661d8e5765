/**
 * The claims a plan's controllers create (issue 13): StatefulSet
 * volumeClaimTemplates → `<template>-<statefulset>-<ordinal>` per replica
 * with the pod volume naming it (stateful_set_utils.go getPersistentVolumeClaims,
 * updateStorage); generic ephemeral volumes → `<pod>-<volume>` owned by the
 * pod; validation as apps ValidateStatefulSetSpec.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { expandWorkloads, type WorkloadContext } from '../../src/kube/workloads.js';

type Json = Record<string, any>;

const context: WorkloadContext = { priorityClasses: [], existingPodNames: new Set() };

const claimTemplate = (name: string, extra: Json = {}): Json => ({
  metadata: { name, labels: { tier: 'storage' } },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } }, ...extra },
});

function statefulSet(templates: Json[], volumes: Json[] = []): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'data' },
    spec: {
      replicas: 2,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }], volumes } },
      volumeClaimTemplates: templates,
    },
  };
}

describe('StatefulSet volumeClaimTemplates', () => {
  it('gives each replica a claim <template>-<statefulset>-<ordinal> and a volume naming it', () => {
    const [db] = expandWorkloads([statefulSet([claimTemplate('data'), claimTemplate('wal')], [{ name: 'config', configMap: { name: 'db' } }])], context);
    expect(db.pods.map((pod) => pod.spec!.volumes)).toEqual([
      [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0', readOnly: false } },
        { name: 'wal', persistentVolumeClaim: { claimName: 'wal-db-0', readOnly: false } },
        { name: 'config', configMap: {} },
      ],
      [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-db-1', readOnly: false } },
        { name: 'wal', persistentVolumeClaim: { claimName: 'wal-db-1', readOnly: false } },
        { name: 'config', configMap: {} },
      ],
    ]);
    expect(db.claims.map((claim) => claim.metadata!.name)).toEqual(['data-db-0', 'wal-db-0', 'data-db-1', 'wal-db-1']);
    expect(db.claims[0]).toMatchObject({
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-db-0', namespace: 'data', labels: { tier: 'storage', app: 'db' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
      status: { phase: 'Pending' },
    });
  });

  it('replaces a template volume of the same name with the claim', () => {
    const [db] = expandWorkloads([statefulSet([claimTemplate('data')], [{ name: 'data', emptyDir: {} }])], context);
    expect(db.pods[1].spec!.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1', readOnly: false } }]);
  });

  it('refuses templates kube-apiserver refuses, with field paths', () => {
    const bad = statefulSet([{ metadata: {}, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }, { metadata: { name: 'x' }, spec: { accessModes: ['Sometimes'] } }]);
    let thrown: unknown;
    try {
      expandWorkloads([bad], context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as InvalidInputError).errors.map((error) => error.path)).toEqual([
      'workloads[0].spec.volumeClaimTemplates[0].metadata.name',
      'workloads[0].spec.volumeClaimTemplates[1].spec.accessModes[0]',
      'workloads[0].spec.volumeClaimTemplates[1].spec.resources.requests.storage',
    ]);
  });
});

describe('generic ephemeral volumes', () => {
  it('create the claim <pod>-<volume>, owned by the pod', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'jobs' },
      spec: {
        containers: [{ name: 'c', image: 'busybox' }],
        volumes: [{ name: 'tmp', ephemeral: { volumeClaimTemplate: { metadata: { labels: { kind: 'scratch' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }],
      },
    };
    const [workload] = expandWorkloads([pod], context);
    expect(workload.claims).toHaveLength(1);
    expect(workload.claims[0]).toMatchObject({
      metadata: { name: 'scratch-tmp', namespace: 'jobs', labels: { kind: 'scratch' }, ownerReferences: [{ kind: 'Pod', name: 'scratch', uid: workload.pods[0].metadata!.uid, controller: true }] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(workload.pods[0].spec!.volumes![0].ephemeral!.volumeClaimTemplate!.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
  });
});
