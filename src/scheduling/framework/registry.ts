/**
 * The plugins podplan simulates, by upstream name, as upstream's one literal
 * map pkg/scheduler/framework/plugins/registry.go NewInTreeRegistry. Plugins
 * upstream registers but podplan does not simulate are listed in
 * ../config/not-simulated-plugins.ts (DynamicResources is in both: only its
 * PostFilter is simulated).
 */
import { defaultPreemption } from '../plugins/default-preemption/index.js';
import { dynamicResources } from '../plugins/dynamic-resources/index.js';
import { imageLocality } from '../plugins/image-locality/index.js';
import { interPodAffinity } from '../plugins/inter-pod-affinity/index.js';
import { nodeAffinity } from '../plugins/node-affinity/index.js';
import { nodeName } from '../plugins/node-name/index.js';
import { nodePorts } from '../plugins/node-ports/index.js';
import { nodeResourcesBalancedAllocation, nodeResourcesFit } from '../plugins/node-resources/index.js';
import { nodeUnschedulable } from '../plugins/node-unschedulable/index.js';
import { nodeVolumeLimits } from '../plugins/node-volume-limits/index.js';
import { podTopologySpread } from '../plugins/pod-topology-spread/index.js';
import { schedulingGates } from '../plugins/scheduling-gates/index.js';
import { taintToleration } from '../plugins/taint-toleration/index.js';
import { volumeRestrictions } from '../plugins/volume-restrictions/index.js';
import { volumeBinding } from '../plugins/volume-binding/index.js';
import { volumeZone } from '../plugins/volume-zone/index.js';
import type { PluginFactory } from './interfaces.js';
import { PluginNames } from './names.js';

export type Registry = ReadonlyMap<string, PluginFactory>;

export const inTreeRegistry: Registry = new Map<string, PluginFactory>([
  [PluginNames.SchedulingGates, schedulingGates],
  [PluginNames.NodeUnschedulable, nodeUnschedulable],
  [PluginNames.NodeName, nodeName],
  [PluginNames.TaintToleration, taintToleration],
  [PluginNames.NodeAffinity, nodeAffinity],
  [PluginNames.NodePorts, nodePorts],
  [PluginNames.NodeResourcesFit, nodeResourcesFit],
  [PluginNames.VolumeRestrictions, volumeRestrictions],
  [PluginNames.NodeVolumeLimits, nodeVolumeLimits],
  [PluginNames.VolumeBinding, volumeBinding],
  [PluginNames.VolumeZone, volumeZone],
  [PluginNames.PodTopologySpread, podTopologySpread],
  [PluginNames.InterPodAffinity, interPodAffinity],
  [PluginNames.NodeResourcesBalancedAllocation, nodeResourcesBalancedAllocation],
  [PluginNames.ImageLocality, imageLocality],
  [PluginNames.DynamicResources, dynamicResources],
  [PluginNames.DefaultPreemption, defaultPreemption],
]);
