import type { PluginFactory } from '../../framework/interfaces.js';
import { parsePodTopologySpreadArgs } from './args.js';
import { PodTopologySpread } from './plugin.js';

/** PodTopologySpread, built from v1 PodTopologySpreadArgs (defaulted and validated as upstream). */
export const podTopologySpread: PluginFactory = (args, features) => new PodTopologySpread(parsePodTopologySpreadArgs(args), features);
