/**
 * The PodTopologySpread plugin (upstream podtopologyspread/plugin.go):
 * DoNotSchedule constraints filter, ScheduleAnyway constraints score, and
 * pods without constraints get the default ones.
 */
import type { V1TopologySpreadConstraint } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import type {
  FilterPlugin,
  NodePlacement,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { SKIPPED_SCORE_KERNEL, type LabelKeyedFilter, type ReplicaScoreKernel, type ReplicaScoring } from '../../framework/replica-run-support.js';
import { LabelSelectorError } from '../../../kube/label-selector.js';
import { Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { PodTopologySpreadArgs } from './args.js';
import { ALL_SPREAD_FEATURES, type SpreadFeatures } from './constraint.js';
import { computePreFilterState, filterNode, preFilterResult, updateWithPod } from './filtering.js';
import { constraintsFor, podHasOwnConstraints, type DefaultConstraints } from './pod-constraints.js';
import { PRE_FILTER_STATE_KEY, PreFilterState } from './prefilter-state.js';
import { computePreScoreState, normalizeScores, PRE_SCORE_STATE_KEY, scoreNode, scoreNodesInto, type PreScoreState } from './scoring.js';
import { PositionCounts } from './position-counts.js';
import { scoreNodesByPosition } from './scoring-by-position.js';
import { SpreadScoreKernel } from './spread-score-kernel.js';

/** systemDefaultConstraints: spread over hostnames (maxSkew 3) and zones (maxSkew 5), both ScheduleAnyway. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly V1TopologySpreadConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export class PodTopologySpread implements PreFilterPlugin, LabelKeyedFilter, PreScorePlugin, ScorePlugin, ReplicaScoring {
  readonly name = PluginNames.PodTopologySpread;
  private readonly defaults: DefaultConstraints;
  /** Score's hostname counts by node position, reused from pod to pod (position-counts.ts). */
  private readonly positionCounts: PositionCounts[] = [];

  constructor(args: PodTopologySpreadArgs, features: SpreadFeatures = ALL_SPREAD_FEATURES) {
    this.defaults =
      args.defaultingType === 'System'
        ? { constraints: SYSTEM_DEFAULT_CONSTRAINTS, systemDefaulted: true, features }
        : { constraints: args.defaultConstraints, systemDefaulted: false, features };
  }

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    const computed = computePreFilterState(pod, cluster, this.defaults);
    const result = preFilterResult(computed);
    if (result.status === null) state.write(PRE_FILTER_STATE_KEY, computed);
    return result;
  }

  addPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    updateWithPod(state.read<PreFilterState>(PRE_FILTER_STATE_KEY), added, pod, node, 1);
  }

  removePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    updateWithPod(state.read<PreFilterState>(PRE_FILTER_STATE_KEY), removed, pod, node, -1);
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const preFilterState = state.readOptional<PreFilterState>(PRE_FILTER_STATE_KEY);
    // As upstream getPreFilterState: Filter without its PreFilter is an error, not a pass.
    if (!preFilterState) return Status.error(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    return filterNode(preFilterState, pod, node);
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], cluster: ClusterState): Status | null {
    const computed = computePreScoreState(pod, nodes, cluster, this.defaults);
    if (computed instanceof Status) return computed;
    state.write(PRE_SCORE_STATE_KEY, computed);
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return scoreNode(state.read<PreScoreState>(PRE_SCORE_STATE_KEY), pod, node);
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], raw: Float64Array, placement?: NodePlacement): void {
    const computed = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (placement) scoreNodesByPosition(computed, pod, nodes, raw, placement, this.positionCounts);
    else scoreNodesInto(computed, pod, nodes, raw);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: Float64Array, nodes: readonly NodeInfo[]): void {
    normalizeScores(state.read<PreScoreState>(PRE_SCORE_STATE_KEY), scores, nodes);
  }

  /** Filter reads each DoNotSchedule constraint's topology label and nothing else of the node. */
  filterLabelKeys(state: CycleState): readonly string[] {
    return state.read<PreFilterState>(PRE_FILTER_STATE_KEY).constraints.map((constraint) => constraint.topologyKey);
  }

  /** The global minimum (and domain count, for minDomains) of each constraint. */
  filterEpoch(state: CycleState): string {
    const computed = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    return computed.constraints.map((_, index) => `${computed.minMatchNum(index)}/${computed.tpValueToMatchNum[index].size}`).join(',');
  }

  afterAddPod(state: CycleState): void {
    state.read<PreFilterState>(PRE_FILTER_STATE_KEY).rebuildCriticalPaths();
  }

  openScoreKernel(_state: CycleState, pod: PodInfo, cluster: ClusterState): ReplicaScoreKernel | undefined {
    if (cluster.nodes.length === 0) return SKIPPED_SCORE_KERNEL;
    let constraints;
    try {
      constraints = constraintsFor(pod, 'ScheduleAnyway', this.defaults, cluster.objects);
    } catch (error) {
      // PreScore would fail the cycle: leave it to the full path, which reports the error.
      if (error instanceof LabelSelectorError) return undefined;
      throw error;
    }
    if (constraints.length === 0) return SKIPPED_SCORE_KERNEL;
    // As computePreScoreState: only non-system-default spreading requires every topology label.
    const kernel = SpreadScoreKernel.open(pod, cluster, constraints, podHasOwnConstraints(pod) || !this.defaults.systemDefaulted);
    return {
      skipped: false,
      podAdded: (_added, node, index) => kernel.nodeChanged(index, node),
      prepare: (feasible, count, multiplicity) => kernel.prepare(feasible, count, multiplicity),
      classOf: (index) => kernel.classOf(index),
      raw: (index) => kernel.raw(index),
      normalize: (scores, feasible) => kernel.normalize(scores, feasible),
    };
  }
}
