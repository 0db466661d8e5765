import type { PluginFactory } from '../../framework/interfaces.js';
import { parseDefaultPreemptionArgs } from '../../preemption/args.js';
import { DefaultPreemption } from '../../preemption/default-preemption.js';

/** DefaultPreemption (PostFilter), built from v1 DefaultPreemptionArgs (defaulted and validated as upstream). */
export const defaultPreemption: PluginFactory = (args) => new DefaultPreemption(parseDefaultPreemptionArgs(args));
