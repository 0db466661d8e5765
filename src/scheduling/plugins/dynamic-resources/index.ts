import type { PluginFactory } from '../../framework/interfaces.js';
import { defaultEmulation } from '../../release/emulation.js';
import { DynamicResourcesPlugin } from './dynamic-resources-plugin.js';

/** DynamicResources takes no args podplan reads; whether it acts follows DynamicResourceAllocation. */
export const dynamicResources: PluginFactory = (_args, features = defaultEmulation().features) =>
  new DynamicResourcesPlugin(features.enableDynamicResourceAllocation);
