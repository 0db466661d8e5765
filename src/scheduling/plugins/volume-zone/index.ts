import type { PluginFactory } from '../../framework/interfaces.js';
import { VolumeZone } from './volume-zone-plugin.js';

/** VolumeZone takes no args. */
export const volumeZone: PluginFactory = () => new VolumeZone();
