/**
 * NodePorts, as upstream plugins/nodeports/node_ports.go: PreFilter collects
 * the pod's host ports (Skip when it has none); Filter rejects nodes where
 * one of them is already bound by a pod there. No PreFilterExtensions
 * upstream: the wanted ports do not depend on other pods.
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { cachedHostPortsOf, hostPortsConflict, hostPortsOf, type HostPortBinding } from './host-ports.js';

export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.NodePorts}`;

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = PluginNames.NodePorts;
  readonly nodeLocal = true;

  preFilter(state: CycleState, pod: PodInfo): PreFilterResult {
    const wanted = hostPortsOf(pod.pod);
    if (wanted.length === 0) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, wanted);
    return { status: null };
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const wanted = state.read<readonly HostPortBinding[]>(PRE_FILTER_STATE_KEY);
    // As upstream fitsPorts: the pod's ports in order, each against every port in use on the node.
    for (const port of wanted) {
      for (const existing of node.pods) {
        for (const used of cachedHostPortsOf(existing.pod)) {
          if (!hostPortsConflict(port, used)) continue;
          return Status.unschedulable(ErrReasonNodePorts, {
            hostIP: port.hostIP,
            protocol: port.protocol,
            hostPort: port.hostPort,
            boundBy: { pod: existing.key, hostIP: used.hostIP },
          });
        }
      }
    }
    return null;
  }
}
