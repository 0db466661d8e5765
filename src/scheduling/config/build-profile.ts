/**
 * Builds the engine's Profile from a submitted scheduler configuration, with
 * upstream's semantics end to end: v1 defaulting (default plugins merged with
 * the user's), plugin instantiation with `pluginConfig` args (validated by
 * each plugin's factory), multiPoint expansion and score weights. Every
 * problem found is reported at once, located by its path.
 */
import type { FieldError } from '../../kube/field-error.js';
import { InvalidInputError } from '../../kube/field-error.js';
import type { Profile, WeightedScorePlugin } from '../framework/framework.js';
import {
  isFilterPlugin,
  isPreEnqueuePlugin,
  isPreFilterPlugin,
  isPostFilterPlugin,
  isPreScorePlugin,
  isReservePlugin,
  isScorePlugin,
  PluginArgsError,
  type FilterPlugin,
  type Plugin,
  type PostFilterPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ReservePlugin,
  type ScorePlugin,
} from '../framework/interfaces.js';
import { inTreeRegistry, type Registry } from '../framework/registry.js';
import { defaultEmulation, podRequestOptionsOf, type Emulation } from '../release/emulation.js';
import { defaultPlugins } from './default-plugins.js';
import { PluginExpander, type ExpandedPlugins } from './expand-plugins.js';
import { ALL_PLUGINS, mergePlugins } from './merge-plugins.js';
import { NOT_SIMULATED_PLUGINS, UNSIMULATED_POINTS } from './not-simulated-plugins.js';
import { EXTENSION_POINTS, PLUGIN_SET_KEYS, type ExtensionPoint, type PluginEntry, type Plugins } from './plugin-sets.js';
import { DEFAULT_SCHEDULER_NAME, readSchedulerConfig, type ProfileInput } from './read-scheduler-config.js';

export interface BuiltProfile extends Profile {
  readonly schedulerName: string;
  /**
   * Enabled plugins podplan accepts but does not simulate (volumes, DRA,
   * queueing, preemption, binding), in profile order, for a warning.
   */
  readonly notSimulatedPlugins: readonly string[];
}

const SIMULATED_POINTS: Readonly<Partial<Record<ExtensionPoint, (plugin: Plugin) => boolean>>> = {
  preEnqueue: isPreEnqueuePlugin,
  preFilter: isPreFilterPlugin,
  filter: isFilterPlugin,
  preScore: isPreScorePlugin,
  score: isScorePlugin,
  postFilter: isPostFilterPlugin,
  reserve: isReservePlugin,
};

class ProfileBuilder {
  constructor(
    private readonly registry: Registry,
    private readonly errors: FieldError[],
    private readonly emulation: Emulation,
  ) {}

  private isKnown(name: string): boolean {
    return this.registry.has(name) || NOT_SIMULATED_PLUGINS.has(name);
  }

  private knownNames(): string {
    return [...this.registry.keys(), ...NOT_SIMULATED_PLUGINS.keys()].sort().join(', ');
  }

  /** Unknown names anywhere in `plugins` and `pluginConfig`, and repeated pluginConfig entries. Returns false on any. */
  private checkNames(profile: ProfileInput): boolean {
    const before = this.errors.length;
    const unknown = (entry: PluginEntry): void => {
      this.errors.push({ path: entry.namePath!, message: `unknown plugin "${entry.name}"; known plugins: ${this.knownNames()}` });
    };
    for (const key of PLUGIN_SET_KEYS) {
      const set = profile.plugins?.[key];
      for (const entry of set?.enabled ?? []) if (!this.isKnown(entry.name)) unknown(entry);
      // `*` only means "all" when disabling.
      for (const entry of set?.disabled ?? []) if (entry.name !== ALL_PLUGINS && !this.isKnown(entry.name)) unknown(entry);
    }
    const seen = new Set<string>();
    for (const entry of profile.pluginConfig) {
      // as upstream validatePluginConfig: field.Duplicate on the repeated entry.
      if (seen.has(entry.name)) this.errors.push({ path: entry.path, message: `Duplicate value: "${entry.name}"` });
      seen.add(entry.name);
      if (!this.isKnown(entry.name)) {
        this.errors.push({ path: `${entry.path}.name`, message: `unknown plugin "${entry.name}"; known plugins: ${this.knownNames()}` });
      }
    }
    return this.errors.length === before;
  }

  /**
   * One instance per simulated plugin, shared by its extension points. As
   * upstream validation does for every pluginConfig entry, args are checked
   * even for plugins the profile does not enable.
   */
  private instantiate(profile: ProfileInput, plugins: Plugins): Map<string, Plugin> | undefined {
    const before = this.errors.length;
    const instances = new Map<string, Plugin>();
    const create = (name: string, args: Record<string, unknown> | undefined, argsPath: string): void => {
      const factory = this.registry.get(name);
      if (!factory) return;
      try {
        instances.set(name, factory(args, this.emulation.features));
      } catch (error) {
        if (!(error instanceof PluginArgsError)) throw error;
        this.errors.push({ path: error.path ? `${argsPath}.${error.path}` : argsPath, message: error.message });
      }
    };
    for (const entry of profile.pluginConfig) create(entry.name, entry.args, `${entry.path}.args`);
    for (const key of PLUGIN_SET_KEYS) {
      for (const entry of plugins[key].enabled) {
        if (!instances.has(entry.name)) create(entry.name, undefined, `${profile.path}.pluginConfig`);
      }
    }
    return this.errors.length === before ? instances : undefined;
  }

  build(profile: ProfileInput, schedulerName: string, globalPercentage: number | undefined): BuiltProfile | undefined {
    if (!this.checkNames(profile)) return undefined;
    const plugins = mergePlugins(defaultPlugins(this.emulation.features), profile.plugins);
    const instances = this.instantiate(profile, plugins);
    if (!instances) return undefined;
    const implementsPoint = (name: string, point: ExtensionPoint): boolean => {
      // A simulated plugin still registers upstream's points podplan does not run (DynamicResources' PreEnqueue, PreBind).
      const instance = instances.get(name);
      if (instance && SIMULATED_POINTS[point]?.(instance)) return true;
      return (NOT_SIMULATED_PLUGINS.get(name) ?? UNSIMULATED_POINTS.get(name))?.includes(point) ?? false;
    };
    const pluginsPath = `${profile.path}.plugins`;
    const expander = new PluginExpander(implementsPoint, this.errors, pluginsPath);
    const before = this.errors.length;
    const expanded = expander.expand(plugins);
    this.checkRequiredPoints(expanded, schedulerName, pluginsPath);
    if (this.errors.length > before) return undefined;
    const weights = expander.scoreWeights(plugins);
    const simulated = <T extends Plugin>(point: ExtensionPoint): T[] =>
      expanded[point].flatMap((entry) => {
        const instance = instances.get(entry.name);
        return instance && SIMULATED_POINTS[point]?.(instance) ? [instance as T] : [];
      });
    const score: WeightedScorePlugin[] = simulated<ScorePlugin>('score').map((plugin) => ({
      plugin,
      weight: weights.get(plugin.name) ?? 1,
    }));
    const inUse = new Set(EXTENSION_POINTS.flatMap((point) => expanded[point].map((entry) => entry.name)));
    // Listed in configuration order (multiPoint first), as a person reads the profile.
    const notSimulated = new Set(
      PLUGIN_SET_KEYS.flatMap((key) => plugins[key].enabled.map((entry) => entry.name)).filter(
        (name) => inUse.has(name) && (!instances.has(name) || NOT_SIMULATED_PLUGINS.has(name)),
      ),
    );
    return {
      schedulerName,
      preEnqueue: simulated<PreEnqueuePlugin>('preEnqueue'),
      preFilter: simulated<PreFilterPlugin>('preFilter'),
      filter: simulated<FilterPlugin>('filter'),
      preScore: simulated<PreScorePlugin>('preScore'),
      score,
      postFilter: simulated<PostFilterPlugin>('postFilter'),
      reserve: simulated<ReservePlugin>('reserve'),
      // as upstream numFeasibleNodesToFind: the profile's value, else the configuration's.
      percentageOfNodesToScore: profile.percentageOfNodesToScore ?? globalPercentage,
      kubernetesVersion: this.emulation.kubernetesVersion,
      podRequestOptions: podRequestOptionsOf(this.emulation.features),
      notSimulatedPlugins: [...notSimulated],
    };
  }

  /** upstream NewFramework: exactly one QueueSort plugin and at least one Bind plugin. */
  private checkRequiredPoints(expanded: ExpandedPlugins, schedulerName: string, pluginsPath: string): void {
    if (expanded.queueSort.length !== 1) {
      this.errors.push({
        path: `${pluginsPath}.queueSort`,
        message: `only one queue sort plugin required for profile with scheduler name "${schedulerName}", but got ${expanded.queueSort.length}`,
      });
    }
    if (expanded.bind.length === 0) {
      this.errors.push({
        path: `${pluginsPath}.bind`,
        message: `at least one bind plugin is needed for profile with scheduler name "${schedulerName}"`,
      });
    }
  }
}

/** Profile names as v1 defaulting and validation see them: a lone profile defaults to default-scheduler. */
function schedulerNames(profiles: readonly ProfileInput[], errors: FieldError[]): string[] {
  if (profiles.length === 1) return [profiles[0].schedulerName || DEFAULT_SCHEDULER_NAME];
  const seen = new Map<string, string>();
  return profiles.map((profile) => {
    const name = profile.schedulerName ?? '';
    const path = `${profile.path}.schedulerName`;
    if (name === '') errors.push({ path, message: 'Required value' });
    else if (seen.has(name)) errors.push({ path, message: `Duplicate value: "${seen.get(name)}"` });
    else seen.set(name, path);
    return name;
  });
}

/**
 * The profile podplan plans with: the configuration's only profile, or, when
 * it has several (for other schedulerNames), the `default-scheduler` one.
 * Every profile is validated. Throws InvalidInputError listing every problem.
 */
export function buildProfile(
  config: unknown,
  path = 'schedulerConfig',
  registry: Registry = inTreeRegistry,
  emulation: Emulation = defaultEmulation(),
): BuiltProfile {
  const errors: FieldError[] = [];
  const input = readSchedulerConfig(config, path, errors);
  const names = schedulerNames(input.profiles, errors);
  const builder = new ProfileBuilder(registry, errors, emulation);
  const built = input.profiles.map((profile, index) => builder.build(profile, names[index], input.percentageOfNodesToScore));
  const chosenIndex = input.profiles.length === 1 ? 0 : names.indexOf(DEFAULT_SCHEDULER_NAME);
  if (input.profiles.length > 1 && chosenIndex < 0) {
    errors.push({
      path: `${path}.profiles`,
      message: `with several profiles, one must have schedulerName "${DEFAULT_SCHEDULER_NAME}": podplan plans with that profile`,
    });
  }
  const chosen = built[chosenIndex];
  if (errors.length > 0 || chosen === undefined) throw new InvalidInputError(errors);
  return chosen;
}
