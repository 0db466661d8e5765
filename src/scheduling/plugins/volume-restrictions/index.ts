import type { PluginFactory } from '../../framework/interfaces.js';
import { VolumeRestrictions } from './volume-restrictions-plugin.js';

/** VolumeRestrictions takes no args. */
export const volumeRestrictions: PluginFactory = () => new VolumeRestrictions();
