/**
 * The v1 default profile, as upstream pkg/scheduler/apis/config/v1/
 * default_plugins.go getDefaultPlugins for v1.34/1.35 with default feature
 * gates: everything is enabled through multiPoint, and DynamicResources (DRA
 * is GA and on) is inserted before DefaultPreemption by applyFeatureGates.
 */
import { PluginNames } from '../framework/names.js';
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
  { name: PluginNames.DynamicResources },
  { name: PluginNames.DefaultPreemption },
  { name: PluginNames.NodeResourcesBalancedAllocation, weight: 1 },
  { name: PluginNames.ImageLocality, weight: 1 },
  { name: PluginNames.DefaultBinder },
];

export function defaultPlugins(): Plugins {
  return { ...emptyPlugins(), multiPoint: { ...EMPTY_PLUGIN_SET, enabled: DEFAULT_MULTI_POINT } };
}
