import type { PluginFactory } from '../../framework/interfaces.js';
import { TaintTolerationPlugin } from './taint-toleration-plugin.js';

/** TaintToleration takes no args (upstream New ignores them). */
export const taintToleration: PluginFactory = () => new TaintTolerationPlugin();
