/**
 * In-tree plugins podplan accepts in a configuration but does not simulate
 * (queue sorting, volumes, DRA, binding), with the extension points
 * upstream's implementations register for (pkg/scheduler/framework/plugins,
 * v1.34), so that multiPoint expansion and "does not extend" errors behave
 * as upstream's. They contribute no filter and no score.
 */
import { PluginNames } from '../framework/names.js';
import type { ExtensionPoint } from './plugin-sets.js';

export const NOT_SIMULATED_PLUGINS: ReadonlyMap<string, readonly ExtensionPoint[]> = new Map<string, readonly ExtensionPoint[]>([
  [PluginNames.PrioritySort, ['queueSort']],
  [PluginNames.DefaultBinder, ['bind']],
]);

/**
 * Extension points upstream's implementation of a simulated plugin
 * registers that podplan leaves out: VolumeBinding's PreBind (its outcome is
 * part of its Reserve here) and its PreScore/Score (only with the alpha
 * StorageCapacityScoring gate; PreScore skips otherwise); DynamicResources'
 * PreBind (a plan binds nothing).
 */
export const UNSIMULATED_POINTS: ReadonlyMap<string, readonly ExtensionPoint[]> = new Map<string, readonly ExtensionPoint[]>([
  [PluginNames.VolumeBinding, ['preBind', 'preScore', 'score']],
  [PluginNames.DynamicResources, ['preBind']],
]);
