import type { PluginFactory } from '../../framework/interfaces.js';
import { defaultEmulation } from '../../release/emulation.js';
import { TaintTolerationPlugin } from './taint-toleration-plugin.js';

/** TaintToleration takes no args (upstream New ignores them); its reason's wording follows the release. */
export const taintToleration: PluginFactory = (_args, features = defaultEmulation().features) =>
  new TaintTolerationPlugin(features.untoleratedTaintWording);
