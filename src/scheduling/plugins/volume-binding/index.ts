import type { PluginFactory } from '../../framework/interfaces.js';
import { VolumeBinding } from './volume-binding-plugin.js';

/**
 * VolumeBindingArgs (bindTimeoutSeconds, shape) are accepted as upstream
 * validates them elsewhere; neither changes a plan: binding never times out
 * in a plan, and shape only feeds the alpha capacity score.
 */
export const volumeBinding: PluginFactory = () => new VolumeBinding();
