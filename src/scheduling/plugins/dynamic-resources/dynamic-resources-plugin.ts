/**
 * DynamicResources, as far as podplan simulates it: its PostFilter, which
 * upstream (plugins/dynamicresources/dynamicresources.go PostFilter) runs
 * before DefaultPreemption whenever no node fits. Resource claims are not
 * simulated, so there is never an allocated claim to deallocate and the
 * plugin always answers as upstream does for a pod without claims:
 * Unschedulable "no new claims to deallocate". RunPostFilterPlugins joins that
 * with preemption's reason, which is why FailedScheduling reads
 * "… no new claims to deallocate, preemption: 0/3 nodes are available: …"
 * wherever DynamicResourceAllocation is on (the default from v1.34).
 */
import type { PostFilterPlugin, PostFilterResult } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';

export const ERR_REASON_NO_CLAIMS_TO_DEALLOCATE = 'no new claims to deallocate';
/** upstream: PostFilter of a plugin built with the DynamicResourceAllocation gate off. */
export const ERR_REASON_PLUGIN_DISABLED = 'plugin disabled';

export class DynamicResourcesPlugin implements PostFilterPlugin {
  readonly name = PluginNames.DynamicResources;

  constructor(private readonly enabled: boolean) {}

  postFilter(): PostFilterResult {
    return { status: Status.unschedulable(this.enabled ? ERR_REASON_NO_CLAIMS_TO_DEALLOCATE : ERR_REASON_PLUGIN_DISABLED) };
  }
}
