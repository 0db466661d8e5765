/**
 * The framework runner (src/scheduling/framework/framework.ts) against
 * upstream pkg/scheduler/framework/runtime/framework_test.go, case names kept:
 * TestRunScorePlugins (weights, NormalizeScore, the [0, 100] range check,
 * PreScore skips), TestRunPreFilterPlugins (skips, Unschedulable keeps
 * going, UnschedulableAndUnresolvable and an empty node set stop),
 * TestFilterPlugins and TestPostFilterPlugins. Upstream
 * injects results through plugin args; here each fake plugin is built with its
 * result. An upstream Error status is a thrown PluginError in podplan.
 */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework, type Profile } from '../../../src/scheduling/framework/framework.js';
import type { FilterPlugin, PostFilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../../src/scheduling/framework/interfaces.js';
import { Code, PluginError, Status } from '../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { runPostFilterPlugins } from '../../../src/scheduling/preemption/run-post-filter.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const profile = (parts: Partial<Profile>): Profile => ({ preFilter: [], filter: [], preScore: [], score: [], ...parts });
const pod = buildPodInfo(makePod('pod').obj());
const cluster = clusterOf([makeNode('node1').obj(), makeNode('node2').obj()]);

interface ScoreInjection {
  scoreRes?: number;
  normalizeRes?: number;
  scoreFails?: boolean;
  normalizeFails?: boolean;
}

/** upstream TestScorePlugin / TestScoreWithNormalizePlugin with an injectedResult. */
function scorePlugin(name: string, inject: ScoreInjection, withNormalize: boolean): ScorePlugin {
  return {
    name,
    score: () => {
      if (inject.scoreFails) throw new PluginError(`injected status`);
      return inject.scoreRes ?? 0;
    },
    ...(withNormalize
      ? {
          normalizeScore: (_state: CycleState, _pod: unknown, scores: Float64Array) => {
            if (inject.normalizeFails) throw new PluginError(`injected normalize status`);
            scores.fill(inject.normalizeRes ?? 0);
          },
        }
      : {}),
  };
}
const skipAtPreScore = (name: string): PreScorePlugin => ({ name, preScore: () => Status.skip() });

describe('TestRunScorePlugins', () => {
  const scorePlugin1 = 'score-plugin-1';
  const normalize1 = 'score-with-normalize-plugin-1';
  const normalize2 = 'score-with-normalize-plugin-2';
  const run = (parts: Partial<Profile>) => {
    const table = new Framework(profile(parts)).runScoring(new CycleState(), pod, cluster.nodes, cluster);
    return table.nodes.map((node, index) => ({
      name: node.name,
      scores: table.plugins.map((column) => ({ name: column.name, score: column.normalized[index] * column.weight })),
      totalScore: table.totals[index],
    }));
  };
  const both = (scores: { name: string; score: number }[]) => {
    const totalScore = scores.reduce((sum, part) => sum + part.score, 0);
    return [
      { name: 'node1', scores, totalScore },
      { name: 'node2', scores, totalScore },
    ];
  };

  it('no Score plugins', () => expect(run({})).toEqual(both([])));

  it('single Score plugin', () => {
    expect(run({ score: [{ plugin: scorePlugin(scorePlugin1, { scoreRes: 1 }, false), weight: 1 }] })).toEqual(both([{ name: scorePlugin1, score: 1 }]));
  });

  it('single ScoreWithNormalize plugin', () => {
    expect(run({ score: [{ plugin: scorePlugin(normalize1, { scoreRes: 10, normalizeRes: 5 }, true), weight: 1 }] })).toEqual(
      both([{ name: normalize1, score: 5 }]),
    );
  });

  it('3 Score plugins, 2 NormalizeScore plugins', () => {
    const table = run({
      score: [
        { plugin: scorePlugin(scorePlugin1, { scoreRes: 1 }, false), weight: 1 },
        { plugin: scorePlugin(normalize1, { scoreRes: 3, normalizeRes: 4 }, true), weight: 1 },
        { plugin: scorePlugin(normalize2, { scoreRes: 4, normalizeRes: 5 }, true), weight: 2 },
      ],
    });
    expect(table).toEqual(
      both([
        { name: scorePlugin1, score: 1 },
        { name: normalize1, score: 4 },
        { name: normalize2, score: 10 },
      ]),
    );
  });

  it.each([
    { name: 'score fails', score1: {}, normalize: { scoreFails: true } },
    { name: 'normalize fails', score1: {}, normalize: { normalizeFails: true } },
  ])('$name', ({ score1, normalize }) => {
    expect(() =>
      run({ score: [{ plugin: scorePlugin(scorePlugin1, score1, false), weight: 1 }, { plugin: scorePlugin(normalize1, normalize, true), weight: 1 }] }),
    ).toThrow(PluginError);
  });

  it.each([
    { name: 'Score plugin return score greater than MaxNodeScore', plugin: () => scorePlugin(scorePlugin1, { scoreRes: 101 }, false), value: 101 },
    { name: 'Score plugin return score less than MinNodeScore', plugin: () => scorePlugin(scorePlugin1, { scoreRes: -1 }, false), value: -1 },
    { name: 'ScoreWithNormalize plugin return score greater than MaxNodeScore', plugin: () => scorePlugin(normalize1, { normalizeRes: 101 }, true), value: 101 },
    { name: 'ScoreWithNormalize plugin return score less than MinNodeScore', plugin: () => scorePlugin(normalize1, { normalizeRes: -1 }, true), value: -1 },
  ])('$name', ({ plugin, value }) => {
    const built = plugin();
    expect(() => run({ score: [{ plugin: built, weight: 1 }] })).toThrow(
      `plugin "${built.name}" returns an invalid score ${value}, it should in the range of [0, 100] after normalizing`,
    );
  });

  it('one success plugin, one skip plugin', () => {
    // The skipped plugin would fail were its Score called.
    const table = run({
      preScore: [skipAtPreScore(normalize1)],
      score: [
        { plugin: scorePlugin(scorePlugin1, { scoreRes: 1 }, false), weight: 1 },
        { plugin: scorePlugin(normalize1, { scoreFails: true }, true), weight: 1 },
      ],
    });
    expect(table).toEqual(both([{ name: scorePlugin1, score: 1 }]));
  });

  it('all plugins are skipped in prescore', () => {
    expect(run({ preScore: [skipAtPreScore(scorePlugin1)], score: [{ plugin: scorePlugin(scorePlugin1, { scoreFails: true }, false), weight: 1 }] })).toEqual(both([]));
  });

  it('skipped prescore plugin number greater than the number of score plugins', () => {
    expect(
      run({
        preScore: [skipAtPreScore(scorePlugin1), skipAtPreScore('score-plugin-unknown')],
        score: [{ plugin: scorePlugin(scorePlugin1, {}, false), weight: 1 }],
      }),
    ).toEqual(both([]));
  });
});

describe('TestRunPreFilterPlugins', () => {
  type Injected = 'success' | 'skip' | 'error' | 'unschedulable' | 'unresolvable' | 'reject-all-nodes';
  const preFilter = (name: string, injected: Injected): PreFilterPlugin => ({
    name,
    preFilter: (): PreFilterResult => {
      switch (injected) {
        case 'success':
          return { status: null };
        case 'skip':
          return { status: Status.skip() };
        case 'error':
          return { status: Status.error('injected status') };
        case 'unschedulable':
          return { status: Status.unschedulable('injected status') };
        case 'unresolvable':
          return { status: Status.unresolvable('injected status') };
        case 'reject-all-nodes':
          return { status: null, nodeNames: new Set() };
      }
    },
  });
  const run = (plugins: [string, Injected][]) =>
    new Framework(profile({ preFilter: plugins.map(([name, injected]) => preFilter(name, injected)) })).runPreFilter(new CycleState(), pod, cluster);

  it.each([
    { name: 'all PreFilter returned success', plugins: [['success1', 'success'], ['success2', 'success']], code: null, skipped: [] },
    { name: 'all PreFilter plugins returned skip', plugins: [['skip1', 'skip'], ['skip2', 'skip'], ['skip3', 'skip']], code: null, skipped: ['skip1', 'skip2', 'skip3'] },
    {
      name: 'some PreFilter plugins returned skip',
      plugins: [['skip1', 'skip'], ['success1', 'success'], ['skip2', 'skip'], ['success2', 'success']],
      code: null,
      skipped: ['skip1', 'skip2'],
    },
    {
      name: 'one PreFilter plugin returned Unschedulable, but another PreFilter plugin should be executed',
      plugins: [['unschedulable', 'unschedulable'], ['skip', 'skip']],
      code: Code.Unschedulable,
      skipped: ['skip'],
    },
    {
      name: "one PreFilter plugin returned UnschedulableAndUnresolvable, and all other plugins aren't executed",
      plugins: [['unresolvable', 'unresolvable'], ['skip', 'skip']],
      code: Code.UnschedulableAndUnresolvable,
      skipped: [],
    },
    {
      name: "all nodes are filtered out by prefilter result, but other plugins aren't executed because we consider all nodes are filtered out by UnschedulableAndUnresolvable",
      plugins: [['reject-all-nodes', 'reject-all-nodes'], ['skip', 'skip']],
      code: Code.UnschedulableAndUnresolvable,
      skipped: [],
    },
  ] as { name: string; plugins: [string, Injected][]; code: Code | null; skipped: string[] }[])('$name', ({ plugins, code, skipped }) => {
    const outcome = run(plugins);
    expect(outcome.status?.code ?? null).toBe(code);
    expect([...outcome.skipped].sort()).toEqual(skipped);
  });

  it.each([
    { name: 'one PreFilter plugin returned success, but another PreFilter plugin returned non-success', plugins: [['success', 'success'], ['error', 'error']] },
    { name: 'one PreFilter plugin returned skip, but another PreFilter plugin returned non-success', plugins: [['skip', 'skip'], ['error', 'error']] },
  ] as { name: string; plugins: [string, Injected][] }[])('$name', ({ plugins }) => {
    expect(() => run(plugins)).toThrow('running PreFilter plugin "error": injected status');
  });
});

// upstream TestFilterPlugins (the TestRunFilterPlugins). Skipped plugins are the ones a
// PreFilter Skip removed from the pod's filter list; the runner is given that list.
describe('TestRunFilterPlugins', () => {
  type Injected = 'success' | 'error' | 'unschedulable' | 'unresolvable';
  const injectFilterReason = 'injected filter status';
  const filter = (name: string, injected: Injected): FilterPlugin => ({
    name,
    filter: () => {
      switch (injected) {
        case 'success':
          return null;
        case 'error':
          return Status.error(injectFilterReason);
        case 'unschedulable':
          return Status.unschedulable(injectFilterReason);
        case 'unresolvable':
          return Status.unresolvable(injectFilterReason);
      }
    },
  });
  const run = (plugins: [string, Injected][], skipped: string[] = []) => {
    const filters = plugins.map(([name, injected]) => filter(name, injected));
    const framework = new Framework(profile({ filter: filters }));
    return framework.runFilters(new CycleState(), pod, cluster.nodes[0], filters.filter((plugin) => !skipped.includes(plugin.name)));
  };

  it.each([
    { name: 'SuccessFilter', plugins: [['TestPlugin', 'success']], want: null },
    { name: 'UnschedulableFilter', plugins: [['TestPlugin', 'unschedulable']], want: [Code.Unschedulable, 'TestPlugin'] },
    { name: 'UnschedulableAndUnresolvableFilter', plugins: [['TestPlugin', 'unresolvable']], want: [Code.UnschedulableAndUnresolvable, 'TestPlugin'] },
    { name: 'UnschedulableAndUnschedulableFilters', plugins: [['TestPlugin1', 'unschedulable'], ['TestPlugin2', 'unschedulable']], want: [Code.Unschedulable, 'TestPlugin1'] },
    {
      name: 'UnschedulableAndUnschedulableAndUnresolvableFilters',
      plugins: [['TestPlugin1', 'unresolvable'], ['TestPlugin2', 'unschedulable']],
      want: [Code.UnschedulableAndUnresolvable, 'TestPlugin1'],
    },
    { name: 'SuccessAndSuccessFilters', plugins: [['TestPlugin1', 'success'], ['TestPlugin2', 'success']], want: null },
    { name: 'SuccessAndSkipFilters', plugins: [['TestPlugin1', 'success'], ['TestPlugin2', 'error']], skipped: ['TestPlugin2'], want: null },
    { name: 'SuccessAndUnschedulableFilters', plugins: [['TestPlugin1', 'success'], ['TestPlugin2', 'unschedulable']], want: [Code.Unschedulable, 'TestPlugin2'] },
  ] as { name: string; plugins: [string, Injected][]; skipped?: string[]; want: [Code, string] | null }[])('$name', ({ plugins, skipped, want }) => {
    const status = run(plugins, skipped);
    expect(status === null ? null : [status.code, status.plugin]).toEqual(want);
    if (status) expect(status.reasons).toEqual([injectFilterReason]);
  });

  it.each([
    { name: 'ErrorFilter', plugins: [['TestPlugin', 'error']], failing: 'TestPlugin' },
    { name: 'ErrorAndErrorFilters', plugins: [['TestPlugin1', 'error'], ['TestPlugin2', 'error']], failing: 'TestPlugin1' },
    { name: 'ErrorAndSuccessFilters', plugins: [['TestPlugin1', 'error'], ['TestPlugin2', 'success']], failing: 'TestPlugin1' },
    { name: 'SuccessAndErrorFilters', plugins: [['TestPlugin1', 'success'], ['TestPlugin2', 'error']], failing: 'TestPlugin2' },
  ] as { name: string; plugins: [string, Injected][]; failing: string }[])('$name', ({ plugins, failing }) => {
    // upstream: fwk.AsStatus(fmt.Errorf(`running %q filter plugin: %w`, name, err)).
    expect(() => run(plugins)).toThrow(`running "${failing}" filter plugin: ${injectFilterReason}`);
  });
});

// upstream TestPostFilterPlugins (the TestRunPostFilterPlugins), through runPostFilterPlugins.
describe('TestRunPostFilterPlugins', () => {
  type Injected = 'success' | 'error' | 'unschedulable' | 'unresolvable';
  const injectReason = 'injected status';
  const postFilter = (name: string, injected: Injected): PostFilterPlugin => ({
    name,
    postFilter: () => {
      switch (injected) {
        case 'success':
          return { status: new Status(Code.Success, [injectReason]) };
        case 'error':
          return { status: Status.error(injectReason) };
        case 'unschedulable':
          return { status: Status.unschedulable(injectReason) };
        case 'unresolvable':
          return { status: Status.unresolvable(injectReason) };
      }
    },
  });
  const run = (plugins: [string, Injected][]) => {
    const framework = new Framework(profile({}));
    const state = new CycleState();
    return runPostFilterPlugins(
      plugins.map(([name, injected]) => postFilter(name, injected)),
      state,
      pod,
      cluster,
      new Map(),
      framework.filterRunner(framework.runPreFilter(state, pod, cluster)),
    ).status;
  };

  it.each([
    { name: 'a single plugin makes a Pod schedulable', plugins: [['TestPlugin', 'success']], want: [Code.Success, [injectReason]] },
    {
      name: 'plugin1 failed to make a Pod schedulable, followed by plugin2 which makes the Pod schedulable',
      plugins: [['TestPlugin1', 'unschedulable'], ['TestPlugin2', 'success']],
      want: [Code.Success, [injectReason]],
    },
    {
      name: 'plugin1 makes a Pod schedulable, followed by plugin2 which cannot make the Pod schedulable',
      plugins: [['TestPlugin1', 'success'], ['TestPlugin2', 'unschedulable']],
      want: [Code.Success, [injectReason]],
    },
    {
      // upstream's case name repeats the second one's; its plugin1 returns Error, which ends the run.
      name: 'plugin1 failed to make a Pod schedulable, followed by plugin2 which makes the Pod schedulable (plugin1 errors)',
      plugins: [['TestPlugin1', 'error'], ['TestPlugin2', 'success']],
      want: [Code.Error, [injectReason], 'TestPlugin1'],
    },
    {
      name: 'plugin1 failed to make a Pod schedulable, followed by plugin2 which makes the Pod unresolvable',
      plugins: [['TestPlugin1', 'unschedulable'], ['TestPlugin2', 'unresolvable']],
      want: [Code.UnschedulableAndUnresolvable, [injectReason], 'TestPlugin2'],
    },
    {
      name: 'both plugins failed to make a Pod schedulable',
      plugins: [['TestPlugin1', 'unschedulable'], ['TestPlugin2', 'unschedulable']],
      want: [Code.Unschedulable, [injectReason, injectReason], 'TestPlugin1'],
    },
  ] as { name: string; plugins: [string, Injected][]; want: [Code, string[], string?] }[])('$name', ({ plugins, want }) => {
    const status = run(plugins);
    const [code, reasons, plugin] = want;
    expect([status.code, status.reasons]).toEqual([code, reasons]);
    if (plugin) expect(status.plugin).toBe(plugin);
  });
});
