/**
 * VolumeBinding's CSI translation of in-tree PVs (binder.go checkBoundClaims
 * → tryTranslatePVToCSI), ported from upstream:
 * - pkg/scheduler/framework/plugins/volumebinding/binder_test.go
 *   TestFindPodVolumesWithCSIMigration (scenario names kept; fixtures
 *   migrationPVBound, node1Zone1/2, csiNode1Migrated/NotMigrated);
 * - csi-translation-lib plugins/in_tree_volume_test.go
 *   TestTranslateTopologyFromInTreeToCSI.
 * TestCheckBindingsWithCSIMigration checks PreBind's binding wait, which
 * podplan does not simulate. The last table holds podplan's own cases for
 * the other migrated plugins (their keys from plugins/aws_ebs.go,
 * openstack_cinder.go, azure_disk.go).
 */
import type { V1CSINode, V1NodeSelectorTerm, V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { buildStorageCatalog } from '../../../../src/scheduling/model/storage-catalog.js';
import { translateTopologyFromInTreeToCsi } from '../../../../src/scheduling/plugins/helper/csi-topology-translation.js';
import { ErrReasonNodeConflict, findPodVolumes } from '../../../../src/scheduling/plugins/volume-binding/find-pod-volumes.js';
import { podVolumeClaims } from '../../../../src/scheduling/plugins/volume-binding/pod-volume-claims.js';
import { clusterOf } from '../../../support/builders.js';

const GCE_PD_TOPOLOGY_KEY = 'topology.gke.io/zone';
const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const GA_ZONE = 'topology.kubernetes.io/zone';
const GA_REGION = 'topology.kubernetes.io/region';
const MIGRATED_PLUGINS = 'storage.alpha.kubernetes.io/migrated-plugins';

const waitClass: V1StorageClass = { metadata: { name: 'waitClass' }, volumeBindingMode: 'WaitForFirstConsumer', provisioner: 'kubernetes.io/no-provisioner' };

/** boundMigrationPVC: makeTestPVC("pvc-migration-bound", "1G", "", pvcBound, "pv-migration-bound", "1", &waitClass). */
const boundMigrationPVC: V1PersistentVolumeClaim = {
  metadata: { name: 'pvc-migration-bound', namespace: 'testns', uid: 'pvc-uid', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
  spec: { resources: { requests: { storage: '1G' } }, storageClassName: 'waitClass', volumeMode: 'Filesystem', volumeName: 'pv-migration-bound' },
};

/** makeTestPVForCSIMigration(zone1Labels, boundMigrationPVC): no node affinity, zone in the (beta) labels, a GCE PD source. */
function migrationPV(labels: Record<string, string>, source: Partial<V1PersistentVolume['spec']> & object, nodeAffinity?: V1NodeSelectorTerm[]): V1PersistentVolume {
  return {
    metadata: { name: 'pv-migration-bound', labels },
    spec: {
      capacity: { storage: '1G' },
      storageClassName: 'waitClass',
      volumeMode: 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', name: 'pvc-migration-bound', namespace: 'testns', uid: 'pvc-uid' },
      ...source,
      ...(nodeAffinity && { nodeAffinity: { required: { nodeSelectorTerms: nodeAffinity } } }),
    },
    status: { phase: 'Available' },
  };
}

const zone1Labels = { [BETA_ZONE]: 'us-east-1', [BETA_REGION]: 'us-east-1a' };
const gcePD = { gcePersistentDisk: { pdName: 'test-disk', fsType: 'ext4', partition: 0, readOnly: false } };
const migrationPVBound = migrationPV(zone1Labels, gcePD);

/** makeCSINode(name, migratedPlugin). */
const makeCSINode = (name: string, migratedPlugin: string): V1CSINode => ({ metadata: { name, annotations: { [MIGRATED_PLUGINS]: migratedPlugin } }, spec: { drivers: [] } });
const csiNode1Migrated = makeCSINode('node1', 'kubernetes.io/gce-pd');
const csiNode1NotMigrated = makeCSINode('node1', '');

interface Scenario {
  name: string;
  pv?: V1PersistentVolume;
  nodeLabels: Record<string, string>;
  csiNode?: V1CSINode;
  reasons?: string[];
  error?: RegExp;
}

/** As upstream's run: the claims of the pod, then FindPodVolumes on node1 with the scenario's CSINode. */
function run({ pv = migrationPVBound, nodeLabels, csiNode }: Scenario) {
  const node1 = clusterOf([{ metadata: { name: 'node1', labels: nodeLabels } }]).nodes[0];
  const storage = buildStorageCatalog({
    persistentVolumes: [pv],
    persistentVolumeClaims: [boundMigrationPVC],
    storageClasses: [waitClass],
    csiNodes: csiNode ? [csiNode] : [],
    csiDrivers: [],
    csiStorageCapacities: [],
  });
  const pod = buildPodInfo({
    metadata: { name: 'test-pod', namespace: 'testns', uid: 'test-pod-uid' },
    spec: { nodeName: 'node1', containers: [], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'pvc-migration-bound' } }] },
  });
  const claims = podVolumeClaims(pod, storage);
  if (claims === undefined || typeof claims === 'string') throw new Error(`unexpected claims: ${String(claims)}`);
  return findPodVolumes(claims, [], node1, storage);
}

function expectScenario(scenario: Scenario): void {
  const found = run(scenario);
  if (scenario.error) {
    expect(found).toEqual({ error: expect.stringMatching(scenario.error) });
    return;
  }
  expect('error' in found ? found : found.reasons).toEqual(scenario.reasons ?? []);
}

const node1Zone1 = { [GCE_PD_TOPOLOGY_KEY]: 'us-east-1' };
const node1Zone2 = { [GCE_PD_TOPOLOGY_KEY]: 'us-east-2' };

describe('binder: TestFindPodVolumesWithCSIMigration', () => {
  it.each<Scenario>([
    { name: 'pvc-bound', nodeLabels: node1Zone1, csiNode: csiNode1Migrated },
    { name: 'pvc-bound,csinode-not-migrated', nodeLabels: node1Zone1, csiNode: csiNode1NotMigrated },
    { name: 'pvc-bound,missing-csinode', nodeLabels: node1Zone1 },
    { name: 'pvc-bound,node-different-zone', nodeLabels: node1Zone2, csiNode: csiNode1Migrated, reasons: [ErrReasonNodeConflict] },
  ])('$name', expectScenario);
});

const useast1aGALabels = { [GA_ZONE]: 'us-east1-a', [GA_REGION]: 'us-east1' };
const term = (...expressions: [string, string][]): V1NodeSelectorTerm => ({ matchExpressions: expressions.map(([key, value]) => ({ key, operator: 'In', values: [value] })) });
const useast1aGANodeSelectorTermZoneFirst = [term([GA_ZONE, 'us-east1-a'], [GA_REGION, 'us-east1'])];
const uswest2bBetaNodeSelectorTermZoneFirst = [term([BETA_ZONE, 'us-west2-b'], [BETA_REGION, 'us-west2'])];

describe('in_tree_volume: TestTranslateTopologyFromInTreeToCSI', () => {
  it.each([
    {
      name: 'Replace GA Kubernetes Zone Topology to GCE CSI Topology',
      pv: migrationPV(useast1aGALabels, gcePD, useast1aGANodeSelectorTermZoneFirst),
      expected: [term([GCE_PD_TOPOLOGY_KEY, 'us-east1-a'], [GA_REGION, 'us-east1'])],
    },
    {
      name: 'Replace Beta Kubernetes Topology to GCE CSI Topology and upgrade region label',
      pv: migrationPV(useast1aGALabels, gcePD, uswest2bBetaNodeSelectorTermZoneFirst),
      expected: [term([GCE_PD_TOPOLOGY_KEY, 'us-west2-b'], [GA_REGION, 'us-west2'])],
    },
  ])('$name', ({ pv, expected }) => {
    expect(translateTopologyFromInTreeToCsi(pv, GCE_PD_TOPOLOGY_KEY)?.required?.nodeSelectorTerms).toEqual(expected);
  });

  it('leaves the PV it was given unchanged (the translation is a copy)', () => {
    const pv = migrationPV(useast1aGALabels, gcePD, useast1aGANodeSelectorTermZoneFirst);
    const before = structuredClone(pv);
    translateTopologyFromInTreeToCsi(pv, GCE_PD_TOPOLOGY_KEY);
    expect(pv).toEqual(before);
  });
});

const EBS_KEY = 'topology.ebs.csi.aws.com/zone';
const gaZoneAffinity = (zone: string) => [term([GA_ZONE, zone])];

describe('tryTranslatePVToCSI for the other migrated plugins', () => {
  it.each<Scenario>([
    {
      name: 'AWS EBS migrated: the zone affinity needs the EBS CSI topology label',
      pv: migrationPV({}, { awsElasticBlockStore: { volumeID: 'aws://us-east-1a/vol-0123' } }, gaZoneAffinity('us-east-1a')),
      nodeLabels: { [GA_ZONE]: 'us-east-1a' },
      csiNode: makeCSINode('node1', 'kubernetes.io/aws-ebs'),
      reasons: [ErrReasonNodeConflict],
    },
    {
      name: 'AWS EBS migrated, node with the EBS CSI topology label',
      pv: migrationPV({}, { awsElasticBlockStore: { volumeID: 'vol-0123' } }, gaZoneAffinity('us-east-1a')),
      nodeLabels: { [EBS_KEY]: 'us-east-1a' },
      csiNode: makeCSINode('node1', 'kubernetes.io/gce-pd,kubernetes.io/aws-ebs'),
    },
    {
      name: 'AWS EBS not migrated on the node: the in-tree affinity is checked',
      pv: migrationPV({}, { awsElasticBlockStore: { volumeID: 'vol-0123' } }, gaZoneAffinity('us-east-1a')),
      nodeLabels: { [GA_ZONE]: 'us-east-1a' },
      csiNode: makeCSINode('node1', 'kubernetes.io/gce-pd'),
    },
    {
      name: 'AWS EBS with a malformed volume ID: upstream cannot translate it, an error',
      pv: migrationPV({}, { awsElasticBlockStore: { volumeID: 'aws://us-east-1a/not-a-volume' } }, gaZoneAffinity('us-east-1a')),
      nodeLabels: { [EBS_KEY]: 'us-east-1a' },
      csiNode: makeCSINode('node1', 'kubernetes.io/aws-ebs'),
      error: /^could not translate pv: Invalid format for AWS volume/,
    },
    {
      name: 'Cinder migrated: the zone affinity needs the Cinder CSI topology label',
      pv: migrationPV({}, { cinder: { volumeID: 'c-1' } }, gaZoneAffinity('nova')),
      nodeLabels: { 'topology.cinder.csi.openstack.org/zone': 'nova' },
      csiNode: makeCSINode('node1', 'kubernetes.io/cinder'),
    },
    {
      name: 'Azure Disk migrated: its translation keeps the in-tree affinity',
      pv: migrationPV({}, { azureDisk: { diskName: 'd', diskURI: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d' } }, gaZoneAffinity('eastus-1')),
      nodeLabels: { [GA_ZONE]: 'eastus-1' },
      csiNode: makeCSINode('node1', 'kubernetes.io/azure-disk'),
    },
  ])('$name', expectScenario);
});
