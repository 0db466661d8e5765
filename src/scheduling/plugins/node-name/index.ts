import type { PluginFactory } from '../../framework/interfaces.js';
import { NodeNamePlugin } from './node-name-plugin.js';

/** NodeName takes no args. */
export const nodeName: PluginFactory = () => new NodeNamePlugin();
