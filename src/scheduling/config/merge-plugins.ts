/**
 * Merges a profile's `plugins` over the defaults, as upstream v1
 * default_plugins.go mergePlugins/mergePluginSet: per extension point,
 * disabling `*` drops every default there; a user-enabled plugin that is also
 * a default replaces it in place (keeping the default order, taking the
 * user's weight); the other user-enabled plugins are appended in their order.
 * Duplicates survive here; the framework's expansion rejects them.
 */
import { PLUGIN_SET_KEYS, type PluginEntry, type PluginSet, type PluginSetKey, type Plugins } from './plugin-sets.js';

export const ALL_PLUGINS = '*';

export function mergePluginSet(defaults: PluginSet, custom: PluginSet): PluginSet {
  const disabledNames = new Set([...custom.disabled, ...defaults.disabled].map((plugin) => plugin.name));
  // As upstream's map: a name enabled twice by the user is found at its last position.
  const customIndex = new Map<string, number>();
  custom.enabled.forEach((plugin, index) => customIndex.set(plugin.name, index));
  const replaced = new Set<number>();
  const enabled: PluginEntry[] = [];
  if (!disabledNames.has(ALL_PLUGINS)) {
    for (const plugin of defaults.enabled) {
      if (disabledNames.has(plugin.name)) continue;
      const index = customIndex.get(plugin.name);
      if (index === undefined) {
        enabled.push(plugin);
      } else {
        enabled.push(custom.enabled[index]);
        replaced.add(index);
      }
    }
  }
  custom.enabled.forEach((plugin, index) => {
    if (!replaced.has(index)) enabled.push(plugin);
  });
  return { enabled, disabled: [...custom.disabled, ...defaults.disabled] };
}

export function mergePlugins(defaults: Plugins, custom: Plugins | undefined): Plugins {
  if (custom === undefined) return defaults;
  const merged = {} as Record<PluginSetKey, PluginSet>;
  for (const key of PLUGIN_SET_KEYS) merged[key] = mergePluginSet(defaults[key], custom[key]);
  return merged;
}
