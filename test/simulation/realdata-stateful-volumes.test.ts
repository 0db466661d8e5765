/**
 * The StatefulSets with volumeClaimTemplates in ../shared/realdata (the
 * zookeeper example, kubevious-gke's MySQL, GitLab Gitaly and Redis) planned
 * on a cluster that holds their claims and zonal PVs (issue 13). The captures
 * carry no PVs, so this fixture builds them: three zones, and for each
 * template and ordinal a claim `<template>-<statefulset>-<ordinal>` bound to a
 * PV in zone ordinal mod 3. Every replica must land in its PV's zone and name
 * its claims and PVs. The captures are required: a missing folder fails.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { parseDocuments } from '../../src/kube/documents.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { formatOf, readRealdata, realdataFiles } from '../kube/realdata.js';

type Json = Record<string, any>;

const ZONE = 'topology.kubernetes.io/zone';
const ZONES = ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'];
const FILES = [
  'workloads/k8s-website-examples/zookeeper.yaml',
  'kubevious-gke/workloads/kubevious-kubevious-mysql.yaml',
  'kubevious-gke/workloads/gitlab-gitlab-gitaly.yaml',
  'kubevious-gke/workloads/gitlab-gitlab-redis-server.yaml',
];

function statefulSetsIn(path: string): Json[] {
  return (parseDocuments(readRealdata(path), formatOf(path)) as Json[]).filter((document) => document.kind === 'StatefulSet' && Array.isArray(document.spec?.volumeClaimTemplates));
}

/** Three zones of three roomy nodes each, a default zonal StorageClass, and one bound claim + PV per template and ordinal. */
function fixture(statefulSet: Json): unknown[] {
  const namespace = statefulSet.metadata.namespace ?? 'default';
  const name = statefulSet.metadata.name;
  const nodes = ZONES.flatMap((zone) =>
    [1, 2, 3].map((index) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `${zone}-${index}`, labels: { [ZONE]: zone, 'kubernetes.io/hostname': `${zone}-${index}`, 'kubernetes.io/os': 'linux' } },
      status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' }, capacity: { cpu: '16', memory: '64Gi', pods: '110' } },
    })),
  );
  const storage: unknown[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard-rwo', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'pd.csi.storage.gke.io', volumeBindingMode: 'WaitForFirstConsumer' },
  ];
  for (const template of statefulSet.spec.volumeClaimTemplates as Json[]) {
    for (let ordinal = 0; ordinal < (statefulSet.spec.replicas ?? 1); ordinal++) {
      const claim = `${template.metadata.name}-${name}-${ordinal}`;
      const volume = `pv-${claim}`;
      const size = template.spec.resources.requests.storage;
      storage.push(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: volume },
          spec: {
            capacity: { storage: size },
            accessModes: template.spec.accessModes,
            storageClassName: 'standard-rwo',
            claimRef: { namespace, name: claim },
            csi: { driver: 'pd.csi.storage.gke.io', volumeHandle: `projects/p/zones/${ZONES[ordinal % 3]}/disks/${volume}` },
            nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [ZONES[ordinal % 3]] }] }] } },
          },
          status: { phase: 'Bound' },
        },
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: claim, namespace, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
          spec: { accessModes: template.spec.accessModes, storageClassName: 'standard-rwo', volumeName: volume, resources: { requests: { storage: size } } },
          status: { phase: 'Bound' },
        },
      );
    }
  }
  return [...nodes, ...storage];
}

const cases = FILES.flatMap((path) => {
  // Fails (not skips) when the captures are missing.
  if (!realdataFiles(path.split('/').slice(0, -1).join('/')).includes(path)) throw new Error(`${path} is missing from ../shared/realdata`);
  return statefulSetsIn(path).map((statefulSet) => ({ name: `${path}: ${statefulSet.metadata.name}`, statefulSet }));
});

describe('realdata StatefulSets with volumeClaimTemplates on a cluster holding their zonal PVs', () => {
  it('finds the four StatefulSets', () => {
    expect(cases.map((entry) => entry.statefulSet.metadata.name)).toEqual(['zk', 'kubevious-mysql', 'gitlab-gitaly', 'gitlab-redis-server']);
  });

  it.each(cases)('$name: each replica in the zone of its PVs', ({ statefulSet }) => {
    const imported = importCluster(fixture(statefulSet));
    const cluster = ClusterState.fromObjects(imported.objects);
    const prepared = prepareSimulation(cluster, [statefulSet], undefined, imported.objects);
    const placements = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result.placements;
    const templates = (statefulSet.spec.volumeClaimTemplates as Json[]).map((template) => template.metadata.name);
    expect(placements).toHaveLength(statefulSet.spec.replicas ?? 1);
    placements.forEach((placement, ordinal) => {
      expect({ pod: placement.pod, zone: placement.zone, message: placement.node === null ? placement.message : '' }).toEqual({ pod: `${statefulSet.metadata.name}-${ordinal}`, zone: ZONES[ordinal % 3], message: '' });
      expect(placement.volumes).toEqual(
        templates.map((template) => {
          const claim = `${template}-${statefulSet.metadata.name}-${ordinal}`;
          return { claim, volume: `pv-${claim}`, provisioned: false };
        }),
      );
    });
  });
});
