import { defaultEmulation, resolveEmulation } from '../../../src/scheduling/release/emulation.js';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, type FieldError } from '../../../src/kube/field-error.js';
import { buildProfile, type BuiltProfile } from '../../../src/scheduling/config/build-profile.js';
import { PluginNames } from '../../../src/scheduling/framework/names.js';

const names = (plugins: readonly { name: string }[]) => plugins.map((plugin) => plugin.name);
const weights = (profile: BuiltProfile) => profile.score.map(({ plugin, weight }) => [plugin.name, weight]);

function errorsOf(config: unknown): FieldError[] {
  try {
    buildProfile(config);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const {
  NodeUnschedulable,
  NodeName,
  TaintToleration,
  NodeAffinity,
  NodePorts,
  NodeResourcesFit,
  VolumeRestrictions,
  NodeVolumeLimits,
  VolumeBinding,
  VolumeZone,
  PodTopologySpread,
  InterPodAffinity,
  NodeResourcesBalancedAllocation,
  ImageLocality,
  DynamicResources,
} = PluginNames;

// The default profile after multiPoint expansion: kubernetes/kubernetes
// pkg/scheduler/apis/config/testing/defaults/defaults.go ExpandedPluginsV1, restricted to the simulated plugins, in upstream's order.
// DynamicResources (DynamicResourceAllocation, on in the newest release) comes last: applyFeatureGates inserts it before DefaultPreemption.
const DEFAULT_FILTERS = [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone, PodTopologySpread, InterPodAffinity, DynamicResources];
const DEFAULT_PRE_FILTERS = [NodeAffinity, NodePorts, NodeResourcesFit, VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone, PodTopologySpread, InterPodAffinity, DynamicResources];
const DEFAULT_PRE_SCORES = [TaintToleration, NodeAffinity, NodeResourcesFit, PodTopologySpread, InterPodAffinity, NodeResourcesBalancedAllocation];
const DEFAULT_SCORES = [
  [TaintToleration, 3],
  [NodeAffinity, 2],
  [NodeResourcesFit, 1],
  [PodTopologySpread, 2],
  [InterPodAffinity, 2],
  // v1.35: DynamicResources scores firstAvailable selections (kubernetes PR 134711); no weight in the multiPoint entry, so 1.
  [DynamicResources, 1],
  [NodeResourcesBalancedAllocation, 1],
  [ImageLocality, 1],
];

function expectDefaultProfile(profile: BuiltProfile): void {
  expect(names(profile.filter)).toEqual(DEFAULT_FILTERS);
  expect(names(profile.preFilter)).toEqual(DEFAULT_PRE_FILTERS);
  // Our ImageLocality precomputes in PreScore (upstream's has no PreScore); the order of the others is upstream's.
  expect(names(profile.preScore).filter((name) => name !== ImageLocality)).toEqual(DEFAULT_PRE_SCORES);
  expect(weights(profile)).toEqual(DEFAULT_SCORES);
}

describe('buildProfile: the default profile (v1 default_plugins.go, newest release)', () => {
  it('is used when no configuration is given, scoring every node adaptively', () => {
    const profile = buildProfile(undefined);
    expectDefaultProfile(profile);
    expect(profile.schedulerName).toBe('default-scheduler');
    expect(profile.percentageOfNodesToScore).toBeUndefined();
    expect(profile.preEnqueue?.map((plugin) => plugin.name)).toEqual(['SchedulingGates', 'DynamicResources']);
    expect(profile.notSimulatedPlugins).toEqual([
      'PrioritySort',
      'DefaultBinder',
    ]);
    // applyFeatureGates: DynamicResourceAllocation is on in v1.35, so DynamicResources' PostFilter runs first.
    expect(profile.postFilter?.map((plugin) => plugin.name)).toEqual(['DynamicResources', 'DefaultPreemption']);
    expect(profile.kubernetesVersion).toBe('v1.35');
  });

  it.each([
    ['v1.32', ['DefaultPreemption']],
    ['v1.33', ['DefaultPreemption']],
    ['v1.34', ['DynamicResources', 'DefaultPreemption']],
    ['v1.35', ['DynamicResources', 'DefaultPreemption']],
  ] as const)('in %s has the PostFilter plugins %j (DynamicResources only where DynamicResourceAllocation is on)', (release, postFilters) => {
    const profile = buildProfile(undefined, 'schedulerConfig', undefined, defaultEmulation(release));
    expect(profile.postFilter?.map((plugin) => plugin.name)).toEqual(postFilters);
    expect(profile.notSimulatedPlugins.includes('DynamicResources')).toBe(false);
    expect(names(profile.filter).includes('DynamicResources')).toBe(postFilters.length === 2);
    expect(names(profile.reserve ?? []).includes('DynamicResources')).toBe(postFilters.length === 2);
    expect(profile.kubernetesVersion).toBe(release);
  });

  it('follows a DynamicResourceAllocation gate set off where the release lets it', () => {
    const profile = buildProfile(undefined, 'schedulerConfig', undefined, resolveEmulation({ kubernetesVersion: 'v1.34', featureGates: { DynamicResourceAllocation: false } }));
    expect(profile.postFilter?.map((plugin) => plugin.name)).toEqual(['DefaultPreemption']);
  });

  it('is used for a KubeSchedulerConfiguration without profiles', () => {
    expectDefaultProfile(buildProfile({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration' }));
  });

  it('is used for a profile that only names itself', () => {
    expectDefaultProfile(buildProfile({ profiles: [{ schedulerName: 'default-scheduler' }] }));
  });

  it('instantiates each plugin once, shared by its extension points', () => {
    const profile = buildProfile(undefined);
    const affinityFilter = profile.filter.find((plugin) => plugin.name === NodeAffinity);
    expect(profile.preFilter.find((plugin) => plugin.name === NodeAffinity)).toBe(affinityFilter);
    expect(profile.score.find(({ plugin }) => plugin.name === NodeAffinity)?.plugin).toBe(affinityFilter);
  });
});

describe('buildProfile: merging with the defaults (v1 mergePluginSet) and expanding multiPoint', () => {
  it("disabling '*' at multiPoint drops every default, keeping the user's plugins", () => {
    const profile = buildProfile({
      plugins: {
        multiPoint: {
          enabled: [{ name: 'PrioritySort' }, { name: 'DefaultBinder' }, { name: NodeResourcesFit, weight: 4 }],
          disabled: [{ name: '*' }],
        },
      },
    });
    expect(names(profile.filter)).toEqual([NodeResourcesFit]);
    expect(weights(profile)).toEqual([[NodeResourcesFit, 4]]);
    expect(profile.notSimulatedPlugins).toEqual(['PrioritySort', 'DefaultBinder']);
  });

  it("disabling '*' at score keeps the filters and scores only the user's score plugins", () => {
    const profile = buildProfile({
      plugins: { score: { enabled: [{ name: ImageLocality, weight: 7 }], disabled: [{ name: '*' }] } },
    });
    expect(names(profile.filter)).toEqual(DEFAULT_FILTERS);
    expect(weights(profile)).toEqual([[ImageLocality, 7]]);
  });

  it('re-weighting a default at multiPoint keeps its place', () => {
    const profile = buildProfile({ plugins: { multiPoint: { enabled: [{ name: InterPodAffinity, weight: 10 }] } } });
    expect(weights(profile)).toEqual(DEFAULT_SCORES.map(([name, weight]) => [name, name === InterPodAffinity ? 10 : weight]));
  });

  it('re-weighting a default at score moves it first among the score plugins (specific points take precedence)', () => {
    const profile = buildProfile({ plugins: { score: { enabled: [{ name: ImageLocality, weight: 5 }] } } });
    expect(weights(profile)).toEqual([[ImageLocality, 5], ...DEFAULT_SCORES.filter(([name]) => name !== ImageLocality)]);
  });

  it('a weight of 0 means 1 (upstream getScoreWeights)', () => {
    const profile = buildProfile({ plugins: { multiPoint: { enabled: [{ name: TaintToleration, weight: 0 }] } } });
    expect(weights(profile)[0]).toEqual([TaintToleration, 1]);
  });

  it('disabling one default at one point only removes it there', () => {
    const profile = buildProfile({ plugins: { score: { disabled: [{ name: NodeResourcesBalancedAllocation }] } } });
    expect(weights(profile).map(([name]) => name)).not.toContain(NodeResourcesBalancedAllocation);
    expect(names(profile.preScore)).toContain(NodeResourcesBalancedAllocation);
  });

  it('disabling a default at multiPoint removes it everywhere', () => {
    const profile = buildProfile({ plugins: { multiPoint: { disabled: [{ name: TaintToleration }] } } });
    expect(names(profile.filter)).not.toContain(TaintToleration);
    expect(weights(profile).map(([name]) => name)).not.toContain(TaintToleration);
  });

  it('enables MostAllocated scoring through pluginConfig', () => {
    const profile = buildProfile({
      profiles: [
        {
          pluginConfig: [
            {
              name: NodeResourcesFit,
              args: {
                apiVersion: 'kubescheduler.config.k8s.io/v1',
                kind: 'NodeResourcesFitArgs',
                scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
              },
            },
          ],
        },
      ],
    });
    expect(weights(profile)).toEqual(DEFAULT_SCORES);
  });

  it('accepts args for a plugin that is not enabled', () => {
    const profile = buildProfile({
      plugins: { multiPoint: { disabled: [{ name: NodeAffinity }] } },
      pluginConfig: [{ name: NodeAffinity, args: { addedAffinity: {} } }],
    });
    expect(names(profile.filter)).not.toContain(NodeAffinity);
  });

  it('keeps percentageOfNodesToScore, the profile value over the global one', () => {
    expect(buildProfile({ percentageOfNodesToScore: 30, profiles: [{}] }).percentageOfNodesToScore).toBe(30);
    expect(buildProfile({ percentageOfNodesToScore: 30, profiles: [{ percentageOfNodesToScore: 70 }] }).percentageOfNodesToScore).toBe(70);
    expect(buildProfile({ percentageOfNodesToScore: 0 }).percentageOfNodesToScore).toBe(0);
  });

  it('picks the default-scheduler profile among profiles for other schedulers', () => {
    const profile = buildProfile({
      profiles: [
        { schedulerName: 'batch', plugins: { multiPoint: { disabled: [{ name: ImageLocality }] } } },
        { schedulerName: 'default-scheduler', plugins: { score: { disabled: [{ name: '*' }] } } },
      ],
    });
    expect(profile.schedulerName).toBe('default-scheduler');
    expect(profile.score).toEqual([]);
  });
});

describe('buildProfile: errors, every one with its path', () => {
  it('an unknown plugin name, wherever it is', () => {
    const errors = errorsOf({
      profiles: [
        {
          plugins: {
            score: { enabled: [{ name: ImageLocality }, { name: NodeAffinity }, { name: 'NodeResourceFit' }] },
            filter: { disabled: [{ name: 'Bogus' }] },
          },
          pluginConfig: [{ name: 'Imaginary', args: {} }],
        },
      ],
    });
    expect(errors.map((error) => error.path)).toEqual([
      'schedulerConfig.profiles[0].plugins.filter.disabled[0].name',
      'schedulerConfig.profiles[0].plugins.score.enabled[2].name',
      'schedulerConfig.profiles[0].pluginConfig[0].name',
    ]);
    expect(errors[1].message).toMatch(/^unknown plugin "NodeResourceFit"; known plugins: /);
  });

  it('invalid args, at their path below pluginConfig[i].args', () => {
    const errors = errorsOf({
      profiles: [
        {
          pluginConfig: [
            { name: NodeResourcesFit, args: { scoringStrategy: { type: 'Bogus' } } },
            {
              name: NodeAffinity,
              args: {
                addedAffinity: {
                  requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Near', values: ['a'] }] }],
                  },
                },
              },
            },
          ],
        },
      ],
    });
    expect(errors.map((error) => error.path)).toEqual([
      'schedulerConfig.profiles[0].pluginConfig[0].args.scoringStrategy.type',
      'schedulerConfig.profiles[0].pluginConfig[1].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator',
    ]);
    expect(errors[1].message).toBe('Unsupported value: "Near": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"');
  });

  it('args of another kind', () => {
    expect(errorsOf({ pluginConfig: [{ name: NodeAffinity, args: { kind: 'NodeResourcesFitArgs' } }] })).toEqual([
      { path: 'schedulerConfig.pluginConfig[0].args.kind', message: 'Invalid value: "NodeResourcesFitArgs": has to match plugin args (NodeAffinityArgs)' },
    ]);
  });

  it('a repeated pluginConfig entry (upstream validatePluginConfig: Duplicate)', () => {
    expect(errorsOf({ pluginConfig: [{ name: NodeAffinity }, { name: NodeAffinity }] })).toEqual([
      { path: 'schedulerConfig.pluginConfig[1]', message: 'Duplicate value: "NodeAffinity"' },
    ]);
  });

  it.each([
    [-1, 'Invalid value: -1: not in valid range [0-100]'],
    [101, 'Invalid value: 101: not in valid range [0-100]'],
    [12.5, 'must be an integer'],
  ])('percentageOfNodesToScore %s', (value, message) => {
    expect(errorsOf({ percentageOfNodesToScore: value })).toEqual([{ path: 'schedulerConfig.percentageOfNodesToScore', message }]);
    expect(errorsOf({ profiles: [{ percentageOfNodesToScore: value }] })).toEqual([
      { path: 'schedulerConfig.profiles[0].percentageOfNodesToScore', message },
    ]);
  });

  it('a plugin at an extension point it does not implement', () => {
    expect(errorsOf({ plugins: { score: { enabled: [{ name: NodeName }] } } })).toEqual([
      { path: 'schedulerConfig.plugins.score.enabled[0].name', message: 'plugin "NodeName" does not extend ScorePlugin plugin' },
    ]);
  });

  it('a plugin enabled twice at multiPoint', () => {
    // mergePluginSet puts the last entry in the default's place and appends the first, so the first is the repeat.
    const errors = errorsOf({ plugins: { multiPoint: { enabled: [{ name: NodeName }, { name: NodeName }] } } });
    expect(errors).toEqual([
      { path: 'schedulerConfig.plugins.multiPoint.enabled[0].name', message: 'plugin "NodeName" already registered as "FilterPlugin"' },
    ]);
  });

  it('no queue sort or bind plugin left (upstream NewFramework)', () => {
    expect(errorsOf({ plugins: { multiPoint: { disabled: [{ name: '*' }] } } })).toEqual([
      {
        path: 'schedulerConfig.plugins.queueSort',
        message: 'only one queue sort plugin required for profile with scheduler name "default-scheduler", but got 0',
      },
      { path: 'schedulerConfig.plugins.bind', message: 'at least one bind plugin is needed for profile with scheduler name "default-scheduler"' },
    ]);
  });

  it('several profiles without a default-scheduler one, or with repeated names', () => {
    expect(errorsOf({ profiles: [{ schedulerName: 'a' }, { schedulerName: 'b' }] })).toEqual([
      {
        path: 'schedulerConfig.profiles',
        message: 'with several profiles, one must have schedulerName "default-scheduler": podplan plans with that profile',
      },
    ]);
    expect(errorsOf({ profiles: [{ schedulerName: 'default-scheduler' }, { schedulerName: 'default-scheduler' }, {}] })).toEqual([
      { path: 'schedulerConfig.profiles[1].schedulerName', message: 'Duplicate value: "schedulerConfig.profiles[0].schedulerName"' },
      { path: 'schedulerConfig.profiles[2].schedulerName', message: 'Required value' },
    ]);
  });

  it('unknown fields, a wrong apiVersion, and a negative weight, all at once', () => {
    expect(
      errorsOf({
        apiVersion: 'kubescheduler.config.k8s.io/v1beta3',
        profiles: [{ plugin: {}, plugins: { scores: {}, score: { enabled: [{ name: ImageLocality, weight: -2 }] } } }],
      }).map((error) => error.path),
    ).toEqual([
      'schedulerConfig.apiVersion',
      'schedulerConfig.profiles[0].plugin',
      'schedulerConfig.profiles[0].plugins.scores',
      'schedulerConfig.profiles[0].plugins.score.enabled[0].weight',
    ]);
  });

  it('a custom root path', () => {
    expect(() => buildProfile({ plugins: { score: { enabled: [{ name: 'X' }] } } }, 'request.config')).toThrowError(
      /request\.config\.plugins\.score\.enabled\[0\]\.name/,
    );
  });
});
