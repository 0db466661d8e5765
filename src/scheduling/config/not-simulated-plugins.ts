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
  [PluginNames.VolumeBinding, ['preFilter', 'filter', 'reserve', 'preBind', 'preScore', 'score']],
  [PluginNames.DynamicResources, ['preEnqueue', 'preFilter', 'filter', 'postFilter', 'reserve', 'preBind']],
  [PluginNames.DefaultBinder, ['bind']],
]);
