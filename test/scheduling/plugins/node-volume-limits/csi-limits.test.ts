/**
 * NodeVolumeLimits, ported from upstream pkg/scheduler/framework/plugins/
 * nodevolumelimits/csi_test.go TestCSILimits and TestVolumeLimitScalingGate
 * (v1.35), case names kept. The
 * fixtures are upstream's: getFakeCSIPVLister / getFakeCSIPVCLister make four
 * PVs and claims `csi-<driver>-<j>` per driver (in-tree EBS ones as
 * awsElasticBlockStore, hostpath ones as hostPath), plus `csi-4` (unbound,
 * class csi-sc), `csi-5` (no class) and `csi-6` (bound to a missing PV,
 * class csi-sc); csi-sc's provisioner is the case's first driver;
 * getNodeWithPodAndVolumeLimits makes node-for-max-pd-test-1 and its
 * CSINode; buildFakeClientWithVALister makes `vaCount` VolumeAttachments
 * `va-<driver>-<j>` of PV `csi-<driver>-<j>` on that node per driver.
 *
 * Not ported: the QueueingHint tables (podplan has no scheduling queue) and
 * TestCSILimits_DeferredResizeSkipped (in-place resize is not simulated).
 * Upstream's fake claim lister says `persistentvolumeclaims "…" not found`;
 * the informer lister kube-scheduler runs with says `persistentvolumeclaim`,
 * which is what podplan reports.
 */
import type { V1CSIDriver, V1CSINode, V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1Volume, V1VolumeAttachment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { nodeVolumeLimits } from '../../../../src/scheduling/plugins/node-volume-limits/index.js';
import { ErrReasonMaxVolumeCountExceeded, NodeVolumeLimits } from '../../../../src/scheduling/plugins/node-volume-limits/node-volume-limits-plugin.js';
import { resolveEmulation } from '../../../../src/scheduling/release/emulation.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';

const EBS = 'ebs.csi.aws.com';
const GCE = 'pd.csi.storage.gke.io';
const IN_TREE_EBS = 'kubernetes.io/aws-ebs';
const HOSTPATH = 'kubernetes.io/hostpath';
const SC_NAME = 'csi-sc';
const NODE = 'node-for-max-pd-test-1';

let podCounter = 0;
/** st.MakePod(): an unnamed pod in the default namespace; `.PVC(name)` adds a claim volume named after it. */
function podWith(volumes: V1Volume[], meta: { name?: string; namespace?: string; uid?: string } = {}): V1Pod {
  return { metadata: { name: meta.name ?? `pod-${++podCounter}`, namespace: meta.namespace ?? 'default', ...(meta.uid && { uid: meta.uid }) }, spec: { containers: [], volumes } };
}
const pvc = (claimName: string): V1Volume => ({ name: claimName, persistentVolumeClaim: { claimName } });
const podWithClaims = (...claims: string[]): V1Pod => podWith(claims.map(pvc));

function fakePersistentVolumes(driverNames: string[]): V1PersistentVolume[] {
  const volumes: V1PersistentVolume[] = [];
  for (const driver of driverNames) {
    for (let j = 0; j < 4; j++) {
      const handle = `csi-${driver}-${j}`;
      const spec =
        driver === IN_TREE_EBS ? { awsElasticBlockStore: { volumeID: handle } } : driver === HOSTPATH ? { hostPath: { path: '/tmp' } } : { csi: { driver, volumeHandle: handle } };
      volumes.push({ metadata: { name: handle }, spec });
    }
  }
  return volumes;
}

function fakeClaims(driverNames: string[]): V1PersistentVolumeClaim[] {
  const claims: V1PersistentVolumeClaim[] = [];
  for (const driver of driverNames) {
    for (let j = 0; j < 4; j++) claims.push({ metadata: { name: `csi-${driver}-${j}`, namespace: 'default' }, spec: { volumeName: `csi-${driver}-${j}` } });
  }
  claims.push({ metadata: { name: 'csi-4', namespace: 'default' }, spec: { storageClassName: SC_NAME } });
  claims.push({ metadata: { name: 'csi-5', namespace: 'default' }, spec: {} });
  // a pvc with missing PV but available storageclass.
  claims.push({ metadata: { name: 'csi-6', namespace: 'default' }, spec: { storageClassName: SC_NAME, volumeName: 'missing-in-action' } });
  return claims;
}

/** buildFakeClientWithVALister: `count` attachments per driver, of PVs csi-<driver>-0…, on the test node. */
function fakeVolumeAttachments(count: number, driverNames: string[]): V1VolumeAttachment[] {
  return driverNames.flatMap((driver) =>
    Array.from({ length: count }, (_, j) => ({
      metadata: { name: `va-${driver}-${j}` },
      spec: { nodeName: NODE, attacher: driver, source: { persistentVolumeName: `csi-${driver}-${j}` } },
    })),
  );
}

type LimitSource = 'csinode' | 'csinode-with-no-limit' | 'no-csi-driver' | '';

function csiNodeFor(limitSource: LimitSource, limit: number, driverNames: string[]): V1CSINode | undefined {
  if (limitSource === '') return undefined;
  const drivers = limitSource === 'no-csi-driver' ? [] : driverNames.map((name) => ({ name, nodeID: NODE, ...(limitSource === 'csinode' && { allocatable: { count: limit } }) }));
  return { metadata: { name: NODE }, spec: { drivers } };
}

const runningPod = podWithClaims(`csi-${EBS}-3`);
const pendingVolumePod = podWithClaims('csi-4');
// Different pod than pendingVolumePod, but using the same unbound PVC
const unboundPVCPod2 = podWithClaims('csi-4');
const missingPVPod = podWithClaims('csi-6');
const noSCPVCPod = podWithClaims('csi-5');
const gceTwoVolPod = podWithClaims(`csi-${GCE}-1`, `csi-${GCE}-2`);
// In-tree volumes
const inTreeOneVolPod = podWithClaims(`csi-${IN_TREE_EBS}-0`);
const inTreeTwoVolPod = podWithClaims(`csi-${IN_TREE_EBS}-1`, `csi-${IN_TREE_EBS}-2`);
// pods with matching csi driver names
const csiEBSOneVolPod = podWithClaims(`csi-${EBS}-0`);
const csiEBSTwoVolPod = podWithClaims(`csi-${EBS}-1`, `csi-${EBS}-2`);
const inTreeNonMigratableOneVolPod = podWithClaims(`csi-${HOSTPATH}-0`);

const ephemeral = (name: string): V1Volume => ({ name, ephemeral: {} });
const ephemeralVolumePod = podWith([ephemeral('xyz')], { name: 'abc', namespace: 'test', uid: '12345' });
const ownedClaim = (name: string, podName: string, uid: string): V1PersistentVolumeClaim => ({
  metadata: { name, namespace: 'test', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: podName, uid, controller: true }] },
  spec: { storageClassName: SC_NAME },
});
const ephemeralClaim = ownedClaim('abc-xyz', 'abc', '12345');
const conflictingClaim: V1PersistentVolumeClaim = { ...ephemeralClaim, metadata: { name: 'abc-xyz', namespace: 'test' } };
const ephemeralTwoVolumePod = podWith([ephemeral('x'), ephemeral('y')], { name: 'abc', namespace: 'test', uid: '12345II' });
const ephemeralClaimX = ownedClaim('abc-x', 'abc', '12345II');
const ephemeralClaimY = ownedClaim('abc-y', 'abc', '12345II');

const inTreeInlineVolPod = podWith([{ name: 'inline', awsElasticBlockStore: { volumeID: 'aws-inline1' } }]);
const inTreeInlineVolPodWithSameCSIVolumeID = podWith([{ name: 'inline', awsElasticBlockStore: { volumeID: `csi-${EBS}-1` } }]);
const configMapAndSecret: V1Volume[] = [
  { name: 'cm', configMap: {} },
  { name: 'secret', secret: {} },
];
const onlyConfigmapAndSecretVolPod = podWith(configMapAndSecret);
const pvcPodWithConfigmapAndSecret = podWith([...configMapAndSecret, pvc(`csi-${EBS}-0`)]);
const ephemeralPodWithConfigmapAndSecret = podWith([...configMapAndSecret, ephemeral('xyz')], { name: 'abc', namespace: 'test' });
const inlineMigratablePodWithConfigmapAndSecret = podWith([...configMapAndSecret, { name: 'inline', awsElasticBlockStore: { volumeID: 'aws-inline1' } }]);

interface Case {
  test: string;
  newPod: V1Pod;
  existingPods?: V1Pod[];
  extraClaims?: V1PersistentVolumeClaim[];
  maxVols?: number;
  vaCount?: number;
  driverNames: string[];
  limitSource?: LimitSource;
  wantStatus?: { code: Code; reason: string };
  wantPreFilterSkip?: boolean;
}

const exceeded = { code: Code.Unschedulable, reason: ErrReasonMaxVolumeCountExceeded };

const cases: Case[] = [
  { test: 'should count VolumeAttachments towards volume limit when no pods exist', newPod: csiEBSOneVolPod, existingPods: [], maxVols: 2, driverNames: [EBS], vaCount: 2, limitSource: 'csinode', wantStatus: exceeded },
  { test: 'should schedule pod when VolumeAttachments count does not exceed limit', newPod: csiEBSOneVolPod, existingPods: [], maxVols: 2, driverNames: [EBS], vaCount: 1, limitSource: 'csinode' },
  { test: 'fits when node volume limit >= new pods CSI volume', newPod: csiEBSOneVolPod, existingPods: [runningPod, csiEBSTwoVolPod], maxVols: 4, driverNames: [EBS], limitSource: 'csinode' },
  { test: "doesn't when node volume limit <= pods CSI volume", newPod: csiEBSOneVolPod, existingPods: [runningPod, csiEBSTwoVolPod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: 'should when driver does not support volume limits', newPod: csiEBSOneVolPod, existingPods: [runningPod, csiEBSTwoVolPod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode-with-no-limit' },
  // should count pending PVCs
  { test: 'count pending PVCs towards volume limit <= pods CSI volume', newPod: csiEBSOneVolPod, existingPods: [pendingVolumePod, csiEBSTwoVolPod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  // two same pending PVCs should be counted as 1
  { test: 'count multiple pending pvcs towards volume limit >= pods CSI volume', newPod: csiEBSOneVolPod, existingPods: [pendingVolumePod, unboundPVCPod2, csiEBSTwoVolPod], maxVols: 4, driverNames: [EBS], limitSource: 'csinode' },
  // should count PVCs with invalid PV name but valid SC
  { test: 'should count PVCs with invalid PV name but valid SC', newPod: csiEBSOneVolPod, existingPods: [missingPVPod, csiEBSTwoVolPod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  // don't count a volume which has storageclass missing
  { test: "don't count pvcs with missing SC towards volume limit", newPod: csiEBSOneVolPod, existingPods: [runningPod, noSCPVCPod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode' },
  // don't count multiple volume types
  { test: 'count pvcs with the same type towards volume limit', newPod: csiEBSOneVolPod, existingPods: [gceTwoVolPod, csiEBSTwoVolPod], maxVols: 2, driverNames: [EBS, GCE], limitSource: 'csinode', wantStatus: exceeded },
  { test: "don't count pvcs with different type towards volume limit", newPod: gceTwoVolPod, existingPods: [csiEBSTwoVolPod, runningPod], maxVols: 2, driverNames: [EBS, GCE], limitSource: 'csinode' },
  // Tests for in-tree volume migration
  { test: 'should count in-tree volumes if migration is enabled', newPod: inTreeOneVolPod, existingPods: [inTreeTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: 'nil csi node', newPod: inTreeInlineVolPod, existingPods: [inTreeTwoVolPod], driverNames: [IN_TREE_EBS, EBS] },
  { test: 'should count unbound in-tree volumes if migration is enabled', newPod: pendingVolumePod, existingPods: [inTreeTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: 'should not limit pod if volume used does not report limits', newPod: inTreeOneVolPod, existingPods: [inTreeTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode-with-no-limit' },
  { test: 'should not count non-migratable in-tree volumes', newPod: inTreeNonMigratableOneVolPod, existingPods: [csiEBSTwoVolPod], maxVols: 2, driverNames: [HOSTPATH, EBS], limitSource: 'csinode' },
  { test: 'should count in-tree inline volumes if migration is enabled', newPod: inTreeInlineVolPod, existingPods: [inTreeTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
  // mixed volumes
  { test: 'should count in-tree and csi volumes if migration is enabled (when scheduling in-tree volumes)', newPod: inTreeOneVolPod, existingPods: [csiEBSTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: 'should count in-tree, inline and csi volumes if migration is enabled (when scheduling in-tree volumes)', newPod: inTreeInlineVolPod, existingPods: [csiEBSTwoVolPod, inTreeOneVolPod], maxVols: 3, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: 'should not count in-tree, inline and csi volumes if migration is enabled (when scheduling in-tree volumes)', newPod: inTreeInlineVolPodWithSameCSIVolumeID, existingPods: [csiEBSTwoVolPod, inTreeOneVolPod], maxVols: 3, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode' },
  { test: 'should count in-tree and csi volumes if migration is enabled (when scheduling csi volumes)', newPod: csiEBSOneVolPod, existingPods: [inTreeTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
  // ephemeral volumes
  { test: 'ephemeral volume missing', newPod: ephemeralVolumePod, driverNames: [EBS], limitSource: 'csinode-with-no-limit', wantStatus: { code: Code.UnschedulableAndUnresolvable, reason: 'looking up PVC test/abc-xyz: persistentvolumeclaim "abc-xyz" not found' } },
  { test: 'ephemeral volume not owned', newPod: ephemeralVolumePod, extraClaims: [conflictingClaim], driverNames: [EBS], limitSource: 'csinode-with-no-limit', wantStatus: { code: Code.Error, reason: 'PVC test/abc-xyz was not created for pod test/abc (pod is not owner)' } },
  { test: 'ephemeral volume unbound', newPod: ephemeralVolumePod, extraClaims: [ephemeralClaim], driverNames: [EBS], limitSource: 'csinode-with-no-limit' },
  { test: "ephemeral doesn't when node volume limit <= pods CSI volume", newPod: ephemeralVolumePod, extraClaims: [ephemeralClaim], existingPods: [runningPod, csiEBSTwoVolPod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: "ephemeral doesn't when node volume limit <= pods ephemeral CSI volume", newPod: csiEBSOneVolPod, extraClaims: [ephemeralClaimX, ephemeralClaimY], existingPods: [runningPod, ephemeralTwoVolumePod], maxVols: 2, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  // The gate is gone upstream; the case stays as upstream keeps it.
  { test: "persistent doesn't when node volume limit <= pods ephemeral CSI volume + persistent volume, ephemeral disabled", newPod: csiEBSOneVolPod, extraClaims: [ephemeralClaim], existingPods: [runningPod, ephemeralVolumePod, csiEBSTwoVolPod], maxVols: 3, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: "persistent doesn't when node volume limit <= pods ephemeral CSI volume + persistent volume", newPod: csiEBSOneVolPod, extraClaims: [ephemeralClaim], existingPods: [runningPod, ephemeralVolumePod, csiEBSTwoVolPod], maxVols: 3, driverNames: [EBS], limitSource: 'csinode', wantStatus: exceeded },
  { test: 'persistent okay when node volume limit > pods ephemeral CSI volume + persistent volume', newPod: csiEBSOneVolPod, extraClaims: [ephemeralClaim], existingPods: [runningPod, ephemeralVolumePod, csiEBSTwoVolPod], maxVols: 5, driverNames: [EBS], limitSource: 'csinode' },
  { test: 'skip Filter when the pod only uses secrets and configmaps', newPod: onlyConfigmapAndSecretVolPod, maxVols: 2, driverNames: [EBS], limitSource: 'csinode', wantPreFilterSkip: true },
  { test: "don't skip Filter when the pod has pvcs", newPod: pvcPodWithConfigmapAndSecret, maxVols: 2, driverNames: [EBS], limitSource: 'csinode' },
  { test: "don't skip Filter when the pod has ephemeral volumes", newPod: ephemeralPodWithConfigmapAndSecret, driverNames: [EBS], limitSource: 'csinode-with-no-limit', wantStatus: { code: Code.UnschedulableAndUnresolvable, reason: 'looking up PVC test/abc-xyz: persistentvolumeclaim "abc-xyz" not found' } },
  { test: "don't skip Filter when the pod has inline migratable volumes", newPod: inlineMigratablePodWithConfigmapAndSecret, existingPods: [inTreeTwoVolPod], maxVols: 2, driverNames: [IN_TREE_EBS, EBS], limitSource: 'csinode', wantStatus: exceeded },
];

describe('NodeVolumeLimits: TestCSILimits (csi_test.go)', () => {
  it.each(cases)('$test', ({ newPod, existingPods = [], extraClaims = [], maxVols = 0, vaCount = 0, driverNames, limitSource = '', wantStatus, wantPreFilterSkip }) => {
    const node: V1Node = { metadata: { name: NODE }, status: { allocatable: { pods: '110' } } };
    const csiNode = csiNodeFor(limitSource, maxVols, driverNames);
    const cluster = clusterOf(
      [node],
      existingPods.map((pod) => ({ ...pod, spec: { ...pod.spec!, nodeName: NODE } })),
      {
        persistentVolumes: fakePersistentVolumes(driverNames),
        persistentVolumeClaims: [...fakeClaims(driverNames), ...extraClaims],
        storageClasses: [{ metadata: { name: SC_NAME }, provisioner: driverNames[0]!, volumeBindingMode: 'Immediate' }],
        csiNodes: csiNode ? [csiNode] : [],
        volumeAttachments: fakeVolumeAttachments(vaCount, driverNames),
      },
    );
    const run = runFilterPlugin(nodeVolumeLimits(undefined), newPod, cluster);
    if (wantPreFilterSkip) {
      expect(run.preFilter?.code).toBe(Code.Skip);
      return;
    }
    expect(run.preFilter).toBeNull();
    const status = run.nodes[NODE];
    if (wantStatus === undefined) expect(status).toBeNull();
    else expect({ code: status?.code, reason: status?.reasons[0] }).toEqual(wantStatus);
  });
});

/** getFakeCSIDriverLister / getFakeCSIDriverListerWithPreventPodSchedulingIfMissing. */
function csiDriver(name: string, preventPodSchedulingIfMissing: boolean): V1CSIDriver {
  return { metadata: { name }, spec: { ...(preventPodSchedulingIfMissing && { preventPodSchedulingIfMissing: true }) } };
}

interface GateCase {
  name: string;
  enableVolumeLimitScaling: boolean;
  limitSource: LimitSource;
  limit: number;
  csiDriverPresent: boolean;
  preventPodSchedulingIfMissing: boolean;
  wantStatus?: { code: Code; reason: string };
}

const gateCases: GateCase[] = [
  {
    name: 'gate enabled - allow scheduling when CSIDriver exists but PreventPodSchedulingIfMissing is not set',
    enableVolumeLimitScaling: true,
    limitSource: 'no-csi-driver',
    limit: 0,
    csiDriverPresent: true,
    preventPodSchedulingIfMissing: false,
  },
  {
    name: 'gate enabled - fail when driver not installed and PreventPodSchedulingIfMissing is true',
    enableVolumeLimitScaling: true,
    limitSource: 'no-csi-driver',
    limit: 0,
    csiDriverPresent: true,
    preventPodSchedulingIfMissing: true,
    wantStatus: { code: Code.Unschedulable, reason: `${EBS} CSI driver is not installed on the node` },
  },
  {
    name: 'gate disabled - skip driver presence check (regardless of CSIDriver presence)',
    enableVolumeLimitScaling: false,
    limitSource: 'no-csi-driver',
    limit: 0,
    csiDriverPresent: true,
    preventPodSchedulingIfMissing: true,
  },
  {
    name: 'gate enabled - driver installed within limit',
    enableVolumeLimitScaling: true,
    limitSource: 'csinode',
    limit: 2,
    csiDriverPresent: true,
    preventPodSchedulingIfMissing: true,
  },
  {
    name: 'gate enabled - allow scheduling when CSIDriver object missing',
    enableVolumeLimitScaling: true,
    limitSource: 'no-csi-driver',
    limit: 0,
    csiDriverPresent: false,
    preventPodSchedulingIfMissing: false,
  },
];

describe('NodeVolumeLimits: TestVolumeLimitScalingGate (csi_test.go, v1.35)', () => {
  it.each(gateCases)('$name', ({ enableVolumeLimitScaling, limitSource, limit, csiDriverPresent, preventPodSchedulingIfMissing, wantStatus }) => {
    // Pod uses a PVC that resolves to the EBS CSI driver via PV
    const newPod = podWithClaims(`csi-${EBS}-0`);
    const node: V1Node = { metadata: { name: NODE }, status: { allocatable: { pods: '110' } } };
    const csiNode = csiNodeFor(limitSource, limit, [EBS]);
    const cluster = clusterOf([node], [], {
      persistentVolumes: fakePersistentVolumes([EBS]),
      persistentVolumeClaims: fakeClaims([EBS]),
      storageClasses: [{ metadata: { name: SC_NAME }, provisioner: EBS, volumeBindingMode: 'Immediate' }],
      csiNodes: csiNode ? [csiNode] : [],
      csiDrivers: csiDriverPresent ? [csiDriver(EBS, preventPodSchedulingIfMissing)] : [],
    });
    const run = runFilterPlugin(new NodeVolumeLimits(enableVolumeLimitScaling), newPod, cluster);
    // Ensure PreFilter doesn't skip
    expect(run.preFilter).toBeNull();
    const status = run.nodes[NODE];
    if (wantStatus === undefined) expect(status).toBeNull();
    else expect({ code: status?.code, reason: status?.reasons[0] }).toEqual(wantStatus);
  });

  it('is on only where the release has the gate and the request turns it on', () => {
    expect(resolveEmulation({ kubernetesVersion: 'v1.35' }).features.enableVolumeLimitScaling).toBe(false);
    expect(resolveEmulation({ kubernetesVersion: 'v1.35', featureGates: { VolumeLimitScaling: true } }).features.enableVolumeLimitScaling).toBe(true);
    expect(() => resolveEmulation({ kubernetesVersion: 'v1.34', featureGates: { VolumeLimitScaling: true } })).toThrow(/does not exist in v1.34/);
  });
});

/**
 * getNodeVolumeAttachmentInfo's skips, one attachment each beside the
 * upstream fixtures (limit 1, no pods, the new pod's volume csi-<EBS>-0):
 * an attachment that counts fills the node, one that is skipped does not.
 */
describe('NodeVolumeLimits: which VolumeAttachments count (csi.go getNodeVolumeAttachmentInfo)', () => {
  const attachment = (spec: V1VolumeAttachment['spec']): V1VolumeAttachment => ({ metadata: { name: 'va' }, spec });
  const inlineSource = { inlineVolumeSpec: { csi: { driver: EBS, volumeHandle: 'inline-1' } } };
  it.each([
    ['an attachment of a CSI PV, by the attacher', attachment({ attacher: EBS, nodeName: NODE, source: { persistentVolumeName: `csi-${EBS}-3` } }), true],
    ['the attachment of the new pod\'s own volume (upstream takes a new volume off only for pods)', attachment({ attacher: EBS, nodeName: NODE, source: { persistentVolumeName: `csi-${EBS}-0` } }), true],
    ['no attacher', attachment({ attacher: '', nodeName: NODE, source: { persistentVolumeName: `csi-${EBS}-3` } }), false],
    ['an inline volume (no persistentVolumeName)', attachment({ attacher: EBS, nodeName: NODE, source: inlineSource }), false],
    ['a missing PV', attachment({ attacher: EBS, nodeName: NODE, source: { persistentVolumeName: 'missing-in-action' } }), false],
    ['a PV that is not CSI (in-tree, even if migrated)', attachment({ attacher: EBS, nodeName: NODE, source: { persistentVolumeName: `csi-${IN_TREE_EBS}-3` } }), false],
    ['another node', attachment({ attacher: EBS, nodeName: 'other-node', source: { persistentVolumeName: `csi-${EBS}-3` } }), false],
  ])('%s', (_name, volumeAttachment, counts) => {
    const node: V1Node = { metadata: { name: NODE }, status: { allocatable: { pods: '110' } } };
    const cluster = clusterOf([node], [], {
      persistentVolumes: fakePersistentVolumes([IN_TREE_EBS, EBS]),
      persistentVolumeClaims: fakeClaims([IN_TREE_EBS, EBS]),
      csiNodes: [csiNodeFor('csinode', 1, [EBS])!],
      volumeAttachments: [volumeAttachment],
    });
    const status = runFilterPlugin(nodeVolumeLimits(undefined), csiEBSOneVolPod, cluster).nodes[NODE];
    if (counts) expect({ code: status?.code, reason: status?.reasons[0] }).toEqual(exceeded);
    else expect(status).toBeNull();
  });

  it('counts an attachment of a volume a pod on the node uses once', () => {
    const node: V1Node = { metadata: { name: NODE }, status: { allocatable: { pods: '110' } } };
    const cluster = clusterOf([node], [{ ...runningPod, spec: { ...runningPod.spec!, nodeName: NODE } }], {
      persistentVolumes: fakePersistentVolumes([EBS]),
      persistentVolumeClaims: fakeClaims([EBS]),
      csiNodes: [csiNodeFor('csinode', 2, [EBS])!],
      volumeAttachments: [attachment({ attacher: EBS, nodeName: NODE, source: { persistentVolumeName: `csi-${EBS}-3` } })],
    });
    expect(runFilterPlugin(nodeVolumeLimits(undefined), csiEBSOneVolPod, cluster).nodes[NODE]).toBeNull();
  });
});
