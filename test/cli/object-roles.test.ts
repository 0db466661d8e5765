/** The -f rule: what already runs is the cluster, what does not is placed. */
import { describe, expect, it } from 'vitest';
import { assignObjectRoles } from '../../src/cli/input/object-roles.js';
import type { SourceObject } from '../../src/cli/input/source-objects.js';

function source(kind: string, name: string, extra: { namespace?: string; owner?: [string, string]; nodeName?: string } = {}): SourceObject {
  const metadata: Record<string, unknown> = { name };
  if (extra.namespace) metadata.namespace = extra.namespace;
  if (extra.owner) metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: extra.owner[0], name: extra.owner[1], uid: 'u' }];
  const spec = extra.nodeName ? { nodeName: extra.nodeName } : {};
  return { kind, path: `input.yaml[${name}]`, object: { apiVersion: kind === 'Pod' || kind === 'Node' ? 'v1' : 'apps/v1', kind, metadata, spec } };
}

function withLabels(object: SourceObject, labels: Record<string, string>): SourceObject {
  const metadata = object.object.metadata as Record<string, unknown>;
  return { ...object, object: { ...object.object, metadata: { ...metadata, labels } } };
}

function roles(objects: SourceObject[]) {
  const { cluster, workloads } = assignObjectRoles(objects);
  const label = (object: SourceObject) => `${object.kind}/${(object.object.metadata as { name: string }).name}`;
  return { cluster: cluster.map(label), workloads: workloads.map(label) };
}

describe('assignObjectRoles', () => {
  const cases: { name: string; objects: SourceObject[]; cluster: string[]; workloads: string[] }[] = [
    {
      name: 'nodes and other cluster kinds are cluster state; a bare Deployment is a workload',
      objects: [source('Node', 'n1'), source('Namespace', 'shop'), source('PriorityClass', 'high'), source('Deployment', 'web')],
      cluster: ['Node/n1', 'Namespace/shop', 'PriorityClass/high'],
      workloads: ['Deployment/web'],
    },
    {
      name: 'a pod with spec.nodeName runs; one without is pending and placed',
      objects: [source('Pod', 'bound', { nodeName: 'n1' }), source('Pod', 'pending')],
      cluster: ['Pod/bound'],
      workloads: ['Pod/pending'],
    },
    {
      name: 'a Deployment runs when a pod is owned by one of its ReplicaSets',
      objects: [
        source('Deployment', 'api', { namespace: 'shop' }),
        source('ReplicaSet', 'api-1', { namespace: 'shop', owner: ['Deployment', 'api'] }),
        source('Pod', 'api-1-x', { namespace: 'shop', owner: ['ReplicaSet', 'api-1'], nodeName: 'n1' }),
      ],
      cluster: ['Deployment/api', 'ReplicaSet/api-1', 'Pod/api-1-x'],
      workloads: [],
    },
    {
      name: 'a Deployment runs when a pod names its ReplicaSet <deployment>-<pod-template-hash>, the ReplicaSet absent (kubectl get deploy,pods)',
      objects: [
        source('Deployment', 'coredns', { namespace: 'kube-system' }),
        withLabels(source('Pod', 'coredns-789f8477df-knmwr', { namespace: 'kube-system', owner: ['ReplicaSet', 'coredns-789f8477df'], nodeName: 'n1' }), { 'pod-template-hash': '789f8477df' }),
        // Without the label the owner name proves nothing: this pod's ReplicaSet api-v2 is not Deployment api's.
        source('Deployment', 'api', { namespace: 'kube-system' }),
        source('Pod', 'api-v2-x', { namespace: 'kube-system', owner: ['ReplicaSet', 'api-v2'], nodeName: 'n1' }),
      ],
      cluster: ['Deployment/coredns', 'Pod/coredns-789f8477df-knmwr', 'Pod/api-v2-x'],
      workloads: ['Deployment/api'],
    },
    {
      name: 'ownership is per namespace: the same names elsewhere are still workloads',
      objects: [
        source('Deployment', 'api', { namespace: 'staging' }),
        source('ReplicaSet', 'api-1', { namespace: 'staging' }),
        source('Pod', 'api-1-x', { namespace: 'shop', owner: ['ReplicaSet', 'api-1'], nodeName: 'n1' }),
      ],
      cluster: ['Pod/api-1-x'],
      workloads: ['Deployment/api', 'ReplicaSet/api-1'],
    },
    {
      name: 'a StatefulSet with a pod (even a pending one) runs; the pending pod is placed',
      objects: [source('StatefulSet', 'db'), source('Pod', 'db-0', { owner: ['StatefulSet', 'db'] })],
      cluster: ['StatefulSet/db'],
      workloads: ['Pod/db-0'],
    },
    {
      name: 'a namespace left out means default, for owners and owned alike',
      objects: [source('ReplicaSet', 'rs', { namespace: 'default' }), source('Pod', 'rs-x', { owner: ['ReplicaSet', 'rs'], nodeName: 'n1' })],
      cluster: ['ReplicaSet/rs', 'Pod/rs-x'],
      workloads: [],
    },
    {
      name: 'kinds podplan does not read go to the importer, which skips them with a warning',
      objects: [source('CronJob', 'nightly'), source('Deployment', 'web')],
      cluster: ['CronJob/nightly'],
      workloads: ['Deployment/web'],
    },
  ];

  it.each(cases)('$name', ({ objects, cluster, workloads }) => {
    expect(roles(objects)).toEqual({ cluster, workloads });
  });
});
