/**
 * NodeName, as upstream plugins/nodename/node_name.go: a pod that names its
 * node (spec.nodeName) fits only that node.
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

/** Upstream nodename.Fits. */
export function fitsRequestedNodeName(pod: PodInfo, node: NodeInfo): boolean {
  const requested = pod.pod.spec?.nodeName;
  return !requested || requested === node.name;
}

export class NodeNamePlugin implements FilterPlugin {
  readonly name = PluginNames.NodeName;
  readonly nodeLocal = true;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (fitsRequestedNodeName(pod, node)) return null;
    return Status.unresolvable(ErrReasonNodeName, { requestedNodeName: pod.pod.spec?.nodeName });
  }

  /** Reads the node's name and the pod's spec.nodeName. */
  staticFilterKey(pod: PodInfo): string {
    return pod.pod.spec?.nodeName ?? '';
  }
}
