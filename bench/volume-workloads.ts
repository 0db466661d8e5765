/**
 * The cost of the volume plugins (issue 13): a StatefulSet placed on a
 * 5,000-node cluster whose 10,000 existing pods each use their own claim
 * (bound to a zonal CSI PersistentVolume; every node has a CSINode attach
 * limit), its replicas getting new claims from volumeClaimTemplates
 * (WaitForFirstConsumer, provisioned by the CSI driver), against the same
 * StatefulSet without claims on the same cluster without storage objects.
 * StatefulSet replicas differ (each has its hostname and, with templates,
 * its claim), so both rows schedule replica by replica.
 */
import type { V1PodSpec, V1StatefulSet } from '@kubernetes/client-node';
import type { ClusterObjects } from '../src/kube/cluster-objects.js';
import { basicSpec, existingPod, ZONES, type ClusterShape } from './synthetic-cluster.js';
import type { BenchWorkload } from './workloads.js';

const DRIVER = 'ebs.csi.aws.com';
const CLASS = 'gp3';
/** An m5.xlarge's EBS attach limit as the driver reports it. */
const ATTACH_LIMIT = 25;

/** One claim (and its bound PV in the node's zone) per existing pod, CSINodes, the StorageClass. */
function storageObjects(objects: ClusterObjects): void {
  objects.persistentVolumes = [];
  objects.persistentVolumeClaims = [];
  objects.csiNodes = objects.nodes.map((node) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: { name: node.metadata!.name! },
    spec: { drivers: [{ name: DRIVER, nodeID: node.metadata!.name!, allocatable: { count: ATTACH_LIMIT } }] },
  }));
  objects.storageClasses = [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: CLASS }, provisioner: DRIVER, volumeBindingMode: 'WaitForFirstConsumer' }];
  const zoneOf = new Map(objects.nodes.map((node, index) => [node.metadata!.name!, ZONES[index % ZONES.length]]));
  for (const pod of objects.pods) {
    const index = pod.metadata!.name!;
    const zone = zoneOf.get(pod.spec!.nodeName!)!;
    objects.persistentVolumes.push({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pv-${index}`, labels: { 'topology.kubernetes.io/zone': zone } },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: CLASS,
        claimRef: { namespace: 'default', name: `data-${index}` },
        csi: { driver: DRIVER, volumeHandle: `vol-${index}` },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] }] } },
      },
      status: { phase: 'Bound' },
    });
    objects.persistentVolumeClaims.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: `data-${index}`, namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: CLASS, volumeName: `pv-${index}`, resources: { requests: { storage: '10Gi' } } },
      status: { phase: 'Bound' },
    });
  }
}

function statefulSet(name: string, replicas: number, withClaims: boolean): V1StatefulSet {
  const labels = { app: name };
  const spec: V1PodSpec = basicSpec();
  if (withClaims) spec.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/data' }];
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec },
      ...(withClaims && {
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: CLASS, resources: { requests: { storage: '10Gi' } } } }],
      }),
    },
  };
}

/** The pair of rows: without volumes (the baseline), then with 10,000 claims in the cluster and one per replica. */
export function volumeBenchWorkloads(nodes: number, existingPods: number, replicas: number): BenchWorkload[] {
  const withVolumes: ClusterShape = {
    nodes,
    existingPods,
    existingPod: (index, nodeName) => existingPod(index, nodeName, { app: `existing-${index % 50}` }, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-existing-${index}` } }] }),
    extraObjects: storageObjects,
  };
  return [
    { name: 'statefulset-no-volumes', cluster: { nodes, existingPods }, workload: statefulSet('db', replicas, false) },
    { name: `statefulset-volumes(${existingPods}-claims)`, cluster: withVolumes, workload: statefulSet('db', replicas, true) },
  ];
}
