/**
 * The `plugins` part of a kubescheduler.config.k8s.io/v1 profile, with the
 * position each entry had in the submitted document so errors can point at
 * it (e.g. `profiles[0].plugins.score.enabled[2].name`).
 */

/** Upstream's extension points, in v1's field order. */
export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;

export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

/** Every `plugins` key: the extension points plus multiPoint. */
export type PluginSetKey = ExtensionPoint | 'multiPoint';

export const PLUGIN_SET_KEYS: readonly PluginSetKey[] = ['multiPoint', ...EXTENSION_POINTS];

export interface PluginEntry {
  readonly name: string;
  /** undefined: not set (v1 `*int32` nil, which upstream treats as 0). */
  readonly weight?: number;
  /** Path of this entry's `name` in the submitted config; undefined for upstream defaults. */
  readonly namePath?: string;
}

export interface PluginSet {
  readonly enabled: readonly PluginEntry[];
  readonly disabled: readonly PluginEntry[];
}

export type Plugins = Readonly<Record<PluginSetKey, PluginSet>>;

export const EMPTY_PLUGIN_SET: PluginSet = { enabled: [], disabled: [] };

export function emptyPlugins(): Record<PluginSetKey, PluginSet> {
  return Object.fromEntries(PLUGIN_SET_KEYS.map((key) => [key, EMPTY_PLUGIN_SET])) as Record<PluginSetKey, PluginSet>;
}
