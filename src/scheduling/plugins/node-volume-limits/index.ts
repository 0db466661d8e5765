import type { PluginFactory } from '../../framework/interfaces.js';
import { defaultEmulation } from '../../release/emulation.js';
import { NodeVolumeLimits } from './node-volume-limits-plugin.js';

/** NodeVolumeLimits takes no args; VolumeLimitScaling from the release. */
export const nodeVolumeLimits: PluginFactory = (_args, features = defaultEmulation().features) => new NodeVolumeLimits(features.enableVolumeLimitScaling);
