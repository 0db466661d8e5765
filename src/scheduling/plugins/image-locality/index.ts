import type { PluginFactory } from '../../framework/interfaces.js';
import { ImageLocality } from './image-locality-plugin.js';

/** ImageLocality takes no args. */
export const imageLocality: PluginFactory = () => new ImageLocality();
