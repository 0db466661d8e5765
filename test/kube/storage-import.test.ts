import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../src/kube/field-error.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { csiDriver, csiNode, persistentVolume, persistentVolumeClaim, storageClass, ZONE } from '../support/storage-objects.js';

type Json = Record<string, any>;

const volumeAttachment = (name: string, apiVersion: string, source: Json, status?: Json): Json => ({
  apiVersion,
  kind: 'VolumeAttachment',
  metadata: { name, annotations: { 'csi.alpha.kubernetes.io/node-id': 'projects/p/zones/z/instances/n1' }, finalizers: ['external-attacher/pd-csi-storage-gke-io'] },
  spec: { attacher: 'pd.csi.storage.gke.io', nodeName: 'n1', source },
  ...(status && { status }),
});

const node = (name: string): Json => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { [ZONE]: 'us-east1-b' } },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
});

function importErrors(objects: unknown[]): FieldError[] {
  try {
    importCluster(objects);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected an InvalidInputError');
}

describe('importCluster: storage objects', () => {
  it('keeps PVs, claims, StorageClasses, CSINodes and CSIDrivers, stripped to what the volume plugins read', () => {
    const { objects, warnings, dropped } = importCluster([
      node('n1'),
      persistentVolume('pv-b', 'us-east1-b'),
      persistentVolumeClaim('claim-pv-b', 'pv-b'),
      storageClass('standard-rwo'),
      csiNode('n1', 127),
      csiDriver('pd.csi.storage.gke.io'),
    ]);
    expect(warnings).toEqual([]);
    expect(objects.persistentVolumes).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: 'pv-b',
          uid: 'uid-pv-b',
          labels: { [ZONE]: 'us-east1-b', 'topology.kubernetes.io/region': 'us-east1' },
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'standard-rwo' },
        },
        spec: {
          accessModes: ['ReadWriteOnce'],
          capacity: { storage: '10Gi' },
          claimRef: { namespace: 'default', name: 'claim-pv-b', uid: 'uid-claim-pv-b' },
          csi: { driver: 'pd.csi.storage.gke.io', volumeHandle: 'projects/p/zones/us-east1-b/disks/pv-b' },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['us-east1-b'] }] }] } },
          storageClassName: 'standard-rwo',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      },
    ]);
    expect(objects.persistentVolumeClaims).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        // The bind-completed annotation is kept: VolumeBinding's isPVCFullyBound reads it.
        metadata: { name: 'claim-pv-b', namespace: 'default', uid: 'uid-claim-pv-b', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'standard-rwo', volumeMode: 'Filesystem', volumeName: 'pv-b' },
        status: { phase: 'Bound' },
      },
    ]);
    expect(objects.storageClasses).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'standard-rwo', labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
        provisioner: 'pd.csi.storage.gke.io',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
    ]);
    expect(objects.csiNodes).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSINode',
        metadata: { name: 'n1', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'uid-n1' }] },
        spec: { drivers: [{ name: 'pd.csi.storage.gke.io', allocatable: { count: 127 }, topologyKeys: [ZONE] }] },
      },
    ]);
    expect(objects.csiDrivers).toEqual([
      { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'pd.csi.storage.gke.io' }, spec: { attachRequired: true, storageCapacity: false } },
    ]);
    expect(dropped).toMatchObject({
      'metadata.managedFields': 1,
      'spec.persistentVolumeReclaimPolicy': 1,
      'spec.csi.fsType': 1,
      'spec.csi.volumeAttributes': 1,
      'spec.claimRef.resourceVersion': 1,
      parameters: 1,
      reclaimPolicy: 1,
      'spec.drivers.nodeID': 1,
      'spec.fsGroupPolicy': 1,
    });
  });

  it("keeps a CSINode's migrated-plugins annotation (VolumeBinding reads it, binder.go isPluginMigratedToCSIOnNode) and no other", () => {
    const annotated = { ...csiNode('n1', 39), metadata: { name: 'n1', annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': 'kubernetes.io/aws-ebs,kubernetes.io/gce-pd', 'other.example/note': 'x' } } };
    const { objects } = importCluster([node('n1'), annotated]);
    expect(objects.csiNodes?.[0]?.metadata).toEqual({ name: 'n1', annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': 'kubernetes.io/aws-ebs,kubernetes.io/gce-pd' } });
  });

  it('reads StorageClasses and CSINodes from storage.k8s.io/v1beta1 and stores them as v1', () => {
    const { objects, warnings } = importCluster([
      node('n1'),
      { ...storageClass('old'), apiVersion: 'storage.k8s.io/v1beta1' },
      { ...csiNode('n1', 16), apiVersion: 'storage.k8s.io/v1beta1' },
    ]);
    expect(warnings).toEqual([]);
    expect(objects.storageClasses?.map((object) => object.apiVersion)).toEqual(['storage.k8s.io/v1']);
    expect(objects.csiNodes?.map((object) => object.apiVersion)).toEqual(['storage.k8s.io/v1']);
  });

  it('keeps CSIStorageCapacity objects (v1, and v1beta1 stored as v1) with what VolumeBinding reads, by class in the engine state', () => {
    const capacity = (name: string, apiVersion: string, extra: Json = {}): Json => ({
      apiVersion,
      kind: 'CSIStorageCapacity',
      metadata: { name, namespace: 'kube-system', generateName: 'csisc-', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'csi-provisioner', uid: 'u1' }] },
      storageClassName: 'standard-rwo',
      nodeTopology: { matchLabels: { [ZONE]: 'us-east1-b' } },
      capacity: '100Gi',
      ...extra,
    });
    const { objects, warnings } = importCluster([node('n1'), capacity('csisc-b', 'storage.k8s.io/v1', { maximumVolumeSize: '16Ti' }), capacity('csisc-old', 'storage.k8s.io/v1beta1')]);
    expect(warnings).toEqual([]);
    expect(objects.csiStorageCapacities).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSIStorageCapacity',
        metadata: expect.objectContaining({ name: 'csisc-b', namespace: 'kube-system' }),
        storageClassName: 'standard-rwo',
        nodeTopology: { matchLabels: { [ZONE]: 'us-east1-b' } },
        capacity: '100Gi',
        maximumVolumeSize: '16Ti',
      },
      expect.objectContaining({ apiVersion: 'storage.k8s.io/v1', metadata: expect.objectContaining({ name: 'csisc-old' }), capacity: '100Gi' }),
    ]);
    const { storage } = ClusterState.fromObjects(objects).objects;
    expect(storage.csiStorageCapacities.get('standard-rwo')?.map((object) => object.metadata?.name)).toEqual(['csisc-b', 'csisc-old']);
  });

  it('keeps VolumeAttachments (v1, and v1beta1 stored as v1) stripped to node, attacher and PV, by node in the engine state', () => {
    const { objects, warnings, dropped } = importCluster([
      node('n1'),
      volumeAttachment('csi-0123', 'storage.k8s.io/v1', { persistentVolumeName: 'pv-b' }, { attached: true, attachmentMetadata: { devicePath: '/dev/xvdba' } }),
      volumeAttachment('csi-inline', 'storage.k8s.io/v1beta1', { inlineVolumeSpec: { csi: { driver: 'pd.csi.storage.gke.io', volumeHandle: 'disk-9' }, accessModes: ['ReadWriteOnce'] } }),
    ]);
    expect(warnings).toEqual([]);
    expect(objects.volumeAttachments).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: expect.objectContaining({ name: 'csi-0123' }),
        spec: { attacher: 'pd.csi.storage.gke.io', nodeName: 'n1', source: { persistentVolumeName: 'pv-b' } },
      },
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: expect.objectContaining({ name: 'csi-inline' }),
        spec: { attacher: 'pd.csi.storage.gke.io', nodeName: 'n1', source: {} },
      },
    ]);
    expect(dropped).toMatchObject({ status: 1, 'spec.source.inlineVolumeSpec': 1 });
    const { storage } = ClusterState.fromObjects(objects).objects;
    expect(storage.volumeAttachments.get('n1')?.map((object) => object.metadata?.name)).toEqual(['csi-0123', 'csi-inline']);
  });

  it('defaults an unset volumeBindingMode to Immediate, as storage/v1 defaulting does', () => {
    const { volumeBindingMode: _unset, ...withoutMode } = storageClass('legacy');
    const { objects } = importCluster([node('n1'), withoutMode]);
    expect(objects.storageClasses?.[0].volumeBindingMode).toBe('Immediate');
  });

  it('keeps the claim a pod volume names and the identifying fields of disk sources', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'db-0', namespace: 'default' },
      spec: {
        nodeName: 'n1',
        containers: [{ name: 'db', image: 'postgres' }],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0', readOnly: false } },
          { name: 'disk', gcePersistentDisk: { pdName: 'disk-1', fsType: 'ext4', readOnly: true } },
          { name: 'config', configMap: { name: 'db-config', defaultMode: 420 } },
        ],
      },
    };
    const { objects, dropped } = importCluster([node('n1'), pod]);
    expect(objects.pods[0].spec?.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0', readOnly: false } },
      { name: 'disk', gcePersistentDisk: { pdName: 'disk-1', readOnly: true } },
      { name: 'config', configMap: {} },
    ]);
    expect(dropped).toMatchObject({ 'spec.volumes.gcePersistentDisk.fsType': 1, 'spec.volumes.configMap': 1 });
  });

  it('counts claims in their namespace and refuses a second claim of one name there', () => {
    const errors = importErrors([node('n1'), persistentVolumeClaim('data'), persistentVolumeClaim('data')]);
    expect(errors).toEqual([{ path: 'objects[2].metadata.name', message: 'Duplicate value: PersistentVolumeClaim "default/data" is already defined at objects[1]' }]);
    const { objects } = importCluster([node('n1'), persistentVolumeClaim('data'), persistentVolumeClaim('data', undefined, { metadata: { name: 'data', namespace: 'other' } })]);
    expect(objects.persistentVolumeClaims).toHaveLength(2);
  });

  it('accepts a claim bound to a PV the dump lacks, as the API server does (the plugins report it)', () => {
    const { objects } = importCluster([node('n1'), persistentVolumeClaim('orphan', 'pv-missing')]);
    expect(objects.persistentVolumeClaims?.[0].spec?.volumeName).toBe('pv-missing');
  });

  it('carries the storage objects into the engine state, indexed as the plugins look them up', () => {
    const { objects } = importCluster([
      node('n1'),
      persistentVolume('pv-b', 'us-east1-b'),
      persistentVolumeClaim('claim-pv-b', 'pv-b', { metadata: { name: 'claim-pv-b', namespace: 'db' } }),
      storageClass('standard-rwo'),
      csiNode('n1', 127),
      csiDriver('pd.csi.storage.gke.io'),
    ]);
    const { storage } = ClusterState.fromObjects(objects).objects;
    expect(storage.persistentVolumes.get('pv-b')?.spec?.csi?.volumeHandle).toBe('projects/p/zones/us-east1-b/disks/pv-b');
    expect(storage.persistentVolumeClaims.get('db/claim-pv-b')?.spec?.volumeName).toBe('pv-b');
    expect(storage.storageClasses.get('standard-rwo')?.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(storage.csiNodes.get('n1')?.spec.drivers[0].allocatable?.count).toBe(127);
    expect(storage.csiDrivers.get('pd.csi.storage.gke.io')?.spec.attachRequired).toBe(true);
  });

  it('gives revisions stored before storage objects were imported an empty storage catalog', () => {
    const { objects } = importCluster([node('n1')]);
    const { persistentVolumes: _pv, persistentVolumeClaims: _pvc, storageClasses: _sc, csiNodes: _cn, csiDrivers: _cd, ...legacy } = objects;
    const { storage } = ClusterState.fromObjects(legacy).objects;
    expect([storage.persistentVolumes.size, storage.persistentVolumeClaims.size, storage.storageClasses.size, storage.csiNodes.size, storage.csiDrivers.size]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('importCluster: storage objects the API server would refuse', () => {
  const cases: { name: string; object: Json; errors: FieldError[] }[] = [
    {
      name: 'a StorageClass with an unknown volumeBindingMode',
      object: storageClass('sc', { volumeBindingMode: 'WaitForFirstConsumr' }),
      errors: [{ path: 'objects[1].volumeBindingMode', message: 'Unsupported value: "WaitForFirstConsumr": supported values: "Immediate", "WaitForFirstConsumer"' }],
    },
    {
      name: 'a CSIStorageCapacity without a storage class, with a negative capacity and a bad nodeTopology operator',
      object: {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSIStorageCapacity',
        metadata: { name: 'csisc', namespace: 'kube-system' },
        nodeTopology: { matchExpressions: [{ key: ZONE, operator: 'Within', values: ['a'] }] },
        capacity: '-1Gi',
      },
      errors: [
        { path: 'objects[1].storageClassName', message: 'Required value' },
        expect.objectContaining({ path: 'objects[1].nodeTopology.matchExpressions[0].operator' }),
        { path: 'objects[1].capacity', message: 'Invalid value: "-1Gi": must be greater than or equal to 0' },
      ],
    },
    {
      name: 'a StorageClass without a provisioner',
      object: storageClass('sc', { provisioner: '' }),
      errors: [{ path: 'objects[1].provisioner', message: 'Required value' }],
    },
    {
      name: 'allowedTopologies with a requirement without values and an invalid key',
      object: storageClass('sc', { allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE, values: [] }, { key: 'not a key', values: ['a'] }] }] }),
      errors: [
        { path: 'objects[1].allowedTopologies[0].matchLabelExpressions[0].values', message: 'Required value: must specify as least one value' },
        expect.objectContaining({ path: 'objects[1].allowedTopologies[0].matchLabelExpressions[1].key' }),
      ],
    },
    {
      name: 'allowedTopologies repeating a key in a term, and repeating a term',
      object: storageClass('sc', {
        allowedTopologies: [
          { matchLabelExpressions: [{ key: ZONE, values: ['a'] }] },
          { matchLabelExpressions: [{ key: ZONE, values: ['a'] }, { key: ZONE, values: ['b'] }] },
          { matchLabelExpressions: [{ key: ZONE, values: ['a'] }] },
        ],
      }),
      errors: [
        { path: 'objects[1].allowedTopologies[1].matchLabelExpressions[1].key', message: `Duplicate value: "${ZONE}"` },
        { path: 'objects[1].allowedTopologies[2].matchLabelExpressions', message: 'Duplicate value: ""' },
      ],
    },
    {
      name: 'a PV whose nodeAffinity has no required selector',
      object: persistentVolume('pv', 'z', { spec: { ...persistentVolume('pv', 'z').spec, nodeAffinity: {} } }),
      errors: [{ path: 'objects[1].spec.nodeAffinity.required', message: 'Required value: must specify required node constraints' }],
    },
    {
      name: 'a PV whose nodeAffinity has no terms and a bad operator',
      object: persistentVolume('pv', 'z', {
        spec: { ...persistentVolume('pv', 'z').spec, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'Within', values: ['z'] }] }] } } },
      }),
      errors: [expect.objectContaining({ path: 'objects[1].spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].operator' })],
    },
    {
      name: 'a PV without access modes or capacity',
      object: persistentVolume('pv', 'z', { spec: { csi: { driver: 'd', volumeHandle: 'h' } } }),
      errors: [
        { path: 'objects[1].spec.accessModes', message: 'Required value' },
        { path: 'objects[1].spec.capacity', message: 'Required value' },
      ],
    },
    {
      name: 'a PV with a capacity other than storage and an unknown access mode',
      object: persistentVolume('pv', 'z', { spec: { ...persistentVolume('pv', 'z').spec, accessModes: ['ReadWriteSometimes'], capacity: { storage: '1Gi', cpu: '1' } } }),
      errors: [
        { path: 'objects[1].spec.accessModes[0]', message: 'Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"' },
        { path: 'objects[1].spec.capacity', message: 'Unsupported value: ["storage","cpu"]: supported values: "storage"' },
      ],
    },
    {
      name: 'a claim mixing ReadWriteOncePod with another mode',
      object: persistentVolumeClaim('c', undefined, { spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
      errors: [{ path: 'objects[1].spec.accessModes', message: 'Forbidden: may not use ReadWriteOncePod with other access modes' }],
    },
    {
      name: 'a claim without a storage request',
      object: persistentVolumeClaim('c', undefined, { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: {} } } }),
      errors: [{ path: 'objects[1].spec.resources.requests.storage', message: 'Required value' }],
    },
    {
      name: 'a claim asking for zero bytes',
      object: persistentVolumeClaim('c', undefined, { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } } }),
      errors: [{ path: 'objects[1].spec.resources.requests.storage', message: 'Invalid value: "0": must be greater than zero' }],
    },
    {
      name: 'a CSINode with a negative attach limit and a repeated driver',
      object: { ...csiNode('n1', -1), spec: { drivers: [{ name: 'd', allocatable: { count: -1 } }, { name: 'd' }] } },
      errors: [
        { path: 'objects[1].spec.drivers[0].allocatable.count', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'objects[1].spec.drivers[1].name', message: 'Duplicate value: "d"' },
      ],
    },
    {
      name: 'a VolumeAttachment without an attacher, source or node',
      object: { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'va' }, spec: { nodeName: '' } },
      errors: [
        { path: 'objects[1].spec.attacher', message: 'Required value' },
        { path: 'objects[1].spec.source', message: 'Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName' },
        expect.objectContaining({ path: 'objects[1].spec.nodeName', message: expect.stringMatching(/^Invalid value: "": a lowercase RFC 1123 subdomain/) }),
      ],
    },
    {
      name: 'a VolumeAttachment naming both a PV and an inline spec',
      object: volumeAttachment('va', 'storage.k8s.io/v1', { persistentVolumeName: 'pv-b', inlineVolumeSpec: { csi: { driver: 'd', volumeHandle: 'h' } } }),
      errors: [{ path: 'objects[1].spec.source', message: 'Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName' }],
    },
    {
      name: 'a VolumeAttachment with an empty PV name, an invalid attacher and a string for status.attached',
      object: {
        ...volumeAttachment('va', 'storage.k8s.io/v1', { persistentVolumeName: '' }, { attached: 'yes' }),
        spec: { attacher: 'Not A Driver!', nodeName: 'n1', source: { persistentVolumeName: '' } },
      },
      errors: [
        expect.objectContaining({ path: 'objects[1].spec.attacher', message: expect.stringMatching(/^Invalid value: "Not A Driver!": a lowercase RFC 1123 subdomain/) }),
        { path: 'objects[1].spec.source.persistentVolumeName', message: 'Required value: must specify non empty persistentVolumeName' },
        { path: 'objects[1].status.attached', message: 'must be a boolean' },
      ],
    },
  ];

  it.each(cases)('$name', ({ object, errors }) => {
    expect(importErrors([node('n1'), object])).toEqual(errors);
  });
});
