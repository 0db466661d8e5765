import type { PluginFactory } from '../../framework/interfaces.js';
import { NodePorts } from './node-ports-plugin.js';

/** NodePorts takes no args. */
export const nodePorts: PluginFactory = () => new NodePorts();
