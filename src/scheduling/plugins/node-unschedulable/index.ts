import type { PluginFactory } from '../../framework/interfaces.js';
import { NodeUnschedulablePlugin } from './node-unschedulable-plugin.js';

/** NodeUnschedulable takes no args. */
export const nodeUnschedulable: PluginFactory = () => new NodeUnschedulablePlugin();
