import type { PluginFactory } from '../../framework/interfaces.js';
import { parseNodeAffinityArgs } from './node-affinity-args.js';
import { NodeAffinityPlugin } from './node-affinity-plugin.js';

/** Args: v1 NodeAffinityArgs (`addedAffinity`). */
export const nodeAffinity: PluginFactory = (args) => new NodeAffinityPlugin(parseNodeAffinityArgs(args));
