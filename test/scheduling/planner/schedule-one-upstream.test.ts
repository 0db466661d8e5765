/**
 * upstream pkg/scheduler/schedule_one_test.go, re-expressed against
 * scheduleOne (src/scheduling/planner/schedule-one.ts) with case names kept:
 * TestSchedulerSchedulePod, TestFindFitAllError, TestFindFitSomeError,
 * TestFindFitPredicateCallCounts and TestSelectHost. Upstream asserts its
 * internal FitError / Diagnosis structs and result.EvaluatedNodes; podplan
 * has no such structs, so the observable facts are asserted instead: the
 * chosen host (or that there is none), the FailedScheduling text (built from
 * the same per-node statuses), each node's failing plugin and reason, the
 * number of nodes evaluated, and how often a filter ran.
 * The fake plugins mirror upstream pkg/scheduler/testing/framework/fake_plugins.go.
 */
import { describe, expect, it } from 'vitest';
import type { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework, type Profile } from '../../../src/scheduling/framework/framework.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../../src/scheduling/framework/interfaces.js';
import { Status } from '../../../src/scheduling/framework/status.js';
import type { NodeInfo } from '../../../src/scheduling/model/node-info.js';
import type { PodInfo } from '../../../src/scheduling/model/pod-info.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import type { ClusterObjects } from '../../../src/kube/cluster-objects.js';
import { imageLocality } from '../../../src/scheduling/plugins/image-locality/index.js';
import { nodeResourcesBalancedAllocation } from '../../../src/scheduling/plugins/node-resources/index.js';
import { volumeBinding } from '../../../src/scheduling/plugins/volume-binding/index.js';
import { scheduleOne, type CycleOptions } from '../../../src/scheduling/planner/schedule-one.js';
import { SeededRandom } from '../../../src/scheduling/planner/seeded-random.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

/** upstream tf.ErrReasonFake. */
const ErrReasonFake = 'Nodes failed the fake plugin';

const TrueFilter: FilterPlugin = { name: 'TrueFilter', filter: () => null };
const FalseFilter: FilterPlugin = { name: 'FalseFilter', filter: () => Status.unschedulable(ErrReasonFake) };
/** Passes only the node named like the pod. */
const MatchFilter: FilterPlugin = {
  name: 'MatchFilter',
  filter: (_state: CycleState, pod: PodInfo, node: NodeInfo) => (node.name === pod.name ? null : Status.unschedulable(ErrReasonFake)),
};
/** Fails nodes that already run a pod (schedule_one_test.go NoPodsFilterPlugin). */
const NoPodsFilter: FilterPlugin = {
  name: 'NoPodsFilter',
  filter: (_state: CycleState, _pod: PodInfo, node: NodeInfo) => (node.pods.length === 0 ? null : Status.unschedulable(ErrReasonFake)),
};
/** Scores a node by its name read as a number (newNumericMapPlugin). */
const NumericMap: ScorePlugin = { name: 'NumericMap', score: (_state, _pod, node) => Number(node.name) };
/** The same scores, mirrored by NormalizeScore: max + min − score (newReverseNumericMapPlugin). */
const ReverseNumericMap: ScorePlugin = {
  name: 'ReverseNumericMap',
  score: (_state, _pod, node) => Number(node.name),
  normalizeScore: (_state, _pod, scores) => {
    const max = Math.max(...scores);
    const min = Math.min(...scores);
    for (let index = 0; index < scores.length; index++) scores[index] = max + min - scores[index];
  },
};
/** Fails the listed nodes with their code: "injecting failure for pod <name>" (tf.NewFakeFilterPlugin). */
const fakeFilter = (codes: Record<string, 'Unschedulable' | 'UnschedulableAndUnresolvable'>): FilterPlugin => ({
  name: 'FakeFilter',
  filter: (_state: CycleState, pod: PodInfo, node: NodeInfo) => {
    const code = codes[node.name];
    if (!code) return null;
    const reason = `injecting failure for pod ${pod.name}`;
    return code === 'Unschedulable' ? Status.unschedulable(reason) : Status.unresolvable(reason);
  },
});
const EqualPrioritizer: ScorePlugin = { name: 'EqualPrioritizerPlugin', score: () => 1 };
const preFilterWith = (name: string, result: PreFilterResult): PreFilterPlugin => ({ name, preFilter: () => result });

const profile = (parts: Partial<Profile>): Profile => ({ preFilter: [], filter: [], preScore: [], score: [], ...parts });
const nodes = (...names: string[]) => names.map((name) => makeNode(name).label('kubernetes.io/hostname', name).obj());
const full: CycleOptions = { explain: 'full', topCandidates: 3 };
/** upstream's scheduler: nodes in their snapshot order, stopping once enough are feasible. */
const faithful = (nodeInfos: readonly NodeInfo[]): CycleOptions => ({
  explain: 'full',
  topCandidates: 3,
  faithful: { random: new SeededRandom(1), nextStartNodeIndex: 0, nodeOrder: nodeInfos },
});

interface SchedulePodCase {
  name: string;
  profile: Partial<Profile>;
  nodes: string[];
  /** Pods already bound: [pod name, node]. */
  pods?: [string, string][];
  pod: string;
  /** The claims the pod mounts, one volume each (upstream st.MakePod().PVC(name)). */
  podClaims?: string[];
  /** Storage objects of the cluster (upstream's pvcs informer contents). */
  objects?: Partial<ClusterObjects>;
  /** Any of these is a right answer (upstream wantNodes); absent: the pod fits nowhere. */
  wantNodes?: string[];
  /** The FailedScheduling text upstream's FitError.Error() prints for the case's Diagnosis. */
  wantMessage?: string;
  /** Per node, the plugin whose status it carries (upstream's NodeToStatus …WithPlugin). */
  wantFailedPlugins?: Record<string, string>;
  /** upstream wantEvaluatedNodes (default: every node). */
  wantEvaluatedNodes?: number;
}

// upstream TestSchedulerSchedulePod. The extender cases are left out: podplan has no scheduler extenders.
const schedulePodCases: SchedulePodCase[] = [
  {
    name: 'test 1',
    profile: { filter: [FalseFilter] },
    nodes: ['node1', 'node2'],
    pod: '2',
    wantMessage: `0/2 nodes are available: 2 ${ErrReasonFake}.`,
    wantFailedPlugins: { node1: 'FalseFilter', node2: 'FalseFilter' },
  },
  { name: 'test 2', profile: { filter: [TrueFilter] }, nodes: ['node1', 'node2'], pod: 'ignore', wantNodes: ['node1', 'node2'], wantEvaluatedNodes: 1 },
  { name: 'test 3', profile: { filter: [MatchFilter] }, nodes: ['node1', 'node2'], pod: 'node2', wantNodes: ['node2'] },
  {
    name: 'test 4',
    profile: { filter: [TrueFilter], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['3', '2', '1'],
    pod: 'ignore',
    wantNodes: ['3'],
  },
  {
    name: 'test 5',
    profile: { filter: [MatchFilter], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['3', '2', '1'],
    pod: '2',
    wantNodes: ['2'],
  },
  {
    name: 'test 6',
    profile: { filter: [TrueFilter], score: [{ plugin: NumericMap, weight: 1 }, { plugin: ReverseNumericMap, weight: 2 }] },
    nodes: ['3', '2', '1'],
    pod: '2',
    wantNodes: ['1'],
  },
  {
    name: 'test 7',
    profile: { filter: [TrueFilter, FalseFilter], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['3', '2', '1'],
    pod: '2',
    wantMessage: `0/3 nodes are available: 3 ${ErrReasonFake}.`,
    wantFailedPlugins: { '3': 'FalseFilter', '2': 'FalseFilter', '1': 'FalseFilter' },
  },
  {
    name: 'test 8',
    profile: { filter: [NoPodsFilter, MatchFilter], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['1', '2'],
    pods: [['2', '2']],
    pod: '2',
    wantMessage: `0/2 nodes are available: 2 ${ErrReasonFake}.`,
    wantFailedPlugins: { '1': 'MatchFilter', '2': 'NoPodsFilter' },
  },
  {
    name: 'test with filter plugin returning Unschedulable status',
    profile: { filter: [fakeFilter({ '3': 'Unschedulable' })], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['3'],
    pod: 'test-filter',
    wantMessage: '0/1 nodes are available: 1 injecting failure for pod test-filter.',
    wantFailedPlugins: { '3': 'FakeFilter' },
  },
  {
    name: 'test with filter plugin returning UnschedulableAndUnresolvable status',
    profile: { filter: [fakeFilter({ '3': 'UnschedulableAndUnresolvable' })], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['3'],
    pod: 'test-filter',
    wantMessage: '0/1 nodes are available: 1 injecting failure for pod test-filter.',
    wantFailedPlugins: { '3': 'FakeFilter' },
  },
  {
    name: 'test with partial failed filter plugin',
    profile: { filter: [fakeFilter({ '1': 'Unschedulable' })], score: [{ plugin: NumericMap, weight: 1 }] },
    nodes: ['1', '2'],
    pod: 'test-filter',
    wantNodes: ['2'],
  },
  {
    name: 'test prefilter plugin returning Unschedulable status',
    profile: { preFilter: [{ name: 'FakePreFilter', preFilter: () => ({ status: Status.unresolvable('injected unschedulable status') }) }] },
    nodes: ['1', '2'],
    pod: 'test-prefilter',
    wantMessage: '0/2 nodes are available: injected unschedulable status.',
  },
  {
    name: 'test prefilter plugin returning node',
    profile: {
      preFilter: [
        preFilterWith('FakePreFilter1', { status: null }),
        preFilterWith('FakePreFilter2', { status: null, nodeNames: new Set(['node2']) }),
        preFilterWith('FakePreFilter3', { status: null, nodeNames: new Set(['node1', 'node2']) }),
      ],
    },
    nodes: ['node1', 'node2', 'node3'],
    pod: 'test-prefilter',
    wantNodes: ['node2'],
    wantEvaluatedNodes: 1,
  },
  {
    name: 'test prefilter plugin returning non-intersecting nodes',
    profile: {
      preFilter: [
        preFilterWith('FakePreFilter1', { status: null }),
        preFilterWith('FakePreFilter2', { status: null, nodeNames: new Set(['node2']) }),
        preFilterWith('FakePreFilter3', { status: null, nodeNames: new Set(['node1']) }),
      ],
    },
    nodes: ['node1', 'node2', 'node3'],
    pod: 'test-prefilter',
    wantMessage: "0/3 nodes are available: node(s) didn't satisfy plugin(s) [FakePreFilter2 FakePreFilter3] simultaneously.",
  },
  {
    name: 'test prefilter plugin returning empty node set',
    profile: { preFilter: [preFilterWith('FakePreFilter1', { status: null }), preFilterWith('FakePreFilter2', { status: null, nodeNames: new Set() })] },
    nodes: ['node1'],
    pod: 'test-prefilter',
    wantMessage: "0/1 nodes are available: node(s) didn't satisfy plugin FakePreFilter2.",
  },
  {
    name: 'test some nodes are filtered out by prefilter plugin and other are filtered out by filter plugin',
    profile: {
      preFilter: [preFilterWith('FakePreFilter', { status: null, nodeNames: new Set(['node2']) })],
      filter: [fakeFilter({ node2: 'Unschedulable' })],
    },
    nodes: ['node1', 'node2'],
    pod: 'test-prefilter',
    wantMessage: "0/2 nodes are available: 1 injecting failure for pod test-prefilter, 1 node(s) didn't satisfy plugin(s) [FakePreFilter].",
    wantFailedPlugins: { node1: 'FakePreFilter', node2: 'FakeFilter' },
  },
  {
    name: 'test prefilter plugin returning skip',
    profile: {
      preFilter: [{ name: 'FakeFilter2', preFilter: () => ({ status: Status.skip() }) }],
      filter: [
        { name: 'FakeFilter1', filter: (_state, _pod, node) => (node.name === 'node1' ? Status.unschedulable('injecting failure') : null) },
        // Skipped by its own PreFilter: were it run, it would fail every node.
        { name: 'FakeFilter2', filter: () => Status.error('this filter should not run') },
      ],
      score: [{ plugin: EqualPrioritizer, weight: 1 }],
    },
    nodes: ['node1', 'node2', 'node3'],
    pod: 'test-prefilter',
    wantNodes: ['node2', 'node3'],
    wantEvaluatedNodes: 3,
  },
  {
    name: 'test all prescore plugins return skip',
    profile: {
      filter: [TrueFilter],
      preScore: [{ name: 'FakePreScoreAndScorePlugin', preScore: () => Status.skip() } as PreScorePlugin],
      score: [
        {
          plugin: {
            name: 'FakePreScoreAndScorePlugin',
            score: () => {
              throw new Error("this score function shouldn't be executed because this plugin returned Skip in the PreScore");
            },
          },
          weight: 1,
        },
      ],
    },
    nodes: ['node1', 'node2'],
    pod: 'ignore',
    wantNodes: ['node1', 'node2'],
  },
  { name: 'test without score plugin no extra nodes are evaluated', profile: { filter: [TrueFilter] }, nodes: ['node1', 'node2', 'node3'], pod: 'pod1', wantNodes: ['node1', 'node2', 'node3'], wantEvaluatedNodes: 1 },
  {
    name: 'test no score plugin, prefilter plugin returning 2 nodes',
    profile: { preFilter: [preFilterWith('FakePreFilter', { status: null, nodeNames: new Set(['node1', 'node2']) })] },
    nodes: ['node1', 'node2', 'node3'],
    pod: 'test-prefilter',
    wantNodes: ['node1', 'node2'],
    wantEvaluatedNodes: 1,
  },
  {
    name: 'test prefilter plugin returned an invalid node',
    profile: { preFilter: [preFilterWith('FakePreFilter', { status: null, nodeNames: new Set(['invalid-node']) })], filter: [TrueFilter] },
    nodes: ['1', '2'],
    pod: 'test-prefilter',
    wantMessage: "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [FakePreFilter].",
  },
  // The three VolumeBinding cases: upstream registers VolumeBinding as a PreFilter beside TrueFilter.
  {
    name: 'existing PVC',
    profile: { preFilter: [volumeBinding(undefined) as PreFilterPlugin], filter: [TrueFilter] },
    nodes: ['node1', 'node2'],
    pod: 'ignore',
    podClaims: ['existingPVC'],
    objects: {
      persistentVolumeClaims: [{ metadata: { name: 'existingPVC', namespace: 'default' }, spec: { volumeName: 'existingPV' } }],
      persistentVolumes: [{ metadata: { name: 'existingPV' }, spec: { claimRef: { namespace: 'default', name: 'existingPVC' } } }],
    },
    wantNodes: ['node1', 'node2'],
    wantEvaluatedNodes: 1,
  },
  {
    name: 'unknown PVC',
    profile: { preFilter: [volumeBinding(undefined) as PreFilterPlugin], filter: [TrueFilter] },
    nodes: ['node1', 'node2'],
    pod: 'ignore',
    podClaims: ['unknownPVC'],
    wantMessage: '0/2 nodes are available: persistentvolumeclaim "unknownPVC" not found.',
    wantFailedPlugins: { node1: 'VolumeBinding', node2: 'VolumeBinding' },
  },
  {
    name: 'deleted PVC',
    profile: { preFilter: [volumeBinding(undefined) as PreFilterPlugin], filter: [TrueFilter] },
    nodes: ['node1', 'node2'],
    pod: 'ignore',
    podClaims: ['existingPVC'],
    objects: { persistentVolumeClaims: [{ metadata: { name: 'existingPVC', namespace: 'default', deletionTimestamp: new Date(0) } }] },
    wantMessage: '0/2 nodes are available: persistentvolumeclaim "existingPVC" is being deleted.',
    wantFailedPlugins: { node1: 'VolumeBinding', node2: 'VolumeBinding' },
  },
];

describe('TestSchedulerSchedulePod', () => {
  it.each(schedulePodCases)('$name', (test) => {
    const bound = (test.pods ?? []).map(([name, node]) => makePod(name).node(node).obj());
    const cluster = clusterOf(nodes(...test.nodes), bound, test.objects);
    const builder = makePod(test.pod);
    for (const claimName of test.podClaims ?? []) builder.volume({ name: claimName, persistentVolumeClaim: { claimName } });
    const pod = buildPodInfo(builder.obj());
    const framework = new Framework(profile(test.profile));
    // Upstream's scheduler (faithful mode) for the evaluated-node counts; podplan's exhaustive mode for the same verdict.
    const decision = scheduleOne(framework, cluster, pod, faithful(cluster.nodes));
    const exhaustive = scheduleOne(framework, cluster, pod, full);
    if (test.wantNodes) {
      expect(test.wantNodes).toContain(decision.node);
      expect(test.wantNodes).toContain(exhaustive.node);
      expect(decision.evaluatedNodes).toBe(test.wantEvaluatedNodes ?? test.nodes.length);
    } else {
      expect(decision.node).toBeNull();
      expect(decision.failureMessage).toBe(test.wantMessage);
      expect(exhaustive.failureMessage).toBe(test.wantMessage);
    }
    if (test.wantFailedPlugins) {
      const failed = Object.fromEntries((exhaustive.nodes ?? []).filter((node) => !node.feasible).map((node) => [node.node, node.filters?.[0]?.plugin]));
      expect(failed).toEqual(test.wantFailedPlugins);
    }
  });
});

describe('TestSchedulerSchedulePod: errors', () => {
  // upstream wants the error `running PreFilter plugin "FakePreFilter": injected error status`.
  it('test prefilter plugin returning error status', () => {
    const failing: PreFilterPlugin = { name: 'FakePreFilter', preFilter: () => ({ status: Status.error('injected error status') }) };
    const cluster = clusterOf(nodes('1', '2'));
    expect(() => scheduleOne(new Framework(profile({ preFilter: [failing] })), cluster, buildPodInfo(makePod('test-prefilter').obj()), full)).toThrow(
      'running PreFilter plugin "FakePreFilter": injected error status',
    );
  });
});

// upstream Test_prioritizeNodes (the TestPrioritizeNodes): the per-plugin scores each node
// gets and their total, read from podplan's candidates. The extender cases are left out (podplan
// has no extenders). Plugins registered only at Score (tf.RegisterScorePlugin) get no PreScore call.
describe('TestPrioritizeNodes', () => {
  const mb = 1024 * 1024;
  const Node2Prioritizer: ScorePlugin = { name: 'Node2Prioritizer', score: (_state, _pod, node) => (node.name === 'node2' ? 100 : 10) };
  const skippingAtPreScore = {
    name: 'FakePreScoreAndScorePlugin',
    preScore: () => Status.skip(),
    score: () => {
      throw new Error("this score function shouldn't be executed because this plugin returned Skip in the PreScore");
    },
  };
  /** schedule_one_test.go makeNode(name, 1000m, 10 × DefaultMemoryRequest, images...). */
  const node = (name: string, images: [string[], number][] = []) => {
    const builder = makeNode(name).capacity({ cpu: '1000m', memory: String(10 * 200 * mb), pods: '100' });
    for (const [names, size] of images) builder.image(names, size);
    return builder.obj();
  };
  const imageStatus1: [string[], number][] = [
    [['gcr.io/40:latest', 'gcr.io/40:v1'], 80 * mb],
    [['gcr.io/300:latest', 'gcr.io/300:v1'], 300 * mb],
  ];
  const imageStatus2: [string[], number][] = [
    [['gcr.io/300:latest'], 300 * mb],
    [['gcr.io/40:latest', 'gcr.io/40:v1'], 80 * mb],
  ];
  const imageStatus3: [string[], number][] = [
    [['gcr.io/600:latest'], 600 * mb],
    [['gcr.io/40:latest'], 80 * mb],
    [['gcr.io/900:latest'], 900 * mb],
  ];
  const emptyPod = () => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
  const imagePod = (image: string) => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image }] } });
  const balanced = () => nodeResourcesBalancedAllocation(undefined) as ScorePlugin;
  // Upstream's ImageLocality counts the nodes holding each image inside Score; podplan's does it once in PreScore.
  const imageLocalityOnly = (): Partial<Profile> => {
    const plugin = imageLocality(undefined) as ScorePlugin & PreScorePlugin;
    return { preScore: [plugin], score: [{ plugin, weight: 1 }] };
  };
  const twoNodes = () => [node('node1'), node('node2')];
  const threeImageNodes = () => [node('node1', imageStatus1), node('node2', imageStatus2), node('node3', imageStatus3)];

  it.each([
    {
      name: 'the score from all plugins should be recorded in PluginToNodeScores',
      pod: emptyPod(),
      nodes: twoNodes(),
      parts: (): Partial<Profile> => ({ score: [{ plugin: balanced(), weight: 1 }, { plugin: Node2Prioritizer, weight: 1 }] }),
      want: {
        node1: { scores: { Node2Prioritizer: 10, NodeResourcesBalancedAllocation: 0 }, total: 10 },
        node2: { scores: { Node2Prioritizer: 100, NodeResourcesBalancedAllocation: 0 }, total: 100 },
      },
    },
    {
      name: "plugin which returned skip in preScore shouldn't be executed in the score phase",
      pod: emptyPod(),
      nodes: twoNodes(),
      parts: (): Partial<Profile> => ({
        preScore: [skippingAtPreScore],
        score: [{ plugin: balanced(), weight: 1 }, { plugin: Node2Prioritizer, weight: 1 }, { plugin: skippingAtPreScore, weight: 1 }],
      }),
      want: {
        node1: { scores: { Node2Prioritizer: 10, NodeResourcesBalancedAllocation: 0 }, total: 10 },
        node2: { scores: { Node2Prioritizer: 100, NodeResourcesBalancedAllocation: 0 }, total: 100 },
      },
    },
    {
      name: 'all score plugins are skipped',
      pod: emptyPod(),
      nodes: twoNodes(),
      parts: (): Partial<Profile> => ({ preScore: [skippingAtPreScore], score: [{ plugin: skippingAtPreScore, weight: 1 }] }),
      want: { node1: { scores: {}, total: 0 }, node2: { scores: {}, total: 0 } },
    },
    {
      name: 'the score from Image Locality plugin with image in all nodes',
      pod: imagePod('gcr.io/40'),
      nodes: threeImageNodes(),
      parts: imageLocalityOnly,
      want: {
        node1: { scores: { ImageLocality: 5 }, total: 5 },
        node2: { scores: { ImageLocality: 5 }, total: 5 },
        node3: { scores: { ImageLocality: 5 }, total: 5 },
      },
    },
    {
      name: 'the score from Image Locality plugin with image in partial nodes',
      pod: imagePod('gcr.io/300'),
      nodes: threeImageNodes(),
      parts: imageLocalityOnly,
      want: {
        node1: { scores: { ImageLocality: 18 }, total: 18 },
        node2: { scores: { ImageLocality: 18 }, total: 18 },
        node3: { scores: { ImageLocality: 0 }, total: 0 },
      },
    },
  ])('$name', ({ pod, nodes: clusterNodes, parts, want }) => {
    const cluster = clusterOf(clusterNodes);
    const decision = scheduleOne(new Framework(profile(parts())), cluster, buildPodInfo(pod), { explain: 'full', topCandidates: clusterNodes.length });
    const got = Object.fromEntries(
      decision.candidates.map((candidate) => [
        candidate.node,
        { scores: Object.fromEntries(Object.entries(candidate.scores ?? {}).map(([plugin, part]) => [plugin, part.weighted])), total: candidate.total },
      ]),
    );
    expect(got).toEqual(want);
  });
});

describe('TestFindFitAllError', () => {
  it('every node carries MatchFilter\'s status', () => {
    const cluster = clusterOf(nodes('3', '2', '1'));
    const decision = scheduleOne(new Framework(profile({ filter: [TrueFilter, MatchFilter] })), cluster, buildPodInfo(makePod('').obj()), full);
    expect(decision.node).toBeNull();
    expect(decision.nodes?.map((node) => [node.node, node.filters?.map((failure) => [failure.plugin, failure.reason])])).toEqual([
      ['3', [['MatchFilter', ErrReasonFake]]],
      ['2', [['MatchFilter', ErrReasonFake]]],
      ['1', [['MatchFilter', ErrReasonFake]]],
    ]);
    expect(decision.rejections).toEqual([{ plugin: 'MatchFilter', reason: ErrReasonFake, nodes: 3 }]);
  });
});

describe('TestFindFitSomeError', () => {
  it('every node but the one named like the pod carries MatchFilter\'s status', () => {
    const cluster = clusterOf(nodes('3', '2', '1'));
    const decision = scheduleOne(new Framework(profile({ filter: [TrueFilter, MatchFilter] })), cluster, buildPodInfo(makePod('1').obj()), full);
    expect(decision.node).toBe('1');
    const failed = (decision.nodes ?? []).filter((node) => !node.feasible);
    expect(failed).toHaveLength(2);
    for (const node of failed) expect(node.filters?.map((failure) => failure.reason)).toEqual([ErrReasonFake]);
    expect(decision.rejections.map((rejection) => rejection.plugin)).toEqual(['MatchFilter']);
  });
});

// Upstream counts Filter calls when nominated pods exist: a higher-priority nominated pod makes the
// filters run twice (with and without it). podplan plans one pod at a time with no nominated pods
// from other cycles (nominations are consumed by the next cycle of the same pod), so only the
// first case has a counterpart: the filter runs once per node.
describe('TestFindFitPredicateCallCounts', () => {
  it('nominated pods have lower priority, predicate is called once', () => {
    let calls = 0;
    const counting: FilterPlugin = { name: 'FakeFilter', filter: () => (calls++, null) };
    const cluster = clusterOf(nodes('1'));
    const decision = scheduleOne(new Framework(profile({ filter: [counting] })), cluster, buildPodInfo(makePod('1').priority(1000).obj()), full);
    expect(decision.node).toBe('1');
    expect(calls).toBe(1);
  });
});

// Upstream selectHost draws uniformly among the best scores (reservoir sampling). podplan's
// exhaustive mode takes the lowest name among them (documented tie rule); faithful mode draws
// with its seeded random. Both must land in upstream's possibleHosts.
describe('TestSelectHost', () => {
  const scoreByName = (scores: Record<string, number>): ScorePlugin => ({ name: 'Fixed', score: (_state, _pod, node) => scores[node.name] });
  it.each<{ name: string; scores: Record<string, number>; possibleHosts: string[] }>([
    { name: 'unique properly ordered scores', scores: { 'node1.1': 1, 'node2.1': 2 }, possibleHosts: ['node2.1'] },
    { name: 'equal scores', scores: { 'node1.1': 1, 'node1.2': 2, 'node1.3': 2, 'node2.1': 2 }, possibleHosts: ['node1.2', 'node1.3', 'node2.1'] },
    {
      name: 'out of order scores',
      scores: { 'node1.1': 3, 'node1.2': 3, 'node2.1': 2, 'node3.1': 1, 'node1.3': 3 },
      possibleHosts: ['node1.1', 'node1.2', 'node1.3'],
    },
  ])('$name', ({ scores, possibleHosts }) => {
    const cluster = clusterOf(nodes(...Object.keys(scores)));
    const framework = new Framework(profile({ score: [{ plugin: scoreByName(scores), weight: 1 }] }));
    const pod = buildPodInfo(makePod('p').obj());
    expect(possibleHosts).toContain(scheduleOne(framework, cluster, pod, full).node);
    const order = { random: new SeededRandom(3), nextStartNodeIndex: 0, nodeOrder: cluster.nodes };
    for (let draw = 0; draw < 10; draw++) {
      expect(possibleHosts).toContain(scheduleOne(framework, cluster, pod, { explain: 'summary', topCandidates: 3, faithful: order }).node);
    }
  });

  // selectHost refuses an empty list ("empty priorityList"); in a cycle that is a cluster without
  // nodes, which schedulePod answers with ErrNoNodesAvailable before any host is selected.
  it('empty priority list', () => {
    const decision = scheduleOne(new Framework(profile({})), clusterOf([]), buildPodInfo(makePod('p').obj()), full);
    expect(decision.node).toBeNull();
    expect(decision.failureMessage).toBe('no nodes available to schedule pods');
  });
});
