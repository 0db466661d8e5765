/**
 * The DaemonSet pods a new node of a template runs from the start, so their
 * requests are taken before any pod is placed there (migration's targets and
 * scale-up's node groups alike). Cluster Autoscaler
 * does the same to a scale-up template (simulator/node_info_utils.go
 * SanitizedTemplateNodeInfoFromNodeInfo with forceDaemonSets, through
 * utils/daemonset GetDaemonSetPodsForNode): every DaemonSet whose pod the
 * DaemonSet controller would create on the node (daemon_controller.go
 * NodeShouldRunDaemonPod: node name, required node affinity and no
 * untolerated NoSchedule/NoExecute taint) gets one pod on it.
 *
 * podplan does not import DaemonSet objects: it reads each DaemonSet from its
 * pods in the cluster (the first by namespace/name stands for all of them).
 * Their spec.nodeSelector and tolerations are the DaemonSet's own (with the
 * controller's default tolerations added); their required node affinity is
 * not — the controller replaces it with a pin to the pod's node
 * (daemonset_util.go ReplaceDaemonSetPodNodeNameNodeAffinity), which is
 * dropped here, so a DaemonSet narrowed by node affinity alone is taken to
 * run on every node its selector and tolerations allow.
 */
import type { V1Node, V1NodeSelectorTerm, V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { buildPodInfo } from '../scheduling/model/pod-info.js';
import type { PodRequestOptions } from '../scheduling/model/pod-requests.js';
import { RequiredNodeAffinity } from '../scheduling/plugins/node-affinity/required-node-affinity.js';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../scheduling/plugins/helper/tolerations.js';
import { controllerOf } from './consolidation/drainability.js';
import type { AddNode } from './scale-up.js';

/** metav1.ObjectNameField: the only field a node selector term may match. */
const NODE_NAME_FIELD = 'metadata.name';

/** One DaemonSet as its pods show it. */
export interface DaemonSetSample {
  readonly namespace: string;
  readonly name: string;
  /** Its pod with neither name, node nor the controller's node pin. */
  readonly pod: V1Pod;
  readonly nodeAffinity: RequiredNodeAffinity;
}

/** The pod's node affinity terms without the controller's `metadata.name` pin; terms left empty go. */
function withoutNodePin(pod: V1Pod): V1Pod {
  const affinity = pod.spec?.affinity;
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return pod;
  const terms: V1NodeSelectorTerm[] = required.nodeSelectorTerms
    .map((term) => ({ ...term, matchFields: term.matchFields?.filter((field) => field.key !== NODE_NAME_FIELD) }))
    .filter((term) => (term.matchExpressions?.length ?? 0) + (term.matchFields?.length ?? 0) > 0);
  const nodeAffinity = { ...affinity!.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: terms.length > 0 ? { nodeSelectorTerms: terms } : undefined };
  return { ...pod, spec: { ...pod.spec!, affinity: { ...affinity, nodeAffinity } } };
}

/** Every DaemonSet with a pod bound in the cluster, in namespace/name order. */
export function daemonSetsOf(cluster: ClusterState): DaemonSetSample[] {
  const samples = new Map<string, { key: string; pod: V1Pod; namespace: string; name: string }>();
  for (const node of cluster.nodes) {
    for (const pod of node.pods) {
      const controller = controllerOf(pod.pod);
      if (controller?.kind !== 'DaemonSet') continue;
      const id = `${pod.namespace}/${controller.name}`;
      const seen = samples.get(id);
      if (!seen || pod.key < seen.key) samples.set(id, { key: pod.key, pod: pod.pod, namespace: pod.namespace, name: controller.name });
    }
  }
  return [...samples.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, sample]) => {
      const unpinned = withoutNodePin(sample.pod);
      const { nodeName: _nodeName, ...spec } = unpinned.spec!;
      const pod: V1Pod = { ...unpinned, metadata: { ...unpinned.metadata, name: undefined }, spec: spec as V1Pod['spec'] };
      return { namespace: sample.namespace, name: sample.name, pod, nodeAffinity: RequiredNodeAffinity.of(pod) };
    });
}

/** NodeShouldRunDaemonPod's shouldRun: the node's labels (and name) fit, and no NoSchedule/NoExecute taint is untolerated. */
export function runsOn(sample: DaemonSetSample, node: V1Node): boolean {
  if (!sample.nodeAffinity.matches({ name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {} })) return false;
  return findMatchingUntoleratedTaint(node.spec?.taints ?? [], sample.pod.spec?.tolerations ?? [], isDoNotScheduleTaint) === undefined;
}

/** Adds `node` to `cluster` with a pod of every DaemonSet that runs on it, bound, named `<daemonset>-<node>`. */
export function addNodeWithDaemonSets(cluster: ClusterState, node: V1Node, daemonSets: readonly DaemonSetSample[], options?: PodRequestOptions): void {
  cluster.addNode(node);
  const nodeName = node.metadata!.name!;
  for (const sample of daemonSets) {
    if (!runsOn(sample, node)) continue;
    const pod: V1Pod = { ...sample.pod, metadata: { ...sample.pod.metadata, name: `${sample.name}-${nodeName}` }, spec: { ...sample.pod.spec!, nodeName } };
    cluster.addPod(buildPodInfo(pod, options), nodeName);
  }
}

/** How a new node of a node group joins `cluster` (scale-up, migration): with the pods of `cluster`'s DaemonSets that run on it. */
export function addNodeWithDaemonSetsOf(cluster: ClusterState, options?: PodRequestOptions): AddNode {
  const daemonSets = daemonSetsOf(cluster);
  return (target, node) => addNodeWithDaemonSets(target, node, daemonSets, options);
}
