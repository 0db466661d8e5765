/**
 * NodeUnschedulable, as upstream plugins/nodeunschedulable/node_unschedulable.go:
 * a cordoned node (spec.unschedulable) rejects pods unless they tolerate the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint the node lifecycle
 * controller would put on it.
 */
import type { V1Taint } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { specPartKey } from '../helper/spec-part-key.js';
import { tolerationsTolerateTaint } from '../helper/tolerations.js';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

/** v1.TaintNodeUnschedulable with effect NoSchedule. */
export const UNSCHEDULABLE_TAINT: Readonly<V1Taint> = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulablePlugin implements FilterPlugin {
  readonly name = PluginNames.NodeUnschedulable;
  readonly nodeLocal = true;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return Status.unresolvable(ErrReasonUnschedulable, { unschedulable: true });
  }

  /** Reads the node's cordon and the pod's tolerations. */
  staticFilterKey(pod: PodInfo): string {
    return specPartKey(pod.tolerations);
  }
}
