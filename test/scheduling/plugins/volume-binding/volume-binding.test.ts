/**
 * VolumeBinding, ported from upstream
 * pkg/scheduler/framework/plugins/volumebinding/volume_binding_test.go
 * (TestVolumeBinding), case names kept: PreFilter's status, then Filter's on
 * each node. The cases upstream runs with the VolumeCapacityPriority
 * (StorageCapacityScoring) gate also expect scores; that alpha score is not
 * simulated, so only their PreFilter and Filter expectations are ported.
 */
import type { V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { volumeBinding } from '../../../../src/scheduling/plugins/volume-binding/index.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';
import { immediateSC, makeNode, makePod, makePV, makePVC, waitHDDSC, waitSC } from './builders.js';

const BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
const NODE_CONFLICT = 'node(s) had volume node affinity conflict';
const PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
const HOSTNAME = 'kubernetes.io/hostname';
const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';

interface Case {
  name: string;
  pod: V1Pod;
  nodes: V1Node[];
  pvcs?: V1PersistentVolumeClaim[];
  pvs?: V1PersistentVolume[];
  /** undefined: success; 'Skip'; or the UnschedulableAndUnresolvable reason. */
  wantPreFilterStatus?: 'Skip' | string;
  /** Per node: null passes, else the reasons of an UnschedulableAndUnresolvable status. */
  wantFilterStatus: (string[] | null)[];
  /** Per node, where given: the claims and PVs a rejection names (podplan's explanation facts). */
  wantFilterDetails?: (object[] | null)[];
}

const zonalNodes = (): V1Node[] =>
  ['a', 'b', 'c'].flatMap((zone) => ['a', 'b'].map((node) => makeNode(`zone-${zone}-node-${node}`, { [REGION]: `region-${zone}`, [ZONE]: `zone-${zone}` })));
const zonalPV = (name: string, zone: string, capacity: string): V1PersistentVolume =>
  makePV(name, waitSC.metadata!.name!).withPhase('Available').withCapacity(capacity).withNodeAffinity({ [REGION]: [`region-${zone}`], [ZONE]: [`zone-${zone}`] }).obj;
const localPV = (name: string, className: string, capacity: string, node: string): V1PersistentVolume =>
  makePV(name, className).withPhase('Available').withCapacity(capacity).withNodeAffinity({ [HOSTNAME]: [node] }).obj;

const cases: Case[] = [
  { name: 'pod has not pvcs', pod: makePod('pod-a').obj, nodes: [makeNode('node-a')], wantPreFilterStatus: 'Skip', wantFilterStatus: [null] },
  {
    name: 'all bound',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [makePVC('pvc-a', 'wait-sc').withBoundPV('pv-a').obj],
    pvs: [makePV('pv-a', 'wait-sc').withPhase('Available').obj],
    wantFilterStatus: [null],
  },
  {
    name: 'PVC does not exist',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [],
    wantPreFilterStatus: 'persistentvolumeclaim "pvc-a" not found',
    wantFilterStatus: [],
  },
  {
    name: 'Part of PVCs do not exist',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').withPVCVolume('pvc-b', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [makePVC('pvc-a', 'wait-sc').withBoundPV('pv-a').obj],
    wantPreFilterStatus: 'persistentvolumeclaim "pvc-b" not found',
    wantFilterStatus: [],
  },
  {
    name: 'immediate claims not bound',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [makePVC('pvc-a', immediateSC.metadata!.name!).obj],
    wantPreFilterStatus: 'pod has unbound immediate PersistentVolumeClaims',
    wantFilterStatus: [],
  },
  {
    name: 'unbound claims no matches',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [makePVC('pvc-a', 'wait-sc').obj],
    wantFilterStatus: [[BIND_CONFLICT]],
  },
  {
    name: 'bound and unbound unsatisfied',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').withPVCVolume('pvc-b', '').obj,
    nodes: [makeNode('node-a', { foo: 'barbar' })],
    pvcs: [makePVC('pvc-a', 'wait-sc').withBoundPV('pv-a').obj, makePVC('pvc-b', 'wait-sc').obj],
    pvs: [makePV('pv-a', 'wait-sc').withPhase('Available').withNodeAffinity({ foo: ['bar'] }).obj],
    wantFilterStatus: [[NODE_CONFLICT, BIND_CONFLICT]],
    // FindPodVolumes reports the bound claim's conflict beside the failed provisioning: both claims are named.
    wantFilterDetails: [
      [
        { claim: 'pvc-a', persistentVolume: 'pv-a', reason: NODE_CONFLICT },
        { claim: 'pvc-b', storageClass: 'wait-sc', reason: BIND_CONFLICT },
      ],
    ],
  },
  {
    name: 'pvc not found',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    wantPreFilterStatus: 'persistentvolumeclaim "pvc-a" not found',
    wantFilterStatus: [],
  },
  {
    name: 'pv not found',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [makePVC('pvc-a', 'wait-sc').withBoundPV('pv-a').obj],
    wantFilterStatus: [[PV_NOT_EXIST]],
  },
  {
    name: 'pv not found claim lost',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a')],
    pvcs: [makePVC('pvc-a', 'wait-sc').withBoundPV('pv-a').withPhase('Lost').obj],
    wantPreFilterStatus: 'persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "pv-a"',
    wantFilterStatus: [],
  },
  {
    name: 'local volumes with close capacity are preferred',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: [makeNode('node-a'), makeNode('node-b'), makeNode('node-c')],
    pvcs: [makePVC('pvc-a', 'wait-sc').withRequestStorage('50Gi').obj],
    pvs: [
      localPV('pv-a-0', 'wait-sc', '200Gi', 'node-a'),
      localPV('pv-a-1', 'wait-sc', '200Gi', 'node-a'),
      localPV('pv-b-0', 'wait-sc', '100Gi', 'node-b'),
      localPV('pv-b-1', 'wait-sc', '100Gi', 'node-b'),
    ],
    wantFilterStatus: [null, null, [BIND_CONFLICT]],
  },
  {
    name: 'local volumes with close capacity are preferred (multiple pvcs)',
    pod: makePod('pod-a').withPVCVolume('pvc-0', '').withPVCVolume('pvc-1', '').obj,
    nodes: [makeNode('node-a'), makeNode('node-b'), makeNode('node-c')],
    pvcs: [makePVC('pvc-0', 'wait-sc').withRequestStorage('50Gi').obj, makePVC('pvc-1', waitHDDSC.metadata!.name!).withRequestStorage('100Gi').obj],
    pvs: [
      localPV('pv-a-0', 'wait-sc', '200Gi', 'node-a'),
      localPV('pv-a-1', 'wait-sc', '200Gi', 'node-a'),
      localPV('pv-a-2', 'wait-hdd-sc', '200Gi', 'node-a'),
      localPV('pv-a-3', 'wait-hdd-sc', '200Gi', 'node-a'),
      localPV('pv-b-0', 'wait-sc', '100Gi', 'node-b'),
      localPV('pv-b-1', 'wait-sc', '100Gi', 'node-b'),
      localPV('pv-b-2', 'wait-hdd-sc', '100Gi', 'node-b'),
      localPV('pv-b-3', 'wait-hdd-sc', '100Gi', 'node-b'),
    ],
    wantFilterStatus: [null, null, [BIND_CONFLICT]],
  },
  {
    name: 'zonal volumes with close capacity are preferred',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: zonalNodes(),
    pvcs: [makePVC('pvc-a', 'wait-sc').withRequestStorage('50Gi').obj],
    pvs: [zonalPV('pv-a-0', 'a', '200Gi'), zonalPV('pv-a-1', 'a', '200Gi'), zonalPV('pv-b-0', 'b', '100Gi'), zonalPV('pv-b-1', 'b', '100Gi')],
    wantFilterStatus: [null, null, null, null, [BIND_CONFLICT], [BIND_CONFLICT]],
  },
  {
    name: 'zonal volumes with close capacity are preferred (custom shape)',
    pod: makePod('pod-a').withPVCVolume('pvc-a', '').obj,
    nodes: zonalNodes(),
    pvcs: [makePVC('pvc-a', 'wait-sc').withRequestStorage('50Gi').obj],
    pvs: [zonalPV('pv-a-0', 'a', '200Gi'), zonalPV('pv-a-1', 'a', '200Gi'), zonalPV('pv-b-0', 'b', '100Gi'), zonalPV('pv-b-1', 'b', '100Gi')],
    wantFilterStatus: [null, null, null, null, [BIND_CONFLICT], [BIND_CONFLICT]],
  },
];

describe('VolumeBinding: TestVolumeBinding', () => {
  it.each(cases)('$name', ({ pod, nodes, pvcs = [], pvs = [], wantPreFilterStatus, wantFilterStatus, wantFilterDetails }) => {
    const cluster = clusterOf(nodes, [], { persistentVolumeClaims: pvcs, persistentVolumes: pvs, storageClasses: [immediateSC, waitSC, waitHDDSC] });
    const run = runFilterPlugin(volumeBinding(undefined), pod, cluster);
    if (wantPreFilterStatus === undefined) expect(run.preFilter).toBeNull();
    else if (wantPreFilterStatus === 'Skip') expect(run.preFilter?.code).toBe(Code.Skip);
    else {
      expect({ code: run.preFilter?.code, reasons: run.preFilter?.reasons }).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: [wantPreFilterStatus] });
      // As upstream's test: the framework runs no Filter after a rejecting PreFilter.
      return;
    }
    expect(
      nodes.map((node) => {
        const status = run.nodes[node.metadata!.name!];
        return status === null ? null : { code: status.code, reasons: status.reasons };
      }),
    ).toEqual(wantFilterStatus.map((reasons) => (reasons === null ? null : { code: Code.UnschedulableAndUnresolvable, reasons })));
    if (wantFilterDetails) expect(nodes.map((node) => run.nodes[node.metadata!.name!]?.details ?? null)).toEqual(wantFilterDetails);
  });
});
