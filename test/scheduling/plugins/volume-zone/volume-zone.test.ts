/**
 * VolumeZone, ported from upstream pkg/scheduler/framework/plugins/volumezone/volume_zone_test.go
 * (TestSingleZone, TestMultiZone, TestWithBinding), case names kept. Each case
 * runs PreFilter then Filter on one node, as upstream's; where upstream
 * expects a PreFilter rejection its Filter (falling back to the same lookup)
 * expects the same status, which the harness reports for the node.
 */
import type { V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1StorageClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { volumeZone } from '../../../../src/scheduling/plugins/volume-zone/index.js';
import { ErrReasonConflict } from '../../../../src/scheduling/plugins/volume-zone/volume-zone-plugin.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

const pv = (name: string, labels: Record<string, string>): V1PersistentVolume => ({ metadata: { name, labels } });
const boundClaim = (name: string, volumeName: string): V1PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec: { volumeName } });
const node = (labels?: Record<string, string>): V1Node => ({ metadata: { name: 'host1', ...(labels && { labels }) } });

/** upstream createPodWithVolume(pod, pvc): st.MakePod().Name(pod).Namespace(default).PVC(pvc). */
function createPodWithVolume(name: string, claimName: string): V1Pod {
  return { metadata: { name, namespace: 'default' }, spec: { containers: [], volumes: [{ name: claimName, persistentVolumeClaim: { claimName } }] } };
}

interface Case {
  name: string;
  pod: V1Pod;
  node: V1Node;
  /** null: success; 'Skip'; or the rejection's code and reason. */
  wantPreFilter?: 'Skip' | { code: Code; reason: string };
  wantFilter?: { code: Code; reason: string };
}

const conflict = { code: Code.UnschedulableAndUnresolvable, reason: ErrReasonConflict };

function runCases(cases: Case[], volumes: V1PersistentVolume[], claims: V1PersistentVolumeClaim[], storageClasses: V1StorageClass[] = []): void {
  it.each(cases)('$name', ({ pod, node: host, wantPreFilter, wantFilter }) => {
    const cluster = clusterOf([host], [], { persistentVolumes: volumes, persistentVolumeClaims: claims, storageClasses });
    const run = runFilterPlugin(volumeZone(undefined), pod, cluster);
    if (wantPreFilter === undefined) expect(run.preFilter).toBeNull();
    else if (wantPreFilter === 'Skip') expect(run.preFilter?.code).toBe(Code.Skip);
    else expect({ code: run.preFilter?.code, reason: run.preFilter?.reasons[0] }).toEqual(wantPreFilter);
    const filter = run.nodes.host1;
    if (wantFilter === undefined) expect(filter).toBeNull();
    else expect({ code: filter?.code, reason: filter?.reasons[0] }).toEqual(wantFilter);
  });
}

describe('VolumeZone: TestSingleZone', () => {
  const volumes = [
    pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }),
    pv('Vol_2', { [BETA_REGION]: 'us-west1', uselessLabel: 'none' }),
    pv('Vol_3', { [BETA_REGION]: 'us-west1' }),
    pv('Vol_Stable_1', { [ZONE]: 'us-west1-a' }),
    pv('Vol_Stable_2', { [REGION]: 'us-west1', uselessLabel: 'none' }),
    pv('Vol_Stable_3', { [ZONE]: 'us-west1-a', [REGION]: 'us-west1-a' }),
  ];
  const claims = [
    boundClaim('PVC_1', 'Vol_1'),
    boundClaim('PVC_2', 'Vol_2'),
    boundClaim('PVC_3', 'Vol_3'),
    boundClaim('PVC_4', 'Vol_not_exist'),
    boundClaim('PVC_Stable_1', 'Vol_Stable_1'),
    boundClaim('PVC_Stable_2', 'Vol_Stable_2'),
    boundClaim('PVC_Stable_3', 'Vol_Stable_3'),
  ];
  runCases(
    [
      { name: 'pod without volume', pod: { metadata: { name: 'pod_1', namespace: 'default' }, spec: { containers: [] } }, node: node({ [BETA_ZONE]: 'us-west1-a' }), wantPreFilter: 'Skip' },
      { name: 'node without labels', pod: createPodWithVolume('pod_1', 'PVC_1'), node: node() },
      { name: 'beta zone label matched', pod: createPodWithVolume('pod_1', 'PVC_1'), node: node({ [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' }) },
      { name: 'beta region label matched', pod: createPodWithVolume('pod_1', 'PVC_2'), node: node({ [BETA_REGION]: 'us-west1', uselessLabel: 'none' }) },
      { name: "beta region label doesn't match", pod: createPodWithVolume('pod_1', 'PVC_2'), node: node({ [BETA_REGION]: 'no_us-west1', uselessLabel: 'none' }), wantFilter: conflict },
      { name: "beta zone label doesn't match", pod: createPodWithVolume('pod_1', 'PVC_1'), node: node({ [BETA_ZONE]: 'no_us-west1-a', uselessLabel: 'none' }), wantFilter: conflict },
      { name: 'zone label matched', pod: createPodWithVolume('pod_1', 'PVC_Stable_1'), node: node({ [ZONE]: 'us-west1-a', uselessLabel: 'none' }) },
      { name: 'region label matched', pod: createPodWithVolume('pod_1', 'PVC_Stable_2'), node: node({ [REGION]: 'us-west1', uselessLabel: 'none' }) },
      { name: "region label doesn't match", pod: createPodWithVolume('pod_1', 'PVC_Stable_2'), node: node({ [REGION]: 'no_us-west1', uselessLabel: 'none' }), wantFilter: conflict },
      { name: "zone label doesn't match", pod: createPodWithVolume('pod_1', 'PVC_Stable_1'), node: node({ [ZONE]: 'no_us-west1-a', uselessLabel: 'none' }), wantFilter: conflict },
      { name: 'pv with zone and region, node with only zone', pod: createPodWithVolume('pod_1', 'PVC_Stable_3'), node: node({ [ZONE]: 'us-west1-a' }), wantFilter: conflict },
      { name: 'pv with zone,node with beta zone', pod: createPodWithVolume('pod_1', 'PVC_Stable_1'), node: node({ [BETA_ZONE]: 'us-west1-a' }), wantFilter: conflict },
      { name: 'pv with beta label,node with ga label, matched', pod: createPodWithVolume('pod_1', 'PVC_1'), node: node({ [ZONE]: 'us-west1-a' }) },
      { name: "pv with beta label,node with ga label, don't match", pod: createPodWithVolume('pod_1', 'PVC_1'), node: node({ [ZONE]: 'us-west1-b' }), wantFilter: conflict },
    ],
    volumes,
    claims,
  );
});

describe('VolumeZone: TestMultiZone', () => {
  const volumes = [
    pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' }),
    pv('Vol_2', { [BETA_ZONE]: 'us-west1-b', uselessLabel: 'none' }),
    pv('Vol_3', { [BETA_ZONE]: 'us-west1-c__us-west1-a' }),
    pv('Vol_Stable_1', { [ZONE]: 'us-west1-a' }),
    pv('Vol_Stable_2', { [ZONE]: 'us-west1-c__us-west1-a' }),
  ];
  const claims = [
    boundClaim('PVC_1', 'Vol_1'),
    boundClaim('PVC_2', 'Vol_2'),
    boundClaim('PVC_3', 'Vol_3'),
    boundClaim('PVC_4', 'Vol_not_exist'),
    boundClaim('PVC_Stable_1', 'Vol_Stable_1'),
    boundClaim('PVC_Stable_2', 'Vol_Stable_2'),
  ];
  runCases(
    [
      { name: 'node without labels', pod: createPodWithVolume('pod_1', 'PVC_3'), node: node() },
      { name: 'beta zone label matched', pod: createPodWithVolume('pod_1', 'PVC_3'), node: node({ [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' }) },
      { name: "beta zone label doesn't match", pod: createPodWithVolume('pod_1', 'PVC_1'), node: node({ [BETA_ZONE]: 'us-west1-b', uselessLabel: 'none' }), wantFilter: conflict },
      { name: 'zone label matched', pod: createPodWithVolume('pod_1', 'PVC_Stable_2'), node: node({ [ZONE]: 'us-west1-a', uselessLabel: 'none' }) },
      { name: "zone label doesn't match", pod: createPodWithVolume('pod_1', 'PVC_Stable_1'), node: node({ [ZONE]: 'us-west1-b', uselessLabel: 'none' }), wantFilter: conflict },
    ],
    volumes,
    claims,
  );
});

describe('VolumeZone: TestWithBinding', () => {
  const unresolvable = (reason: string) => ({ code: Code.UnschedulableAndUnresolvable, reason });
  const storageClasses: V1StorageClass[] = [
    // Upstream's Class_Immediate leaves the mode unset (nil), which the API server would have defaulted.
    { metadata: { name: 'Class_Immediate' }, provisioner: 'p' },
    { metadata: { name: 'Class_Wait' }, provisioner: 'p', volumeBindingMode: 'WaitForFirstConsumer' },
  ];
  const claims: V1PersistentVolumeClaim[] = [
    boundClaim('PVC_1', 'Vol_1'),
    { metadata: { name: 'PVC_NoSC', namespace: 'default' }, spec: { storageClassName: 'Class_0' } },
    { metadata: { name: 'PVC_EmptySC', namespace: 'default' } },
    { metadata: { name: 'PVC_WaitSC', namespace: 'default' }, spec: { storageClassName: 'Class_Wait' } },
    { metadata: { name: 'PVC_ImmediateSC', namespace: 'default' }, spec: { storageClassName: 'Class_Immediate' } },
  ];
  const testNode = node({ [BETA_ZONE]: 'us-west1-a', uselessLabel: 'none' });
  const noName = unresolvable('PersistentVolumeClaim had no pv name and storageClass name');
  // Upstream's fake lister says `storageclasses.storage.k8s.io "Class_0" not found`; kube-scheduler's informer lister, whose message podplan gives, uses the singular resource.
  const classNotFound = unresolvable('storageclass.storage.k8s.io "Class_0" not found');
  const modeNotSet = unresolvable('VolumeBindingMode not set for StorageClass "Class_Immediate"');
  runCases(
    [
      { name: 'label zone failure domain matched', pod: createPodWithVolume('pod_1', 'PVC_1'), node: testNode },
      { name: 'unbound volume empty storage class', pod: createPodWithVolume('pod_1', 'PVC_EmptySC'), node: testNode, wantPreFilter: noName, wantFilter: noName },
      { name: 'unbound volume no storage class', pod: createPodWithVolume('pod_1', 'PVC_NoSC'), node: testNode, wantPreFilter: classNotFound, wantFilter: classNotFound },
      { name: 'unbound volume immediate binding mode', pod: createPodWithVolume('pod_1', 'PVC_ImmediateSC'), node: testNode, wantPreFilter: modeNotSet, wantFilter: modeNotSet },
      { name: 'unbound volume wait binding mode', pod: createPodWithVolume('pod_1', 'PVC_WaitSC'), node: testNode, wantPreFilter: 'Skip' },
    ],
    [pv('Vol_1', { [BETA_ZONE]: 'us-west1-a' })],
    claims,
    storageClasses,
  );
});

describe('VolumeZone: beyond upstream tables', () => {
  const testNode = node({ [ZONE]: 'us-west1-a' });
  runCases(
    [
      {
        name: 'a claim bound to a PV the cluster lacks (the NotFound of the PV lister)',
        pod: createPodWithVolume('pod_1', 'PVC_4'),
        node: testNode,
        wantPreFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolume "Vol_not_exist" not found' },
        wantFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolume "Vol_not_exist" not found' },
      },
      {
        name: 'a claim the cluster lacks',
        pod: createPodWithVolume('pod_1', 'PVC_missing'),
        node: testNode,
        wantPreFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolumeclaim "PVC_missing" not found' },
        wantFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolumeclaim "PVC_missing" not found' },
      },
      {
        name: 'an Immediate claim not bound yet (PersistentVolume had no name)',
        pod: createPodWithVolume('pod_1', 'PVC_Immediate'),
        node: testNode,
        wantPreFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'PersistentVolume had no name' },
        wantFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'PersistentVolume had no name' },
      },
      { name: 'a PV label with an empty multi-zone entry is ignored, as LabelZonesToSet fails', pod: createPodWithVolume('pod_1', 'PVC_Broken'), node: testNode, wantPreFilter: 'Skip' },
      { name: 'a claim in another namespace is not the pod\'s', pod: { ...createPodWithVolume('pod_1', 'PVC_4'), metadata: { name: 'pod_1', namespace: 'other' } }, node: testNode, wantPreFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolumeclaim "PVC_4" not found' }, wantFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolumeclaim "PVC_4" not found' } },
      {
        name: 'the beta storage-class annotation names the class when spec.storageClassName is unset',
        pod: createPodWithVolume('pod_1', 'PVC_Annotated'),
        node: testNode,
        wantPreFilter: 'Skip',
      },
    ],
    [pv('Vol_Broken', { [ZONE]: 'us-west1-a__' })],
    [
      boundClaim('PVC_4', 'Vol_not_exist'),
      boundClaim('PVC_Broken', 'Vol_Broken'),
      { metadata: { name: 'PVC_Immediate', namespace: 'default' }, spec: { storageClassName: 'Class_Immediate' } },
      { metadata: { name: 'PVC_Annotated', namespace: 'default', annotations: { 'volume.beta.kubernetes.io/storage-class': 'Class_Wait' } }, spec: {} },
    ],
    [
      { metadata: { name: 'Class_Immediate' }, provisioner: 'p', volumeBindingMode: 'Immediate' },
      { metadata: { name: 'Class_Wait' }, provisioner: 'p', volumeBindingMode: 'WaitForFirstConsumer' },
    ],
  );

  it('names the PV and the label behind a rejection', () => {
    const cluster = clusterOf([testNode], [], { persistentVolumes: [pv('Vol_b', { [ZONE]: 'us-west1-b' })], persistentVolumeClaims: [boundClaim('data', 'Vol_b')] });
    const status = runFilterPlugin(volumeZone(undefined), createPodWithVolume('db-0', 'data'), cluster).nodes.host1;
    expect(status?.details).toEqual([{ persistentVolume: 'Vol_b', labelKey: ZONE, volumeValues: ['us-west1-b'], nodeValue: 'us-west1-a' }]);
  });
});
