import type { PluginFactory } from '../../framework/interfaces.js';
import { parseInterPodAffinityArgs } from './args.js';
import { InterPodAffinityPlugin } from './inter-pod-affinity-plugin.js';

/** Args: v1 InterPodAffinityArgs (`hardPodAffinityWeight`, `ignorePreferredTermsOfExistingPods`). */
export const interPodAffinity: PluginFactory = (args) => new InterPodAffinityPlugin(parseInterPodAffinityArgs(args));
