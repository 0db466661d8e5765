import type { PluginFactory } from '../../framework/interfaces.js';
import { SchedulingGatesPlugin } from './scheduling-gates-plugin.js';

/** SchedulingGates takes no args (upstream's only feature input, queueing hints, changes nothing for a plan). */
export const schedulingGates: PluginFactory = () => new SchedulingGatesPlugin();
