import type { PluginFactory } from '../../framework/interfaces.js';
import { defaultEmulation } from '../../release/emulation.js';
import { parseBalancedAllocationArgs } from './balanced-allocation-args.js';
import { NodeResourcesBalancedAllocation } from './balanced-allocation-plugin.js';
import { parseNodeResourcesFitArgs } from './fit-args.js';
import { NodeResourcesFit } from './fit-plugin.js';

/** NodeResourcesFit, built from v1 NodeResourcesFitArgs (defaulted and validated as upstream); SidecarContainers and DRAExtendedResource (with the release's rules for it) from the release. */
export const nodeResourcesFit: PluginFactory = (args, features = defaultEmulation().features) =>
  new NodeResourcesFit(parseNodeResourcesFitArgs(args), features.enableSidecarContainers, features.enableDRAExtendedResource, features.draExtendedResourceRules);

/** NodeResourcesBalancedAllocation, built from v1 NodeResourcesBalancedAllocationArgs. */
export const nodeResourcesBalancedAllocation: PluginFactory = (args) =>
  new NodeResourcesBalancedAllocation(parseBalancedAllocationArgs(args));
