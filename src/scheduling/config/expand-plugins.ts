/**
 * Turns a profile's merged plugin sets into the plugin list of every
 * extension point, as upstream runtime/framework.go NewFramework:
 * updatePluginList for the specific extension points, then
 * expandMultiPointPlugins (a specific point's entry overrides the multiPoint
 * one; disabling a plugin at a point removes it there; `*` keeps multiPoint
 * out of a point), then getScoreWeights. Errors carry upstream's messages.
 */
import type { FieldError } from '../../kube/field-error.js';
import { ALL_PLUGINS } from './merge-plugins.js';
import { EXTENSION_POINTS, type ExtensionPoint, type PluginEntry, type Plugins } from './plugin-sets.js';

export type ImplementsPoint = (pluginName: string, point: ExtensionPoint) => boolean;

export type ExpandedPlugins = Readonly<Record<ExtensionPoint, readonly PluginEntry[]>>;

/** Upstream's interface names, as its errors print them (e.g. `ScorePlugin`). */
function interfaceName(point: ExtensionPoint): string {
  return `${point[0].toUpperCase()}${point.slice(1)}Plugin`;
}

/** Ordered set of names with their entries (upstream orderedSet). */
class OrderedEntries {
  private readonly entries = new Map<string, PluginEntry>();

  add(entry: PluginEntry): void {
    if (!this.entries.has(entry.name)) this.entries.set(entry.name, entry);
  }
  has(name: string): boolean {
    return this.entries.has(name);
  }
  delete(name: string): void {
    this.entries.delete(name);
  }
  list(): PluginEntry[] {
    return [...this.entries.values()];
  }
}

export class PluginExpander {
  constructor(
    private readonly implementsPoint: ImplementsPoint,
    private readonly errors: FieldError[],
    /** Where to point errors about upstream's default entries, which have no path of their own. */
    private readonly pluginsPath: string,
  ) {}

  private fail(entry: PluginEntry, message: string): void {
    this.errors.push({ path: entry.namePath ?? this.pluginsPath, message });
  }

  /** upstream updatePluginList: every entry must implement the point, at most once. */
  private specificPoint(point: ExtensionPoint, plugins: Plugins): OrderedEntries {
    const entries = new OrderedEntries();
    for (const entry of plugins[point].enabled) {
      if (!this.implementsPoint(entry.name, point)) {
        this.fail(entry, `plugin "${entry.name}" does not extend ${interfaceName(point)} plugin`);
      } else if (entries.has(entry.name)) {
        this.fail(entry, `plugin "${entry.name}" already registered as "${interfaceName(point)}"`);
      } else {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** upstream expandMultiPointPlugins for one point, with its ordering: overrides, then multiPoint, then the rest. */
  private withMultiPoint(point: ExtensionPoint, plugins: Plugins, specific: OrderedEntries): PluginEntry[] {
    const disabled = new Set(plugins[point].disabled.map((entry) => entry.name));
    if (disabled.has(ALL_PLUGINS)) return specific.list();
    const multiPoint = new OrderedEntries();
    const overrides = new Set<string>();
    for (const entry of plugins.multiPoint.enabled) {
      if (!this.implementsPoint(entry.name, point) || disabled.has(entry.name)) continue;
      if (specific.has(entry.name)) {
        overrides.add(entry.name);
        continue;
      }
      if (multiPoint.has(entry.name)) {
        this.fail(entry, `plugin "${entry.name}" already registered as "${interfaceName(point)}"`);
        continue;
      }
      multiPoint.add(entry);
    }
    const specificEntries = specific.list();
    const overriding = specificEntries.filter((entry) => overrides.has(entry.name));
    const rest = specificEntries.filter((entry) => !overrides.has(entry.name));
    return [...overriding, ...multiPoint.list(), ...rest];
  }

  expand(plugins: Plugins): ExpandedPlugins {
    const expanded = {} as Record<ExtensionPoint, readonly PluginEntry[]>;
    for (const point of EXTENSION_POINTS) {
      const specific = this.specificPoint(point, plugins);
      expanded[point] = plugins.multiPoint.enabled.length > 0 ? this.withMultiPoint(point, plugins, specific) : specific.list();
    }
    return expanded;
  }

  /**
   * upstream getScoreWeights over score.enabled then multiPoint.enabled: the
   * first entry of a Score plugin sets its weight; 0 (or unset) means 1.
   */
  scoreWeights(plugins: Plugins): Map<string, number> {
    const weights = new Map<string, number>();
    for (const entry of [...plugins.score.enabled, ...plugins.multiPoint.enabled]) {
      if (!this.implementsPoint(entry.name, 'score') || weights.has(entry.name)) continue;
      weights.set(entry.name, entry.weight || 1);
    }
    return weights;
  }
}
