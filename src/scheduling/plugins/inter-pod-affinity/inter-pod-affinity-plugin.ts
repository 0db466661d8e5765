/**
 * InterPodAffinity, as upstream plugins/interpodaffinity (plugin.go,
 * filtering.go, scoring.go): Filter enforces the incoming pod's required pod
 * affinity and anti-affinity and the required anti-affinity of pods already
 * placed; Score prefers nodes by preferred terms both ways and by existing
 * pods' required affinity (hardPodAffinityWeight).
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { SKIPPED_SCORE_KERNEL, type LabelKeyedFilter, type ReplicaScoreKernel, type ReplicaScoring } from '../../framework/replica-run-support.js';
import { Code, PluginError, Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { InterPodAffinityArgs } from './args.js';
import { satisfiesExistingPodsAntiAffinity, satisfiesPodAffinity, satisfiesPodAntiAffinity } from './filtering.js';
import { InterPodAffinityPreFilterState, PRE_FILTER_STATE_KEY } from './prefilter-state.js';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
} from './reasons.js';
import {
  affinityRejectionDetails,
  antiAffinityRejectionDetails,
  existingAntiAffinityRejectionDetails,
} from './rejection-details.js';
import {
  addExistingPodScores,
  alwaysSkipsPreScore,
  collectTopologyScores,
  computePreScoreState,
  incomingPod,
  normalizeScores,
  PRE_SCORE_STATE_KEY,
  scoreNode,
  type InterPodAffinityPreScoreState,
} from './scoring.js';

/** Upstream's CycleState.Read error text, wrapped as getPreFilterState / getPreScoreState wrap it. */
const notFound = (verb: string, key: string): string => `${verb} ${JSON.stringify(key)} from cycleState: not found`;

export class InterPodAffinityPlugin implements PreFilterPlugin, LabelKeyedFilter, PreScorePlugin, ScorePlugin, ReplicaScoring {
  readonly name = PluginNames.InterPodAffinity;

  constructor(readonly args: InterPodAffinityArgs) {}

  /**
   * The state the last PreFilter wrote and the cycle it wrote it in: Filter
   * runs for every node of a cycle, and comparing the cycle is cheaper than
   * reading the state back by key each time. Any other cycle (a preemption
   * dry run's clone, another plan's) reads its own state by key.
   */
  private lastCycle: CycleState | undefined;
  private lastComputed: InterPodAffinityPreFilterState | undefined;

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    const computed = InterPodAffinityPreFilterState.compute(pod, cluster);
    this.lastCycle = undefined;
    this.lastComputed = undefined;
    // Nothing to enforce: no required terms of its own and no existing pod's anti-affinity selects it.
    if (computed.isEmpty) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, computed);
    this.lastCycle = state;
    this.lastComputed = computed;
    // Required anti-affinity terms only, with nothing in any domain yet (a self-anti-affine workload's first
    // pod): Filter would pass every node, so the framework does not call it (PreFilterResult.passesEveryNode).
    // Unlike Skip, AddPod/RemovePod still keep the state, which replica runs and preemption read.
    return computed.passesEveryNode ? { status: null, passesEveryNode: true } : { status: null };
  }

  addPod(state: CycleState, _pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    // No state means PreFilter returned Skip; upstream's framework does not call a skipped plugin's extensions.
    state.readOptional<InterPodAffinityPreFilterState>(PRE_FILTER_STATE_KEY)?.updateWithPod(added, node, 1);
  }

  removePod(state: CycleState, _pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    state.readOptional<InterPodAffinityPreFilterState>(PRE_FILTER_STATE_KEY)?.updateWithPod(removed, node, -1);
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const computed =
      state === this.lastCycle ? this.lastComputed : state.readOptional<InterPodAffinityPreFilterState>(PRE_FILTER_STATE_KEY);
    if (!computed) return Status.error(notFound('error reading', PRE_FILTER_STATE_KEY));
    if (computed.passesEveryNode) return null;
    // Upstream's order and codes: only the affinity rule is unresolvable by preemption.
    if (!satisfiesPodAffinity(computed, node)) {
      return Status.rejectedWithLazyDetails(Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch, () =>
        affinityRejectionDetails(computed, node),
      );
    }
    if (!satisfiesPodAntiAffinity(computed, node)) {
      return Status.rejectedWithLazyDetails(Code.Unschedulable, ErrReasonAntiAffinityRulesNotMatch, () =>
        antiAffinityRejectionDetails(computed, node),
      );
    }
    if (!satisfiesExistingPodsAntiAffinity(computed, node)) {
      return Status.rejectedWithLazyDetails(Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch, () =>
        existingAntiAffinityRejectionDetails(computed, node),
      );
    }
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[], cluster: ClusterState): Status | null {
    const computed = computePreScoreState(pod, cluster, this.args);
    if (!computed) return Status.skip();
    state.write(PRE_SCORE_STATE_KEY, computed);
    return null;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    return scoreNode(this.preScoreState(state), node);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: Float64Array): void {
    normalizeScores(this.preScoreState(state), scores);
  }

  /**
   * Filter looks up the node's values for the pod's required terms' keys and
   * for the keys of existing pods' anti-affinity (the pod's own replicas add
   * its required anti-affinity terms to those).
   */
  filterLabelKeys(state: CycleState, pod: PodInfo): readonly string[] {
    const computed = state.read<InterPodAffinityPreFilterState>(PRE_FILTER_STATE_KEY);
    return [
      ...computed.requiredAffinityTerms.map((term) => term.topologyKey),
      ...computed.requiredAntiAffinityTerms.map((term) => term.topologyKey),
      ...computed.existingAntiAffinityCounts.keys(),
      ...pod.requiredAntiAffinityTerms.map((term) => term.topologyKey),
    ];
  }

  /** A placed replica adds to the tallies of the pod's own required terms only. */
  filterKeysChangedByReplicas(_state: CycleState, pod: PodInfo): readonly string[] {
    return [...pod.requiredAffinityTerms, ...pod.requiredAntiAffinityTerms].map((term) => term.topologyKey);
  }

  /**
   * Only the self-affinity exception reads the cluster as a whole: while no
   * pod anywhere matches the pod's required affinity terms, every node with
   * the terms' keys passes; the first matching pod ends that for all nodes.
   * (The other shortcuts on empty tallies give the answers the tallies would.)
   */
  filterEpoch(state: CycleState): string {
    const computed = state.read<InterPodAffinityPreFilterState>(PRE_FILTER_STATE_KEY);
    return computed.requiredAffinityTerms.length > 0 && computed.affinityCounts.size === 0 ? 'no-affinity-match' : '';
  }

  /**
   * PreScore's sums kept up to date pod by pod: a placed replica adds exactly
   * what PreScore's loop would add for it on its node. Score reads the node's
   * values for the summed keys, which only the pod's own terms can extend.
   */
  openScoreKernel(state: CycleState, pod: PodInfo, cluster: ClusterState): ReplicaScoreKernel | undefined {
    if (alwaysSkipsPreScore(pod, this.args)) return SKIPPED_SCORE_KERNEL;
    const incoming = incomingPod(pod, cluster);
    const topologyScore = collectTopologyScores(incoming, cluster, this.args);
    const computed: InterPodAffinityPreScoreState = { topologyScore };
    state.write(PRE_SCORE_STATE_KEY, computed);
    const ownTerms = [...pod.requiredAffinityTerms, ...pod.requiredAntiAffinityTerms];
    for (const { term } of [...pod.preferredAffinityTerms, ...pod.preferredAntiAffinityTerms]) ownTerms.push(term);
    const hardPodAffinityWeight = this.args.hardPodAffinityWeight;
    return {
      get skipped() {
        return topologyScore.size === 0;
      },
      labelKeys: [...topologyScore.keys(), ...ownTerms.map((term) => term.topologyKey)],
      // What PreScore adds for a placed replica sits on its own terms' keys (processExistingPod).
      keysChangedByReplicas: ownTerms.map((term) => term.topologyKey),
      podAdded: (added, node) => addExistingPodScores(topologyScore, incoming, added, node, hardPodAffinityWeight),
      raw: (_index, node) => scoreNode(computed, node),
      normalize: (scores) => normalizeScores(computed, scores),
    };
  }

  private preScoreState(state: CycleState): InterPodAffinityPreScoreState {
    const computed = state.readOptional<InterPodAffinityPreScoreState>(PRE_SCORE_STATE_KEY);
    if (!computed) throw new PluginError(notFound('failed to read', PRE_SCORE_STATE_KEY));
    return computed;
  }
}
