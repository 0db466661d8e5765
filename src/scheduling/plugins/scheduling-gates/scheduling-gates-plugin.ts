/**
 * SchedulingGates, as upstream plugins/schedulinggates/scheduling_gates.go:
 * a pod that still carries spec.schedulingGates never enters the active
 * queue. Its PreEnqueue answers UnschedulableAndUnresolvable with the gate
 * names as Go's %v prints a []string ("[foo bar]"); the pod is not attempted,
 * so no FailedScheduling event is written. What a person sees is the
 * PodScheduled condition the API server set when the pod was created
 * (pkg/registry/core/pod/strategy.go applySchedulingGatedCondition), which
 * stays until the last gate is removed.
 */
import type { PreEnqueuePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { PodInfo } from '../../model/pod-info.js';

/** v1.PodReasonSchedulingGated: the reason of the gated pod's PodScheduled=False condition. */
export const POD_REASON_SCHEDULING_GATED = 'SchedulingGated';
/** The message of that condition (strategy.go applySchedulingGatedCondition). */
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/** The PreEnqueue status message: `waiting for scheduling gates: [a b]`. */
export function waitingForGatesMessage(gates: readonly string[]): string {
  return `waiting for scheduling gates: [${gates.join(' ')}]`;
}

export function schedulingGatesOf(pod: PodInfo): string[] {
  return (pod.pod.spec?.schedulingGates ?? []).map((gate) => gate.name);
}

export class SchedulingGatesPlugin implements PreEnqueuePlugin {
  readonly name = PluginNames.SchedulingGates;

  preEnqueue(pod: PodInfo): Status | null {
    const gates = schedulingGatesOf(pod);
    if (gates.length === 0) return null;
    return Status.unresolvable(waitingForGatesMessage(gates), { schedulingGates: gates });
  }
}
