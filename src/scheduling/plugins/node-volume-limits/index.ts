import type { PluginFactory } from '../../framework/interfaces.js';
import { NodeVolumeLimits } from './node-volume-limits-plugin.js';

/** NodeVolumeLimits takes no args. */
export const nodeVolumeLimits: PluginFactory = () => new NodeVolumeLimits();
