/**
 * Reads a submitted scheduler configuration — a kubescheduler.config.k8s.io/v1
 * KubeSchedulerConfiguration, a bare profile (`plugins` / `pluginConfig` at
 * the top), or nothing — into typed profiles, checking its shape the way
 * upstream's strict decoding would and recording every problem with its path.
 */
import type { FieldError } from '../../kube/field-error.js';
import { emptyPlugins, PLUGIN_SET_KEYS, type PluginEntry, type PluginSet, type PluginSetKey, type Plugins } from './plugin-sets.js';
import { fitsInteger, integerProblem } from '../../kube/integer-ranges.js';

export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface PluginConfigInput {
  readonly name: string;
  /** The args without TypeMeta (apiVersion/kind), as the plugin factory takes them. */
  readonly args?: Record<string, unknown>;
  /** Path of this `pluginConfig[i]` entry. */
  readonly path: string;
}

export interface ProfileInput {
  /** e.g. `schedulerConfig.profiles[0]`, or `schedulerConfig` for a bare profile. */
  readonly path: string;
  readonly schedulerName?: string;
  /** undefined: no `plugins` given (upstream keeps the defaults as they are). */
  readonly plugins?: Plugins;
  readonly pluginConfig: readonly PluginConfigInput[];
  readonly percentageOfNodesToScore?: number;
}

export interface SchedulerConfigInput {
  readonly profiles: readonly ProfileInput[];
  readonly percentageOfNodesToScore?: number;
}

/** KubeSchedulerConfiguration fields podplan accepts but that do not affect placement. */
const IGNORED_CONFIGURATION_FIELDS = new Set([
  'parallelism',
  'leaderElection',
  'clientConnection',
  'healthzBindAddress',
  'metricsBindAddress',
  'enableProfiling',
  'enableContentionProfiling',
  'podInitialBackoffSeconds',
  'podMaxBackoffSeconds',
  'delayCacheUntilActive',
]);
const CONFIGURATION_FIELDS = new Set(['apiVersion', 'kind', 'profiles', 'percentageOfNodesToScore', 'extenders', ...IGNORED_CONFIGURATION_FIELDS]);
const PROFILE_FIELDS = new Set(['schedulerName', 'plugins', 'pluginConfig', 'percentageOfNodesToScore']);
/** v1 Plugin; `weight` is read on disabled entries too but means nothing there. */
const PLUGIN_FIELDS = new Set(['name', 'weight']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class ConfigReader {
  constructor(private readonly errors: FieldError[]) {}

  fail(path: string, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  unknownFields(object: Json, known: ReadonlySet<string>, path: string): void {
    for (const key of Object.keys(object)) {
      if (!known.has(key)) this.fail(`${path}.${key}`, 'unknown field');
    }
  }

  /** A v1 `*int32` in [0, 100], upstream validatePercentageOfNodesToScore. */
  percentage(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    const problem = integerProblem(value, 'int32');
    if (problem !== undefined) return this.fail(path, problem);
    const percentage = value as number;
    if (percentage < 0 || percentage > 100) return this.fail(path, `Invalid value: ${percentage}: not in valid range [0-100]`);
    return percentage;
  }

  list(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(path, 'must be a list');
      return [];
    }
    return value;
  }

  pluginEntry(value: unknown, path: string): PluginEntry | undefined {
    if (!isObject(value)) return this.fail(path, 'must be an object with a name');
    this.unknownFields(value, PLUGIN_FIELDS, path);
    const namePath = `${path}.name`;
    if (typeof value.name !== 'string' || value.name === '') return this.fail(namePath, 'Required value: a plugin name');
    const weight = value.weight;
    if (weight === undefined || weight === null) return { name: value.name, namePath };
    // v1 Plugin.Weight is an *int32; upstream does not bound it further, but a negative weight inverts a score.
    if (!fitsInteger(weight, 'int32') || weight < 0) {
      return this.fail(`${path}.weight`, `Invalid value: ${JSON.stringify(weight)}: must be a non-negative integer`);
    }
    return { name: value.name, weight, namePath };
  }

  pluginSet(value: unknown, path: string): PluginSet {
    if (value === undefined || value === null) return { enabled: [], disabled: [] };
    if (!isObject(value)) {
      this.fail(path, 'must be an object with enabled and disabled lists');
      return { enabled: [], disabled: [] };
    }
    this.unknownFields(value, new Set(['enabled', 'disabled']), path);
    const entries = (key: 'enabled' | 'disabled') =>
      this.list(value[key], `${path}.${key}`).flatMap((entry, index) => this.pluginEntry(entry, `${path}.${key}[${index}]`) ?? []);
    return { enabled: entries('enabled'), disabled: entries('disabled') };
  }

  plugins(value: unknown, path: string): Plugins | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.fail(path, 'must be an object keyed by extension point');
    this.unknownFields(value, new Set(PLUGIN_SET_KEYS), path);
    const plugins = emptyPlugins();
    for (const key of PLUGIN_SET_KEYS) plugins[key as PluginSetKey] = this.pluginSet(value[key], `${path}.${key}`);
    return plugins;
  }

  pluginConfig(value: unknown, path: string): PluginConfigInput[] {
    return this.list(value, path).flatMap((entry, index) => {
      const entryPath = `${path}[${index}]`;
      if (!isObject(entry)) return this.fail(entryPath, 'must be an object with name and args') ?? [];
      this.unknownFields(entry, new Set(['name', 'args']), entryPath);
      if (typeof entry.name !== 'string' || entry.name === '') return this.fail(`${entryPath}.name`, 'Required value: a plugin name') ?? [];
      if (entry.args === undefined || entry.args === null) return [{ name: entry.name, path: entryPath }];
      if (!isObject(entry.args)) return this.fail(`${entryPath}.args`, 'must be an object') ?? [];
      const { apiVersion, kind, ...args } = entry.args;
      // Args carry their own TypeMeta in v1 (e.g. kind: NodeResourcesFitArgs); it must name this plugin's args type.
      if (apiVersion !== undefined && apiVersion !== CONFIG_API_VERSION) {
        this.fail(`${entryPath}.args.apiVersion`, `Unsupported value: ${JSON.stringify(apiVersion)}: supported values: "${CONFIG_API_VERSION}"`);
      }
      if (kind !== undefined && kind !== `${entry.name}Args`) {
        this.fail(`${entryPath}.args.kind`, `Invalid value: ${JSON.stringify(kind)}: has to match plugin args (${entry.name}Args)`);
      }
      return [{ name: entry.name, args, path: entryPath }];
    });
  }

  profile(value: unknown, path: string, fields: ReadonlySet<string>): ProfileInput | undefined {
    if (!isObject(value)) return this.fail(path, 'must be a scheduler profile object');
    this.unknownFields(value, fields, path);
    const schedulerName = value.schedulerName;
    if (schedulerName !== undefined && typeof schedulerName !== 'string') this.fail(`${path}.schedulerName`, 'must be a string');
    return {
      path,
      schedulerName: typeof schedulerName === 'string' ? schedulerName : undefined,
      plugins: this.plugins(value.plugins, `${path}.plugins`),
      pluginConfig: this.pluginConfig(value.pluginConfig, `${path}.pluginConfig`),
      percentageOfNodesToScore: this.percentage(value.percentageOfNodesToScore, `${path}.percentageOfNodesToScore`),
    };
  }

  configuration(value: Json, path: string): SchedulerConfigInput {
    this.unknownFields(value, CONFIGURATION_FIELDS, path);
    if (value.apiVersion !== undefined && value.apiVersion !== CONFIG_API_VERSION) {
      this.fail(`${path}.apiVersion`, `Unsupported value: ${JSON.stringify(value.apiVersion)}: supported values: "${CONFIG_API_VERSION}"`);
    }
    if (value.kind !== undefined && value.kind !== CONFIG_KIND) {
      this.fail(`${path}.kind`, `Unsupported value: ${JSON.stringify(value.kind)}: supported values: "${CONFIG_KIND}"`);
    }
    if (this.list(value.extenders, `${path}.extenders`).length > 0) {
      this.fail(`${path}.extenders`, 'scheduler extenders are HTTP services podplan cannot call; remove them to plan without them');
    }
    const listed = this.list(value.profiles, `${path}.profiles`);
    const profiles = listed.flatMap((profile, index) => this.profile(profile, `${path}.profiles[${index}]`, PROFILE_FIELDS) ?? []);
    return {
      // v1 SetDefaults_KubeSchedulerConfiguration: no profiles means one default profile.
      profiles: listed.length > 0 ? profiles : [{ path: `${path}.profiles[0]`, pluginConfig: [] }],
      percentageOfNodesToScore: this.percentage(value.percentageOfNodesToScore, `${path}.percentageOfNodesToScore`),
    };
  }
}

function isConfiguration(value: Json): boolean {
  return 'profiles' in value || 'apiVersion' in value || 'kind' in value;
}

export function readSchedulerConfig(config: unknown, path: string, errors: FieldError[]): SchedulerConfigInput {
  const reader = new ConfigReader(errors);
  if (config === undefined || config === null) return { profiles: [{ path, pluginConfig: [] }] };
  if (!isObject(config)) {
    reader.fail(path, 'must be a KubeSchedulerConfiguration or a scheduler profile object');
    return { profiles: [] };
  }
  if (isConfiguration(config)) return reader.configuration(config, path);
  const profile = reader.profile(config, path, PROFILE_FIELDS);
  return { profiles: profile ? [profile] : [] };
}
