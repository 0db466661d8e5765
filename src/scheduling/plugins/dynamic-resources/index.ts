import type { PluginFactory } from '../../framework/interfaces.js';
import { defaultEmulation } from '../../release/emulation.js';
import { DynamicResourcesPlugin, ScoringDynamicResourcesPlugin } from './dynamic-resources-plugin.js';

/** DynamicResources takes no args podplan reads; it acts when DynamicResourceAllocation is on, with the DRA sub-feature gates of the release. */
export const dynamicResources: PluginFactory = (_args, features = defaultEmulation().features) =>
  new (features.draPrioritizedListScoring ? ScoringDynamicResourcesPlugin : DynamicResourcesPlugin)({
    enabled: features.enableDynamicResourceAllocation,
    adminAccess: features.enableDRAAdminAccess,
    prioritizedList: features.enableDRAPrioritizedList,
    partitionableDevices: features.enableDRAPartitionableDevices,
    deviceTaints: features.enableDRADeviceTaints,
    consumableCapacity: features.enableDRAConsumableCapacity,
    poolRules: features.draPoolRules,
    extendedResource: features.enableDRAExtendedResource,
    extendedResourceRules: features.draExtendedResourceRules,
  });
