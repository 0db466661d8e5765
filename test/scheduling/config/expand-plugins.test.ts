import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../../src/kube/field-error.js';
import { PluginExpander, type ImplementsPoint } from '../../../src/scheduling/config/expand-plugins.js';
import {
  emptyPlugins,
  EXTENSION_POINTS,
  type ExtensionPoint,
  type PluginEntry,
  type PluginSetKey,
  type Plugins,
} from '../../../src/scheduling/config/plugin-sets.js';

// The synthetic plugins of upstream runtime/framework_test.go: testPlugin implements every extension point but
// PreEnqueue, the score plugins Score (scorePlugin1/2 also PreScore), queueSortPlugin QueueSort, bindPlugin Bind.
const testPlugin = 'test-plugin';
const scorePlugin1 = 'score-plugin-1';
const scorePlugin2 = 'score-plugin-2';
const scoreWithNormalizePlugin1 = 'score-with-normalize-plugin-1';
const queueSortPlugin = 'no-op-queue-sort-plugin';
const bindPlugin = 'bind-plugin';

const capabilities: Record<string, readonly ExtensionPoint[]> = {
  [testPlugin]: EXTENSION_POINTS.filter((point) => point !== 'preEnqueue'),
  [scorePlugin1]: ['preScore', 'score'],
  [scorePlugin2]: ['preScore', 'score'],
  [scoreWithNormalizePlugin1]: ['score'],
  [queueSortPlugin]: ['queueSort'],
  [bindPlugin]: ['bind'],
};
const implementsPoint: ImplementsPoint = (name, point) => capabilities[name]?.includes(point) ?? false;

type SetSpec = { enabled?: (string | [string, number])[]; disabled?: string[] };

function pluginsOf(spec: Partial<Record<PluginSetKey, SetSpec>>): Plugins {
  const plugins = emptyPlugins();
  for (const [key, set] of Object.entries(spec) as [PluginSetKey, SetSpec][]) {
    plugins[key] = {
      enabled: (set.enabled ?? []).map((entry, index): PluginEntry => {
        const [name, weight] = typeof entry === 'string' ? [entry, undefined] : entry;
        return { name, weight, namePath: `plugins.${key}.enabled[${index}].name` };
      }),
      disabled: (set.disabled ?? []).map((name, index) => ({ name, namePath: `plugins.${key}.disabled[${index}].name` })),
    };
  }
  return plugins;
}

/** Every point testPlugin alone lands on, as most upstream expectations list them. */
const testPluginEverywhere = {
  queueSort: [testPlugin],
  preFilter: [testPlugin],
  filter: [testPlugin],
  postFilter: [testPlugin],
  reserve: [testPlugin],
  permit: [testPlugin],
  preBind: [testPlugin],
  bind: [testPlugin],
  postBind: [testPlugin],
};

interface ExpansionCase {
  name: string;
  plugins: Plugins;
  /** Plugin names per point (points not listed expand to nothing), and score weights. */
  want?: Partial<Record<ExtensionPoint, string[]>>;
  wantWeights?: Record<string, number>;
  wantErr?: string;
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/runtime/framework_test.go, TestNewFrameworkMultiPointExpansion.
const cases: ExpansionCase[] = [
  {
    name: 'plugin expansion',
    plugins: pluginsOf({ multiPoint: { enabled: [[testPlugin, 5]] } }),
    want: { ...testPluginEverywhere, preScore: [testPlugin], score: [testPlugin] },
    wantWeights: { [testPlugin]: 5 },
  },
  {
    name: 'disable MultiPoint plugin at some extension points',
    plugins: pluginsOf({ multiPoint: { enabled: [testPlugin] }, preScore: { disabled: [testPlugin] }, score: { disabled: [testPlugin] } }),
    want: testPluginEverywhere,
  },
  {
    name: 'Multiple MultiPoint plugins',
    plugins: pluginsOf({ multiPoint: { enabled: [testPlugin, scorePlugin1] } }),
    want: { ...testPluginEverywhere, preScore: [testPlugin, scorePlugin1], score: [testPlugin, scorePlugin1] },
    wantWeights: { [testPlugin]: 1, [scorePlugin1]: 1 },
  },
  {
    name: 'disable MultiPoint extension',
    plugins: pluginsOf({ multiPoint: { enabled: [testPlugin, scorePlugin1] }, preScore: { disabled: ['*'] } }),
    want: { ...testPluginEverywhere, score: [testPlugin, scorePlugin1] },
  },
  {
    name: 'Reorder MultiPoint plugins (specified extension takes precedence)',
    plugins: pluginsOf({
      multiPoint: { enabled: [scoreWithNormalizePlugin1, testPlugin, scorePlugin1] },
      score: { enabled: [scorePlugin1, testPlugin] },
    }),
    want: { ...testPluginEverywhere, preScore: [testPlugin, scorePlugin1], score: [scorePlugin1, testPlugin, scoreWithNormalizePlugin1] },
    wantWeights: { [scorePlugin1]: 1, [testPlugin]: 1, [scoreWithNormalizePlugin1]: 1 },
  },
  {
    name: 'Reorder MultiPoint plugins (specified extension only takes precedence when it exists in MultiPoint)',
    plugins: pluginsOf({
      multiPoint: { enabled: [testPlugin, scorePlugin1] },
      score: { enabled: [scoreWithNormalizePlugin1, scorePlugin1, testPlugin] },
    }),
    want: { ...testPluginEverywhere, preScore: [testPlugin, scorePlugin1], score: [scorePlugin1, testPlugin, scoreWithNormalizePlugin1] },
  },
  {
    name: 'Override MultiPoint plugins weights',
    plugins: pluginsOf({ multiPoint: { enabled: [testPlugin, scorePlugin1] }, score: { enabled: [[scorePlugin1, 5], [testPlugin, 3]] } }),
    want: { ...testPluginEverywhere, preScore: [testPlugin, scorePlugin1], score: [scorePlugin1, testPlugin] },
    wantWeights: { [scorePlugin1]: 5, [testPlugin]: 3 },
  },
  {
    name: "disable and enable MultiPoint plugins with '*'",
    plugins: pluginsOf({ multiPoint: { enabled: [queueSortPlugin, bindPlugin, scorePlugin1], disabled: ['*'] } }),
    want: { queueSort: [queueSortPlugin], preScore: [scorePlugin1], score: [scorePlugin1], bind: [bindPlugin] },
  },
  {
    name: 'disable and enable MultiPoint plugin by name',
    plugins: pluginsOf({ multiPoint: { enabled: [bindPlugin, queueSortPlugin, scorePlugin1], disabled: [scorePlugin1] } }),
    want: { queueSort: [queueSortPlugin], preScore: [scorePlugin1], score: [scorePlugin1], bind: [bindPlugin] },
  },
  {
    name: "Expect 'already registered' error",
    plugins: pluginsOf({ multiPoint: { enabled: [testPlugin, testPlugin] } }),
    wantErr: 'already registered',
  },
  {
    name: 'Override MultiPoint plugins weights and avoid a plugin being loaded multiple times',
    plugins: pluginsOf({
      multiPoint: { enabled: [testPlugin, scorePlugin1] },
      score: { enabled: [[scorePlugin1, 5], [scorePlugin2, 5], [testPlugin, 3]] },
    }),
    want: { ...testPluginEverywhere, preScore: [testPlugin, scorePlugin1], score: [scorePlugin1, testPlugin, scorePlugin2] },
    wantWeights: { [scorePlugin1]: 5, [testPlugin]: 3, [scorePlugin2]: 5 },
  },
];

describe('multiPoint expansion (upstream TestNewFrameworkMultiPointExpansion)', () => {
  it.each(cases)('$name', ({ plugins, want, wantWeights, wantErr }) => {
    const errors: FieldError[] = [];
    const expander = new PluginExpander(implementsPoint, errors, 'plugins');
    const expanded = expander.expand(plugins);
    if (wantErr) {
      expect(errors.map((error) => error.message).join('; ')).toContain(wantErr);
      return;
    }
    expect(errors).toEqual([]);
    for (const point of EXTENSION_POINTS) {
      expect(expanded[point].map((entry) => entry.name), point).toEqual(want?.[point] ?? []);
    }
    if (wantWeights) expect(Object.fromEntries(expander.scoreWeights(plugins))).toEqual(wantWeights);
  });

  it('rejects a plugin at a point it does not implement, at its path (upstream updatePluginList)', () => {
    const errors: FieldError[] = [];
    new PluginExpander(implementsPoint, errors, 'plugins').expand(pluginsOf({ score: { enabled: [queueSortPlugin] } }));
    expect(errors).toEqual([
      { path: 'plugins.score.enabled[0].name', message: `plugin "${queueSortPlugin}" does not extend ScorePlugin plugin` },
    ]);
  });

  it('rejects a plugin enabled twice at one point, at the second entry', () => {
    const errors: FieldError[] = [];
    new PluginExpander(implementsPoint, errors, 'plugins').expand(pluginsOf({ filter: { enabled: [testPlugin, testPlugin] } }));
    expect(errors).toEqual([
      { path: 'plugins.filter.enabled[1].name', message: `plugin "${testPlugin}" already registered as "FilterPlugin"` },
    ]);
  });
});
