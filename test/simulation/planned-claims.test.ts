/**
 * The claims a plan's StatefulSets and ephemeral volumes create join the
 * cluster before scheduling (issue 13): an existing claim of the same name is
 * kept (it pins the replica to its disk), a missing one is created with the
 * DefaultStorageClass admission plugin's class.
 */
import { describe, expect, it } from 'vitest';
import { prepareSimulation } from '../../src/simulation/run-simulation.js';
import { defaultStorageClass } from '../../src/simulation/planned-claims.js';
import { clusterOf, makeNode } from '../support/builders.js';

type Json = Record<string, any>;

const statefulSet = (templateSpec: Json): Json => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, ...templateSpec } }],
  },
});

const defaultClass = (name: string, created: string): Json => ({
  metadata: { name, creationTimestamp: created, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'pd.csi.storage.gke.io',
  volumeBindingMode: 'WaitForFirstConsumer',
});

describe('planned claims', () => {
  it('keeps an existing claim of the template name and creates the missing one with the default class', () => {
    const existing = { metadata: { name: 'data-db-0', namespace: 'default' }, spec: { volumeName: 'pv-a', storageClassName: 'old' } };
    const cluster = clusterOf([makeNode('n1').obj()], [], {
      persistentVolumeClaims: [existing],
      storageClasses: [defaultClass('older', '2024-01-01T00:00:00Z'), defaultClass('newer', '2025-01-01T00:00:00Z')] as never,
    });
    const prepared = prepareSimulation(cluster, [statefulSet({})], undefined, { priorityClasses: [] });
    const claims = prepared.cluster.objects.storage.persistentVolumeClaims;
    expect(claims.get('default/data-db-0')).toBe(existing);
    expect(claims.get('default/data-db-1')?.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'newer' });
    // The topology's own catalog is untouched.
    expect(cluster.objects.storage.persistentVolumeClaims.has('default/data-db-1')).toBe(false);
  });

  it('leaves an explicit empty class alone (DefaultStorageClass only fills an unset one)', () => {
    const cluster = clusterOf([makeNode('n1').obj()], [], { storageClasses: [defaultClass('standard', '2025-01-01T00:00:00Z')] as never });
    const prepared = prepareSimulation(cluster, [statefulSet({ storageClassName: '' })], undefined, { priorityClasses: [] });
    expect(prepared.cluster.objects.storage.persistentVolumeClaims.get('default/data-db-0')?.spec?.storageClassName).toBe('');
  });

  it('picks the newest default class, then the lowest name', () => {
    expect(defaultStorageClass([defaultClass('b', '2025-01-01T00:00:00Z'), defaultClass('a', '2025-01-01T00:00:00Z'), defaultClass('c', '2024-01-01T00:00:00Z')] as never)?.metadata?.name).toBe('a');
    expect(defaultStorageClass([{ metadata: { name: 'plain' } }] as never)).toBeUndefined();
  });
});
