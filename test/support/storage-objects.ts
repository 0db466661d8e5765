/**
 * Storage objects as `kubectl get pv,pvc,storageclass,csinode,csidriver -o json`
 * prints them on a GKE cluster (managedFields, annotations and status
 * conditions included, so stripping has something to strip).
 */
type Json = Record<string, any>;

export const ZONE = 'topology.kubernetes.io/zone';

export function persistentVolume(name: string, zone: string, extra: Json = {}): Json {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      labels: { [ZONE]: zone, 'topology.kubernetes.io/region': 'us-east1' },
      annotations: { 'pv.kubernetes.io/provisioned-by': 'pd.csi.storage.gke.io', 'volume.beta.kubernetes.io/storage-class': 'standard-rwo' },
      finalizers: ['kubernetes.io/pv-protection'],
      managedFields: [{ manager: 'csi-provisioner', operation: 'Update' }],
      uid: `uid-${name}`,
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: `claim-${name}`, uid: `uid-claim-${name}`, resourceVersion: '123' },
      csi: { driver: 'pd.csi.storage.gke.io', fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': 'x' }, volumeHandle: `projects/p/zones/${zone}/disks/${name}` },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [zone] }] }] } },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard-rwo',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound', lastPhaseTransitionTime: '2025-01-01T00:00:00Z' },
    ...extra,
  };
}

export function persistentVolumeClaim(name: string, volumeName?: string, extra: Json = {}): Json {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' }, finalizers: ['kubernetes.io/pvc-protection'], uid: `uid-${name}` },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: 'standard-rwo',
      volumeMode: 'Filesystem',
      ...(volumeName !== undefined && { volumeName }),
    },
    status: { phase: volumeName === undefined ? 'Pending' : 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
    ...extra,
  };
}

export function storageClass(name: string, extra: Json = {}): Json {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, annotations: { 'components.gke.io/layer': 'addon' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
    parameters: { type: 'pd-balanced' },
    provisioner: 'pd.csi.storage.gke.io',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    ...extra,
  };
}

export function csiNode(name: string, count: number): Json {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: `uid-${name}` }] },
    spec: { drivers: [{ name: 'pd.csi.storage.gke.io', nodeID: `projects/p/zones/z/instances/${name}`, allocatable: { count }, topologyKeys: [ZONE] }] },
  };
}

export function csiDriver(name: string): Json {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: { name },
    spec: { attachRequired: true, fsGroupPolicy: 'ReadWriteOnceWithFSType', podInfoOnMount: false, requiresRepublish: false, storageCapacity: false, volumeLifecycleModes: ['Persistent'] },
  };
}

/** A VolumeAttachment as the attach/detach controller makes it for a CSI PV (status as the external-attacher writes it). */
export function volumeAttachment(name: string, nodeName: string, pvName: string, extra: Json = {}): Json {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'VolumeAttachment',
    metadata: { name, annotations: { 'csi.alpha.kubernetes.io/node-id': `projects/p/zones/z/instances/${nodeName}` }, finalizers: ['external-attacher/pd-csi-storage-gke-io'] },
    spec: { attacher: 'pd.csi.storage.gke.io', nodeName, source: { persistentVolumeName: pvName } },
    status: { attached: true, attachmentMetadata: { devicePath: '/dev/sdb' } },
    ...extra,
  };
}
