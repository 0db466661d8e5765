/**
 * The v1 default profile, as upstream pkg/scheduler/apis/config/v1/
 * default_plugins.go getDefaultPlugins (v1.32–v1.35): everything is enabled
 * through multiPoint, and applyFeatureGates inserts DynamicResources before
 * DefaultPreemption when DynamicResourceAllocation is on (GA and on from
 * v1.34; see ../release/release-table.ts).
 */
import { PluginNames } from '../framework/names.js';
import type { ReleaseFeatures } from '../release/emulation.js';
import { EMPTY_PLUGIN_SET, emptyPlugins, type PluginEntry, type Plugins } from './plugin-sets.js';

const DEFAULT_MULTI_POINT: readonly PluginEntry[] = [
  { name: PluginNames.SchedulingGates },
  { name: PluginNames.PrioritySort },
  { name: PluginNames.NodeUnschedulable },
  { name: PluginNames.NodeName },
  { name: PluginNames.TaintToleration, weight: 3 },
  { name: PluginNames.NodeAffinity, weight: 2 },
  { name: PluginNames.NodePorts },
  { name: PluginNames.NodeResourcesFit, weight: 1 },
  { name: PluginNames.VolumeRestrictions },
  { name: PluginNames.NodeVolumeLimits },
  { name: PluginNames.VolumeBinding },
  { name: PluginNames.VolumeZone },
  { name: PluginNames.PodTopologySpread, weight: 2 },
  { name: PluginNames.InterPodAffinity, weight: 2 },
  { name: PluginNames.DefaultPreemption },
  { name: PluginNames.NodeResourcesBalancedAllocation, weight: 1 },
  { name: PluginNames.ImageLocality, weight: 1 },
  { name: PluginNames.DefaultBinder },
];

/** upstream applyFeatureGates: DynamicResources deallocates claims before DefaultPreemption evicts pods. */
function applyFeatureGates(enabled: readonly PluginEntry[], features: Pick<ReleaseFeatures, 'enableDynamicResourceAllocation'>): PluginEntry[] {
  if (!features.enableDynamicResourceAllocation) return [...enabled];
  const preemption = enabled.findIndex((entry) => entry.name === PluginNames.DefaultPreemption);
  return [...enabled.slice(0, preemption), { name: PluginNames.DynamicResources }, ...enabled.slice(preemption)];
}

export function defaultPlugins(features: Pick<ReleaseFeatures, 'enableDynamicResourceAllocation'>): Plugins {
  return { ...emptyPlugins(), multiPoint: { ...EMPTY_PLUGIN_SET, enabled: applyFeatureGates(DEFAULT_MULTI_POINT, features) } };
}
