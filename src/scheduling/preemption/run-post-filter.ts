/**
 * Runs a profile's PostFilter plugins, as upstream runtime/framework.go
 * RunPostFilterPlugins: the first Success or UnschedulableAndUnresolvable
 * ends the run; an Error ends it without a result; otherwise every plugin's
 * reasons are joined into one Unschedulable status attributed to the first
 * plugin, carrying the last result that nominated a node.
 */
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterRunner, PostFilterPlugin, PostFilterResult } from '../framework/interfaces.js';
import { Code, Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { PodInfo } from '../model/pod-info.js';

export interface PostFilterOutcome {
  readonly status: Status;
  /** The deciding plugin's result (absent after an Error). */
  readonly result?: PostFilterResult;
}

export function runPostFilterPlugins(
  plugins: readonly PostFilterPlugin[],
  state: CycleState,
  pod: PodInfo,
  cluster: ClusterState,
  failures: ReadonlyMap<string, Status>,
  runner: FilterRunner,
): PostFilterOutcome {
  let result: PostFilterResult | undefined;
  const reasons: string[] = [];
  let rejector = '';
  for (const plugin of plugins) {
    const outcome = plugin.postFilter(state, pod, cluster, failures, runner);
    const status = outcome.status.withPlugin(plugin.name);
    if (status.code === Code.Success || status.code === Code.UnschedulableAndUnresolvable) return { status, result: outcome };
    if (!status.isRejected) return { status };
    if (outcome.nominatedNode !== undefined) result = outcome;
    reasons.push(...status.reasons);
    if (rejector === '') rejector = plugin.name;
  }
  return { status: new Status(Code.Unschedulable, reasons, [], rejector), ...(result ? { result } : {}) };
}
