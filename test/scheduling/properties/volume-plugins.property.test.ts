/**
 * The volume plugins' shortcuts change no decision. NodeVolumeLimits keeps
 * each node's attached volumes across the catalogs a plan's Reserves make
 * (node-attachments.ts: catalog lineages, the nodes attaching a pod's
 * volumes), VolumeBinding lists only the PVs FindMatchingVolume can choose
 * (choosable-volumes.ts) and passes nodes on a quick check, and identical
 * replicas share node-local results whatever their claims. Nodes may have
 * VolumeAttachments (of CSI, in-tree and missing PVs), which both count. On random
 * volume clusters, plans with the default profile equal plans whose
 * NodeVolumeLimits and VolumeBinding filters work everything out from
 * scratch on every node, as upstream's do (the reference plugins below,
 * built from the same upstream-shaped helpers), without node-result reuse.
 */
import type { V1CSINode, V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1StorageClass, V1Volume, V1VolumeAttachment } from '@kubernetes/client-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../../src/scheduling/framework/interfaces.js';
import { PluginNames } from '../../../src/scheduling/framework/names.js';
import { inTreeRegistry } from '../../../src/scheduling/framework/registry.js';
import { Code, Status } from '../../../src/scheduling/framework/status.js';
import type { ClusterState } from '../../../src/scheduling/model/cluster-state.js';
import type { NodeInfo } from '../../../src/scheduling/model/node-info.js';
import { buildPodInfo, type PodInfo } from '../../../src/scheduling/model/pod-info.js';
import type { StorageCatalog } from '../../../src/scheduling/model/storage-catalog.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { collectAttachableVolumes, mayUseAttachableVolume } from '../../../src/scheduling/plugins/node-volume-limits/attachable-volumes.js';
import { csiNodeVolumeLimits } from '../../../src/scheduling/plugins/node-volume-limits/node-attachments.js';
import { ErrReasonMaxVolumeCountExceeded, NodeVolumeLimits } from '../../../src/scheduling/plugins/node-volume-limits/node-volume-limits-plugin.js';
import { claimMatching, claimsBySize, findPodVolumes } from '../../../src/scheduling/plugins/volume-binding/find-pod-volumes.js';
import { podVolumeClaims } from '../../../src/scheduling/plugins/volume-binding/pod-volume-claims.js';
import { claimClass, volumeClass } from '../../../src/scheduling/plugins/volume-binding/pv-matching.js';
import { VolumeBinding } from '../../../src/scheduling/plugins/volume-binding/volume-binding-plugin.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const EBS = 'ebs.csi.aws.com';
const PD = 'pd.csi.storage.gke.io';
const zones = ['a', 'b', 'c'];

/** NodeVolumeLimits as upstream csi.go Filter runs it: every pod's volumes looked up again on every node. */
class ReferenceNodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = PluginNames.NodeVolumeLimits;
  private readonly key = 'reference-node-volume-limits';

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    if (!mayUseAttachableVolume(pod.pod)) return { status: Status.skip() };
    state.write(this.key, cluster.objects.storage);
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if ((pod.pod.spec?.volumes ?? []).length === 0) return null;
    const storage = state.read<StorageCatalog>(this.key);
    const csiNode = storage.csiNodes.get(node.name);
    const newVolumes = new Map<string, string>();
    const stop = collectAttachableVolumes(pod, csiNode !== undefined, true, storage, newVolumes);
    if (stop) return stop;
    if (newVolumes.size === 0) return null;
    const limits = csiNodeVolumeLimits(csiNode);
    if (limits.size === 0) return null;
    const attached = new Map<string, string>();
    for (const existing of node.pods) {
      const error = collectAttachableVolumes(existing, csiNode !== undefined, false, storage, attached);
      if (error) return error;
    }
    const attachedCount = new Map<string, number>();
    for (const driver of attached.values()) attachedCount.set(driver, (attachedCount.get(driver) ?? 0) + 1);
    // getNodeVolumeAttachmentInfo: the node's attachments of CSI PVs by attacher, those no pod uses counted too.
    const byAttachment = new Map<string, string>();
    for (const attachment of storage.volumeAttachments.get(node.name) ?? []) {
      const attacher = attachment.spec?.attacher ?? '';
      const pvName = attachment.spec?.source?.persistentVolumeName;
      const csi = pvName === undefined ? undefined : storage.persistentVolumes.get(pvName)?.spec?.csi;
      if (attacher !== '' && csi) byAttachment.set(`${attacher}/${csi.volumeHandle}`, attacher);
    }
    for (const [name, driver] of byAttachment) if (!attached.has(name)) attachedCount.set(driver, (attachedCount.get(driver) ?? 0) + 1);
    const newCount = new Map<string, number>();
    for (const [name, driver] of newVolumes) if (!attached.has(name)) newCount.set(driver, (newCount.get(driver) ?? 0) + 1);
    for (const [driver, count] of newCount) {
      const limit = limits.get(driver);
      if (limit === undefined) continue;
      const current = attachedCount.get(driver) ?? 0;
      if (current + count > limit) {
        return Status.rejectedWithLazyDetails(Code.Unschedulable, ErrReasonMaxVolumeCountExceeded, () => [{ driver, attachLimit: limit, attachedVolumes: current, newVolumes: count }]);
      }
    }
    return null;
  }
}

/** VolumeBinding whose Filter runs FindPodVolumes in full on every node, over every PV of each claim's class (pvCache.ListPVs). */
class ReferenceVolumeBinding extends VolumeBinding {
  private readonly key = 'reference-volume-binding';

  override preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    state.write(this.key, cluster.objects.storage);
    return super.preFilter(state, pod, cluster);
  }

  override filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const storage = state.read<StorageCatalog>(this.key);
    const claims = podVolumeClaims(pod, storage);
    if (claims === undefined || typeof claims === 'string') throw new Error('PreFilter let a pod without resolvable claims through');
    const everyVolume = [...storage.persistentVolumes.values()];
    const matchings = claimsBySize(claims.unboundDelayBinding.filter((claim) => claim.metadata?.annotations?.[SELECTED_NODE] === undefined)).map((claim) =>
      claimMatching(
        claim,
        everyVolume.filter((volume) => volumeClass(volume) === claimClass(claim)),
      ),
    );
    const found = findPodVolumes(claims, matchings, node, storage);
    if ('error' in found) return Status.error(found.error);
    if (found.reasons.length === 0) return null;
    return new Status(Code.UnschedulableAndUnresolvable, found.reasons, found.details);
  }
}

const referenceRegistry = new Map(inTreeRegistry)
  .set(PluginNames.NodeVolumeLimits, () => new ReferenceNodeVolumeLimits())
  .set(PluginNames.VolumeBinding, () => new ReferenceVolumeBinding());

const classNames = ['wffc', 'wffc-zone-a', 'immediate', 'local', 'in-tree'] as const;

const storageClasses: V1StorageClass[] = [
  { metadata: { name: 'wffc' }, provisioner: EBS, volumeBindingMode: 'WaitForFirstConsumer' },
  { metadata: { name: 'wffc-zone-a' }, provisioner: PD, volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE, values: ['a'] }] }] },
  { metadata: { name: 'immediate' }, provisioner: EBS, volumeBindingMode: 'Immediate' },
  { metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
  { metadata: { name: 'in-tree' }, provisioner: 'kubernetes.io/aws-ebs', volumeBindingMode: 'WaitForFirstConsumer' },
];

const nodeArbitrary = fc.record({
  zone: fc.constantFrom(...zones),
  csiNode: fc.constantFrom('none', 'ebs', 'ebs-and-pd', 'no-count'),
  limit: fc.integer({ min: 1, max: 4 }),
  existing: fc.integer({ min: 0, max: 3 }),
  /** VolumeAttachments on the node, each of the PV with this index (modulo the PVs; a missing PV when there are none). */
  attachments: fc.array(fc.nat(13), { maxLength: 2 }),
});

/** A PV: its class, size, where it lives, how it is provisioned, and whether an existing pod's claim holds it. */
const volumeArbitrary = fc.record({
  className: fc.constantFrom(...classNames),
  size: fc.constantFrom('5Gi', '10Gi', '20Gi'),
  affinity: fc.constantFrom('zone', 'host', 'none'),
  zone: fc.constantFrom(...zones),
  host: fc.nat(7),
  source: fc.constantFrom('ebs', 'pd', 'in-tree-ebs', 'host-path'),
  claimed: fc.boolean(),
});

const workloadArbitrary = fc.record({
  replicas: fc.integer({ min: 1, max: 8 }),
  className: fc.constantFrom(...classNames),
  size: fc.constantFrom('5Gi', '10Gi', '20Gi'),
  /** Replicas also mount a claim they all share (bound to the first PV, if any). */
  shared: fc.boolean(),
  /** Some replicas' claims exist already: bound to a PV, or given a node by an earlier attempt. */
  existingClaims: fc.constantFrom('none', 'bound', 'selected-node'),
  inline: fc.boolean(),
  /**
   * An existing pod and the replicas mount one unbound claim: the first
   * replica's Reserve binds it (or picks its node), which changes what the
   * existing pod's node attaches.
   */
  sharedPending: fc.boolean(),
});

function csiNodeOf(name: string, kind: string, limit: number): V1CSINode | undefined {
  if (kind === 'none') return undefined;
  const drivers = kind === 'ebs' ? [EBS] : [EBS, PD];
  return { metadata: { name }, spec: { drivers: drivers.map((driver) => ({ name: driver, nodeID: name, ...(kind !== 'no-count' && { allocatable: { count: limit } }) })) } };
}

type VolumeSpec = typeof volumeArbitrary extends fc.Arbitrary<infer T> ? T : never;

function volumeOf(index: number, spec: VolumeSpec, nodeCount: number): V1PersistentVolume {
  const name = `pv-${index}`;
  const source =
    spec.source === 'ebs'
      ? { csi: { driver: EBS, volumeHandle: `vol-${index}` } }
      : spec.source === 'pd'
        ? { csi: { driver: PD, volumeHandle: `disk-${index}` } }
        : spec.source === 'in-tree-ebs'
          ? { awsElasticBlockStore: { volumeID: `vol-intree-${index}` } }
          : { hostPath: { path: `/data/${index}` } };
  const term =
    spec.affinity === 'zone'
      ? { matchExpressions: [{ key: ZONE, operator: 'In', values: [spec.zone] }] }
      : spec.affinity === 'host'
        ? { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [`n${spec.host % nodeCount}`] }] }
        : undefined;
  return {
    metadata: { name, labels: spec.affinity === 'zone' ? { [ZONE]: spec.zone } : {} },
    spec: {
      capacity: { storage: spec.size },
      accessModes: ['ReadWriteOnce'],
      storageClassName: spec.className,
      ...source,
      ...(term && { nodeAffinity: { required: { nodeSelectorTerms: [term] } } }),
      ...(spec.claimed && { claimRef: { namespace: 'default', name: `claim-${name}` } }),
    },
    status: { phase: spec.claimed ? 'Bound' : 'Available' },
  };
}

function claim(name: string, className: string, size: string, extra: { volumeName?: string; selectedNode?: string } = {}): V1PersistentVolumeClaim {
  return {
    metadata: { name, namespace: 'default', ...(extra.selectedNode && { annotations: { [SELECTED_NODE]: extra.selectedNode } }) },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, resources: { requests: { storage: size } }, ...(extra.volumeName && { volumeName: extra.volumeName }) },
    status: { phase: extra.volumeName ? 'Bound' : 'Pending' },
  };
}

const claimVolume = (volume: string, claimName: string): V1Volume => ({ name: volume, persistentVolumeClaim: { claimName } });

type NodeSpec = typeof nodeArbitrary extends fc.Arbitrary<infer T> ? T : never;
type WorkloadSpec = typeof workloadArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A random volume cluster (nodes, CSINodes, PVs, claims, existing pods mounting them) and a StatefulSet's replicas with their claims. */
function volumeCase(nodeSpecs: readonly NodeSpec[], volumeSpecs: readonly VolumeSpec[], workload: WorkloadSpec): { cluster: ClusterState; replicas: V1Pod[] } {
  const nodes: V1Node[] = nodeSpecs.map((spec, index) =>
    makeNode(`n${index}`).labels({ 'kubernetes.io/hostname': `n${index}`, [ZONE]: spec.zone }).capacity({ cpu: '8', memory: '16Gi', pods: '20' }).obj(),
  );
  const csiNodes = nodeSpecs.flatMap((spec, index) => csiNodeOf(`n${index}`, spec.csiNode, spec.limit) ?? []);
  const volumes = volumeSpecs.map((spec, index) => volumeOf(index, spec, nodes.length));
  const claims: V1PersistentVolumeClaim[] = volumes
    .filter((volume) => volume.spec?.claimRef)
    .map((volume) => claim(volume.spec!.claimRef!.name!, volume.spec!.storageClassName!, String(volume.spec!.capacity!.storage), { volumeName: volume.metadata!.name! }));
  if (workload.sharedPending) claims.push(claim('shared-pending', workload.className, workload.size));
  // Existing pods: each mounts the claims of bound PVs in turn (the first one the shared pending claim), and some an inline EBS disk.
  const existing: V1Pod[] = [];
  let nextClaim = 0;
  nodeSpecs.forEach((spec, nodeIndex) => {
    for (let count = 0; count < spec.existing; count++) {
      const pod = makePod(`e${nodeIndex}-${count}`).node(`n${nodeIndex}`).req({ cpu: '100m' });
      if (workload.sharedPending && existing.length === 0) pod.volume(claimVolume('pending', 'shared-pending'));
      else if (claims.length > 0) pod.volume(claimVolume('data', claims[nextClaim++ % claims.length]!.metadata!.name!));
      if ((nodeIndex + count) % 3 === 0) pod.volume({ name: 'inline', awsElasticBlockStore: { volumeID: `vol-inline-${nodeIndex}` } });
      existing.push(pod.obj());
    }
  });
  // The StatefulSet's replicas and their claims, as prepareSimulation's planned claims make them.
  const replicas: V1Pod[] = [];
  for (let ordinal = 0; ordinal < workload.replicas; ordinal++) {
    const claimName = `data-db-${ordinal}`;
    const available = volumes.find((volume) => !volume.spec?.claimRef && volume.spec?.storageClassName === workload.className);
    if (workload.existingClaims === 'bound' && ordinal === 0 && available) {
      available.spec!.claimRef = { namespace: 'default', name: claimName };
      claims.push(claim(claimName, workload.className, workload.size, { volumeName: available.metadata!.name! }));
    } else if (workload.existingClaims === 'selected-node' && ordinal === 0) {
      claims.push(claim(claimName, workload.className, workload.size, { selectedNode: `n${nodes.length - 1}` }));
    } else {
      claims.push(claim(claimName, workload.className, workload.size));
    }
    const pod = makePod(`db-${ordinal}`).label('app', 'db').req({ cpu: '100m' }).volume(claimVolume('data', claimName));
    if (workload.shared && claims.length > 0) pod.volume(claimVolume('shared', claims[0]!.metadata!.name!));
    if (workload.sharedPending) pod.volume(claimVolume('pending', 'shared-pending'));
    if (workload.inline) pod.volume({ name: 'scratch', awsElasticBlockStore: { volumeID: `vol-inline-0` } });
    replicas.push(pod.obj());
  }
  const volumeAttachments: V1VolumeAttachment[] = nodeSpecs.flatMap((spec, nodeIndex) =>
    spec.attachments.map((pick, index) => {
      const volume = volumes.length > 0 ? volumes[pick % volumes.length]! : undefined;
      return {
        metadata: { name: `va-${nodeIndex}-${index}` },
        spec: { nodeName: `n${nodeIndex}`, attacher: volume?.spec?.csi?.driver ?? EBS, source: { persistentVolumeName: volume?.metadata?.name ?? 'pv-gone' } },
      };
    }),
  );
  return { cluster: clusterOf(nodes, existing, { persistentVolumes: volumes, persistentVolumeClaims: claims, storageClasses, csiNodes, volumeAttachments }), replicas };
}

describe('volume plugins against their from-scratch reference', () => {
  it('place every replica where the reference plugins do, with the same explanations', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArbitrary, { minLength: 1, maxLength: 8 }),
        fc.array(volumeArbitrary, { maxLength: 14 }),
        workloadArbitrary,
        fc.constantFrom('exhaustive', 'faithful'),
        (nodeSpecs, volumeSpecs, workload, mode) => {
          const { cluster, replicas } = volumeCase(nodeSpecs, volumeSpecs, workload);
          const options = { explain: 'full', mode } as const;
          const planned = new Planner(buildProfile(undefined)).plan(cluster, replicas, options).decisions;
          const reference = new Planner(buildProfile(undefined, 'schedulerConfig', referenceRegistry)).plan(cluster, replicas, { ...options, reuseNodeResults: false }).decisions;
          expect(planned).toEqual(reference);
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('PreFilter says Filter passes every node only where Filter passes every node, and every copy of one with a pod fewer', () => {
    let taken = 0;
    let declined = 0;
    const plugins = () => [new NodeVolumeLimits(), new VolumeBinding()];
    fc.assert(
      fc.property(fc.array(nodeArbitrary, { minLength: 1, maxLength: 8 }), fc.array(volumeArbitrary, { maxLength: 14 }), workloadArbitrary, (nodeSpecs, volumeSpecs, workload) => {
        const { cluster, replicas } = volumeCase(nodeSpecs, volumeSpecs, workload);
        for (const replica of replicas) {
          const pod = buildPodInfo(replica);
          for (const plugin of plugins()) {
            const state = new CycleState();
            const result = plugin.preFilter(state, pod, cluster);
            if (!result.passesEveryNode) {
              declined++;
              continue;
            }
            taken++;
            for (const node of cluster.nodes) {
              expect(plugin.filter(state, pod, node), `${plugin.name} on ${node.name}`).toBeNull();
              for (const existing of node.pods) {
                const fewer = node.clone();
                fewer.removePod(existing.key);
                expect(plugin.filter(state, pod, fewer), `${plugin.name} on ${node.name} without ${existing.key}`).toBeNull();
              }
            }
          }
        }
      }),
      { seed: 20261203, numRuns: 300 },
    );
    // Both answers come up, so both paths are exercised.
    expect(taken).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(50);
  });

  it('counts a claim a Reserve bound once on the node of another pod that mounts it', () => {
    // n0 attaches two EBS volumes (its limit): vol-1, and the pending claim both replicas share. db-0
    // lands on n1, and its Reserve binds the shared claim to pv-free; on n0 the shared claim is then
    // pv-free's volume, attached already, so db-1 adds nothing there and fits.
    const nodes = ['n0', 'n1'].map((name) => makeNode(name).labels({ 'kubernetes.io/hostname': name, [ZONE]: 'a' }).capacity({ cpu: '8', memory: '16Gi', pods: '20' }).obj());
    const csiNodes = ['n0', 'n1'].map((name) => csiNodeOf(name, 'ebs', 2)!);
    const volumes: V1PersistentVolume[] = [
      { metadata: { name: 'pv-1' }, spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'wffc', csi: { driver: EBS, volumeHandle: 'vol-1' }, claimRef: { namespace: 'default', name: 'data-e0' } }, status: { phase: 'Bound' } },
      { metadata: { name: 'pv-free' }, spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'wffc', csi: { driver: EBS, volumeHandle: 'vol-free' } }, status: { phase: 'Available' } },
    ];
    const claims = [claim('data-e0', 'wffc', '10Gi', { volumeName: 'pv-1' }), claim('shared-pending', 'wffc', '10Gi')];
    const existing = [makePod('e0').node('n0').req({ cpu: '100m' }).volume(claimVolume('data', 'data-e0')).volume(claimVolume('pending', 'shared-pending')).obj()];
    const replicas = ['n1', 'n0'].map((host, ordinal) =>
      makePod(`db-${ordinal}`).req({ cpu: '100m' }).nodeSelector({ 'kubernetes.io/hostname': host }).volume(claimVolume('pending', 'shared-pending')).obj(),
    );
    const cluster = clusterOf(nodes, existing, { persistentVolumes: volumes, persistentVolumeClaims: claims, storageClasses, csiNodes });
    const planned = new Planner(buildProfile(undefined)).plan(cluster, replicas, { explain: 'full', mode: 'exhaustive' }).decisions;
    const reference = new Planner(buildProfile(undefined, 'schedulerConfig', referenceRegistry)).plan(cluster, replicas, { explain: 'full', mode: 'exhaustive', reuseNodeResults: false }).decisions;
    expect(planned.map((decision) => decision.node)).toEqual(['n1', 'n0']);
    expect(planned).toEqual(reference);
  });
});
