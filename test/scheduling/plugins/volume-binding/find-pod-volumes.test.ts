/**
 * FindPodVolumes, ported from upstream
 * pkg/scheduler/framework/plugins/volumebinding/binder_test.go
 * (TestFindPodVolumesWithoutProvisioning, TestFindPodVolumesWithProvisioning),
 * scenario names kept. As upstream's findPodVolumes helper: GetPodVolumeClaims,
 * an error when unbound immediate claims remain, then FindPodVolumes on node1.
 *
 * Each table runs, as upstream's, with no CSIDriver, a CSIDriver without
 * capacity tracking and one with it; with it, and no CSIStorageCapacity
 * objects, a claim that needs provisioning finds no room (needsCapacity).
 * TestCapacity covers the CSIStorageCapacity objects themselves.
 *
 * Differences, said where they apply:
 * - a pre-bound claim here carries status.phase Pending: podplan reads a
 *   claim with a volume name and no status as bound (src/…/pod-volume-claims.ts).
 */
import type { V1CSIStorageCapacity, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1StorageClass, V1Volume } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { buildStorageCatalog } from '../../../../src/scheduling/model/storage-catalog.js';
import { claimMatching, claimsBySize, ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonNotEnoughSpace, ErrReasonPVNotExist, findPodVolumes } from '../../../../src/scheduling/plugins/volume-binding/find-pod-volumes.js';
import { podVolumeClaims } from '../../../../src/scheduling/plugins/volume-binding/pod-volume-claims.js';
import { claimClass } from '../../../../src/scheduling/plugins/volume-binding/pv-matching.js';
import { clusterOf } from '../../../support/builders.js';

const NODE_LABEL_KEY = 'nodeKey';
const PROVISIONER = 'test-provisioner';
const waitClass = 'waitClass';
const immediateClass = 'immediateClass';
const waitClassWithProvisioner = 'waitClassWithProvisioner';
const topoMismatchClass = 'topoMismatchClass';

const classes: V1StorageClass[] = [
  { metadata: { name: waitClassWithProvisioner }, volumeBindingMode: 'WaitForFirstConsumer', provisioner: PROVISIONER, allowedTopologies: [{ matchLabelExpressions: [{ key: NODE_LABEL_KEY, values: ['node1', 'reference-value'] }] }] },
  { metadata: { name: immediateClass }, volumeBindingMode: 'Immediate', provisioner: '' },
  { metadata: { name: waitClass }, volumeBindingMode: 'WaitForFirstConsumer', provisioner: 'kubernetes.io/no-provisioner' },
  { metadata: { name: topoMismatchClass }, volumeBindingMode: 'WaitForFirstConsumer', provisioner: PROVISIONER, allowedTopologies: [{ matchLabelExpressions: [{ key: NODE_LABEL_KEY, values: ['reference-value'] }] }] },
];

type BoundState = 'unbound' | 'prebound' | 'bound' | 'selectedNode';

/** makeTestPVC(name, size, node, boundState, pvName, version, className). */
function makeTestPVC(name: string, size: string, node: string, state: BoundState, pvName: string, className: string): V1PersistentVolumeClaim {
  const annotations: Record<string, string> = {};
  if (state === 'selectedNode') annotations['volume.kubernetes.io/selected-node'] = node;
  if (state === 'bound') annotations['pv.kubernetes.io/bind-completed'] = 'yes';
  return {
    metadata: { name, namespace: 'testns', uid: 'pvc-uid', annotations },
    spec: { resources: { requests: { storage: size } }, storageClassName: className, volumeMode: 'Filesystem', ...(state === 'bound' || state === 'prebound' ? { volumeName: pvName } : {}) },
    ...(state === 'prebound' && { status: { phase: 'Pending' } }),
  };
}

/** makeTestPV(name, node, capacity, version, boundToPVC, className). */
function makeTestPV(name: string, node: string, capacity: string, boundTo: V1PersistentVolumeClaim | null, className: string): V1PersistentVolume {
  return {
    metadata: { name },
    spec: {
      capacity: { storage: capacity },
      storageClassName: className,
      volumeMode: 'Filesystem',
      ...(node && { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: NODE_LABEL_KEY, operator: 'In', values: [node] }] }] } } }),
      ...(boundTo && { claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', name: boundTo.metadata!.name, namespace: boundTo.metadata!.namespace, uid: boundTo.metadata!.uid } }),
    },
    status: { phase: 'Available' },
  };
}

const unboundPVC = makeTestPVC('unbound-pvc', '1G', '', 'unbound', '', waitClass);
const unboundPVC2 = makeTestPVC('unbound-pvc2', '5G', '', 'unbound', '', waitClass);
const preboundPVC = makeTestPVC('prebound-pvc', '1G', '', 'prebound', 'pv-node1a', waitClass);
const boundPVC = makeTestPVC('bound-pvc', '1G', '', 'bound', 'pv-bound', waitClass);
const immediateUnboundPVC = makeTestPVC('immediate-unbound-pvc', '1G', '', 'unbound', '', immediateClass);
const immediateBoundPVC = makeTestPVC('immediate-bound-pvc', '1G', '', 'bound', 'pv-bound-immediate', immediateClass);
const provisionedPVC = makeTestPVC('provisioned-pvc', '1Gi', '', 'unbound', '', waitClassWithProvisioner);
const noProvisionerPVC = makeTestPVC('no-provisioner-pvc', '1Gi', '', 'unbound', '', waitClass);
const topoMismatchPVC = makeTestPVC('topo-mismatch-pvc', '1Gi', '', 'unbound', '', topoMismatchClass);
const selectedNodePVC = makeTestPVC('provisioned-pvc', '1Gi', 'node1', 'selectedNode', '', waitClassWithProvisioner);

const POD_UID = 'test-pod-uid';
/** makeGenericEphemeralPVC(volumeName, owned). */
const genericPVC = (owned: boolean): V1PersistentVolumeClaim => ({
  metadata: { name: 'test-pod-test-volume', namespace: 'testns', uid: 'pvc-uid', ownerReferences: owned ? [{ apiVersion: 'v1', kind: 'Pod', name: 'test-pod', uid: POD_UID, controller: true }] : [] },
  spec: { resources: { requests: { storage: '1G' } }, storageClassName: waitClass, volumeMode: 'Filesystem', volumeName: 'pv-bound' },
} as V1PersistentVolumeClaim);
const correctGenericPVC = { ...genericPVC(true), metadata: { ...genericPVC(true).metadata, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } };
const conflictingGenericPVC = { ...genericPVC(false), metadata: { ...genericPVC(false).metadata, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } };

const pvNode1a = makeTestPV('pv-node1a', 'node1', '5G', null, waitClass);
const pvNode1b = makeTestPV('pv-node1b', 'node1', '10G', null, waitClass);
const pvNode2 = makeTestPV('pv-node2', 'node2', '1G', null, waitClass);
const pvBound = makeTestPV('pv-bound', 'node1', '1G', boundPVC, waitClass);
const pvNode1aBound = makeTestPV('pv-node1a', 'node1', '5G', unboundPVC, waitClass);
const pvBoundImmediate = makeTestPV('pv-bound-immediate', 'node1', '1G', immediateBoundPVC, immediateClass);
const pvBoundImmediateNode2 = makeTestPV('pv-bound-immediate', 'node2', '1G', immediateBoundPVC, immediateClass);
const pvBoundGeneric = makeTestPV('pv-bound', 'node1', '1G', correctGenericPVC, waitClass);

function makePod(volumes: V1Volume[] | undefined): V1Pod {
  return { metadata: { name: 'test-pod', namespace: 'testns', uid: POD_UID }, spec: { nodeName: 'node1', containers: [], ...(volumes && { volumes }) } };
}
const withPVCs = (claims: V1PersistentVolumeClaim[]): V1Pod => makePod(claims.map((claim) => ({ name: claim.metadata!.name!, persistentVolumeClaim: { claimName: claim.metadata!.name! } })));

interface Scenario {
  name: string;
  pvs?: V1PersistentVolume[];
  podPVCs?: V1PersistentVolumeClaim[];
  cachePVCs?: V1PersistentVolumeClaim[];
  pod?: V1Pod;
  expectedBindings?: [V1PersistentVolumeClaim, V1PersistentVolume][];
  expectedProvisions?: V1PersistentVolumeClaim[];
  reasons?: string[];
  shouldFail?: boolean;
  /** Provisioning that a driver with capacity tracking refuses without CSIStorageCapacity objects. */
  needsCapacity?: boolean;
}

function run(scenario: Scenario, csiDrivers: object[], capacities: V1CSIStorageCapacity[] = []) {
  const node1 = clusterOf([{ metadata: { name: 'node1', labels: { [NODE_LABEL_KEY]: 'node1' } } }]).nodes[0];
  const storage = buildStorageCatalog({
    persistentVolumes: scenario.pvs ?? [],
    persistentVolumeClaims: scenario.cachePVCs ?? scenario.podPVCs ?? [],
    storageClasses: classes,
    csiNodes: [],
    csiDrivers: csiDrivers as never,
    csiStorageCapacities: capacities,
  });
  const pod = buildPodInfo(scenario.pod ?? withPVCs(scenario.podPVCs ?? []));
  const claims = podVolumeClaims(pod, storage);
  if (claims === undefined) return { failed: false, reasons: [], bindings: [], provisions: [] };
  if (typeof claims === 'string' || claims.unboundImmediate.length > 0) return { failed: true };
  const matchings = claimsBySize(claims.unboundDelayBinding.filter((claim) => !claim.metadata?.annotations?.['volume.kubernetes.io/selected-node'])).map((claim) =>
    claimMatching(claim, claims.volumesByClass.get(claimClass(claim)) ?? []),
  );
  const found = findPodVolumes(claims, matchings, node1, storage);
  if ('error' in found) return { failed: true };
  return {
    failed: false,
    reasons: found.reasons,
    bindings: found.reasons.length > 0 ? [] : found.volumes.staticBindings.map(({ claim, volume }) => [claim.metadata!.name, volume.metadata!.name]),
    provisions: found.reasons.length > 0 ? [] : found.volumes.dynamicProvisions.map((claim) => claim.metadata!.name),
  };
}

function expectScenario(scenario: Scenario, csiDrivers: object[]): void {
  const got = run(scenario, csiDrivers);
  if (scenario.shouldFail) {
    expect(got.failed).toBe(true);
    return;
  }
  const tracksCapacity = csiDrivers.some((driver) => (driver as { spec?: { storageCapacity?: boolean } }).spec?.storageCapacity === true);
  // As upstream's run: without CSIStorageCapacity objects, provisioning is blocked.
  const reasons = scenario.needsCapacity && tracksCapacity ? [...(scenario.reasons ?? []), ErrReasonNotEnoughSpace] : (scenario.reasons ?? []);
  expect(got).toEqual({
    failed: false,
    reasons,
    // Upstream keeps the bindings found before a conflict; a node with a conflict binds nothing, so only a fit's are compared.
    bindings: reasons.length > 0 ? [] : (scenario.expectedBindings ?? []).map(([claim, volume]) => [claim.metadata!.name, volume.metadata!.name]),
    provisions: reasons.length > 0 ? [] : (scenario.expectedProvisions ?? []).map((claim) => claim.metadata!.name),
  });
}

const withoutProvisioning: Scenario[] = [
  { name: 'no-volumes', pod: makePod(undefined) },
  { name: 'no-pvcs', pod: makePod([{ name: 'empty', emptyDir: {} }]) },
  { name: 'pvc-not-found', cachePVCs: [], podPVCs: [boundPVC], shouldFail: true },
  { name: 'bound-pvc', podPVCs: [boundPVC], pvs: [pvBound] },
  { name: 'bound-pvc,pv-not-exists', podPVCs: [boundPVC], reasons: [ErrReasonPVNotExist] },
  { name: 'prebound-pvc', podPVCs: [preboundPVC], pvs: [pvNode1aBound], shouldFail: true },
  { name: 'unbound-pvc,pv-same-node', podPVCs: [unboundPVC], pvs: [pvNode2, pvNode1a, pvNode1b], expectedBindings: [[unboundPVC, pvNode1a]] },
  { name: 'unbound-pvc,pv-different-node', podPVCs: [unboundPVC], pvs: [pvNode2], reasons: [ErrReasonBindConflict] },
  { name: 'two-unbound-pvcs', podPVCs: [unboundPVC, unboundPVC2], pvs: [pvNode1a, pvNode1b], expectedBindings: [[unboundPVC, pvNode1a], [unboundPVC2, pvNode1b]] },
  { name: 'two-unbound-pvcs,order-by-size', podPVCs: [unboundPVC2, unboundPVC], pvs: [pvNode1a, pvNode1b], expectedBindings: [[unboundPVC, pvNode1a], [unboundPVC2, pvNode1b]] },
  { name: 'two-unbound-pvcs,partial-match', podPVCs: [unboundPVC, unboundPVC2], pvs: [pvNode1a], expectedBindings: [[unboundPVC, pvNode1a]], reasons: [ErrReasonBindConflict] },
  { name: 'one-bound,one-unbound', podPVCs: [unboundPVC, boundPVC], pvs: [pvBound, pvNode1a], expectedBindings: [[unboundPVC, pvNode1a]] },
  { name: 'one-bound,one-unbound,no-match', podPVCs: [unboundPVC, boundPVC], pvs: [pvBound, pvNode2], reasons: [ErrReasonBindConflict] },
  { name: 'one-prebound,one-unbound', podPVCs: [unboundPVC, preboundPVC], pvs: [pvNode1a, pvNode1b], shouldFail: true },
  { name: 'immediate-bound-pvc', podPVCs: [immediateBoundPVC], pvs: [pvBoundImmediate] },
  { name: 'immediate-bound-pvc-wrong-node', podPVCs: [immediateBoundPVC], pvs: [pvBoundImmediateNode2], reasons: [ErrReasonNodeConflict] },
  { name: 'immediate-unbound-pvc', podPVCs: [immediateUnboundPVC], shouldFail: true },
  { name: 'immediate-unbound-pvc,delayed-mode-bound', podPVCs: [immediateUnboundPVC, boundPVC], pvs: [pvBound], shouldFail: true },
  { name: 'immediate-unbound-pvc,delayed-mode-unbound', podPVCs: [immediateUnboundPVC, unboundPVC], shouldFail: true },
  { name: 'generic-ephemeral,no-pvc', pod: makePod([{ name: 'no-such-pvc', ephemeral: {} }]), shouldFail: true },
  { name: 'generic-ephemeral,with-pvc', pod: makePod([{ name: 'test-volume', ephemeral: {} }]), cachePVCs: [correctGenericPVC], pvs: [pvBoundGeneric] },
  { name: 'generic-ephemeral,wrong-pvc', pod: makePod([{ name: 'test-volume', ephemeral: {} }]), cachePVCs: [conflictingGenericPVC], pvs: [pvBoundGeneric], shouldFail: true },
];

const withProvisioning: Scenario[] = [
  { name: 'one-provisioned', podPVCs: [provisionedPVC], expectedProvisions: [provisionedPVC], needsCapacity: true },
  { name: 'two-unbound-pvcs,one-matched,one-provisioned', podPVCs: [unboundPVC, provisionedPVC], pvs: [pvNode1a], expectedBindings: [[unboundPVC, pvNode1a]], expectedProvisions: [provisionedPVC], needsCapacity: true },
  { name: 'one-bound,one-provisioned', podPVCs: [boundPVC, provisionedPVC], pvs: [pvBound], expectedProvisions: [provisionedPVC], needsCapacity: true },
  { name: 'one-binding,one-selected-node', podPVCs: [boundPVC, selectedNodePVC], pvs: [pvBound], expectedProvisions: [selectedNodePVC], needsCapacity: true },
  { name: 'immediate-unbound-pvc', podPVCs: [immediateUnboundPVC], shouldFail: true },
  { name: 'one-immediate-bound,one-provisioned', podPVCs: [immediateBoundPVC, provisionedPVC], pvs: [pvBoundImmediate], expectedProvisions: [provisionedPVC], needsCapacity: true },
  { name: 'invalid-provisioner', podPVCs: [noProvisionerPVC], reasons: [ErrReasonBindConflict] },
  { name: 'volume-topology-unsatisfied', podPVCs: [topoMismatchPVC], reasons: [ErrReasonBindConflict] },
];

/** makeCSIDriver(name, storageCapacity). */
const makeCSIDriver = (storageCapacity: boolean): object => ({ metadata: { name: PROVISIONER }, spec: { storageCapacity } });

const drivers: [string, object[]][] = [
  ['no CSIDriver', []],
  ['CSIDriver with capacity tracking', [makeCSIDriver(true)]],
  ['CSIDriver without capacity tracking', [makeCSIDriver(false)]],
];

describe.each(drivers)('binder: TestFindPodVolumesWithoutProvisioning (%s)', (_variant, csiDrivers) => {
  it.each(withoutProvisioning)('$name', (scenario) => expectScenario(scenario, csiDrivers));
});

describe.each(drivers)('binder: TestFindPodVolumesWithProvisioning (%s)', (_variant, csiDrivers) => {
  it.each(withProvisioning)('$name', (scenario) => expectScenario(scenario, csiDrivers));
});

/** makeCapacity(name, storageClassName, node, capacity, maximumVolumeSize): an empty nodeTopology selects every node; a node narrows it to its label. */
function makeCapacity(name: string, storageClassName: string, node: string | null, capacity: string, maximumVolumeSize: string): V1CSIStorageCapacity {
  return {
    metadata: { name, namespace: 'kube-system' },
    storageClassName,
    nodeTopology: node === null ? {} : { matchLabels: { [NODE_LABEL_KEY]: node } },
    ...(capacity !== '' && { capacity }),
    ...(maximumVolumeSize !== '' && { maximumVolumeSize }),
  };
}

interface CapacityScenario {
  name: string;
  capacities: V1CSIStorageCapacity[];
  reasons?: string[];
}

const networkAttachedCapacity = makeCapacity('net', waitClassWithProvisioner, null, '1Gi', '');
const node1Capacity = makeCapacity('net', waitClassWithProvisioner, 'node1', '1Gi', '');
const node2Capacity = makeCapacity('net', waitClassWithProvisioner, 'node2', '1Gi', '');

const capacityScenarios: CapacityScenario[] = [
  { name: 'network-attached', capacities: [networkAttachedCapacity] },
  { name: 'local-storage', capacities: [node1Capacity] },
  { name: 'multiple', capacities: [networkAttachedCapacity, node2Capacity, node1Capacity] },
  { name: 'no-storage', capacities: [], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'wrong-node', capacities: [node2Capacity], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'wrong-storage-class', capacities: [makeCapacity('net', waitClass, 'node1', '1Gi', '')], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'insufficient-storage', capacities: [makeCapacity('net', waitClassWithProvisioner, 'node1', '1Mi', '')], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'insufficient-volume-size', capacities: [makeCapacity('net', waitClassWithProvisioner, 'node1', '1Gi', '1Mi')], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'zero-storage', capacities: [makeCapacity('net', waitClassWithProvisioner, 'node1', '0Mi', '')], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'zero-volume-size', capacities: [makeCapacity('net', waitClassWithProvisioner, 'node1', '', '0Mi')], reasons: [ErrReasonNotEnoughSpace] },
  { name: 'nil-storage', capacities: [makeCapacity('net', waitClassWithProvisioner, 'node1', '', '')], reasons: [ErrReasonNotEnoughSpace] },
];

// TestCapacity: the driver opts in or not; a driver that does not is never checked.
describe.each([true, false])('binder: TestCapacity (CSIDriver.StorageCapacity=%s)', (optIn) => {
  it.each(capacityScenarios)('$name', ({ capacities, reasons = [] }) => {
    const got = run({ name: '', podPVCs: [provisionedPVC] }, [makeCSIDriver(optIn)], capacities);
    const expectedReasons = optIn ? reasons : [];
    expect(got).toEqual({ failed: false, reasons: expectedReasons, bindings: [], provisions: expectedReasons.length > 0 ? [] : ['provisioned-pvc'] });
  });
});
