import type { PluginFactory } from '../../framework/interfaces.js';
import { parseBalancedAllocationArgs } from './balanced-allocation-args.js';
import { NodeResourcesBalancedAllocation } from './balanced-allocation-plugin.js';
import { parseNodeResourcesFitArgs } from './fit-args.js';
import { NodeResourcesFit } from './fit-plugin.js';

/** NodeResourcesFit, built from v1 NodeResourcesFitArgs (defaulted and validated as upstream). */
export const nodeResourcesFit: PluginFactory = (args) => new NodeResourcesFit(parseNodeResourcesFitArgs(args));

/** NodeResourcesBalancedAllocation, built from v1 NodeResourcesBalancedAllocationArgs. */
export const nodeResourcesBalancedAllocation: PluginFactory = (args) =>
  new NodeResourcesBalancedAllocation(parseBalancedAllocationArgs(args));
