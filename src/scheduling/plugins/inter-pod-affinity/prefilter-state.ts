/**
 * What InterPodAffinity's PreFilter computes once per pod, as upstream
 * filtering.go preFilterState: three topology-pair tallies over the cluster
 * and the incoming pod's required terms with namespaceSelectors merged.
 * AddPod/RemovePod (upstream updateWithPod) keep the tallies equal to what a
 * fresh PreFilter would compute with that pod added or removed.
 */
import type { Labels } from '../../../kube/label-selector.js';
import { affinityTermMatches, type AffinityTerm } from '../../model/affinity-term.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import { nodeMemo } from '../../model/node-memo.js';
import type { PodInfo } from '../../model/pod-info.js';
import { PluginNames } from '../../framework/names.js';
import { mergeAllTermNamespaces } from './namespace-selector-merge.js';
import { podMatchesAllAffinityTerms, termsText, updateWithAffinityTerms, updateWithAntiAffinityTerms } from './term-matching.js';
import { TopologyPairCounts } from './topology-pair-counts.js';

export const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.InterPodAffinity}`;

export class InterPodAffinityPreFilterState {
  constructor(
    readonly pod: PodInfo,
    /** The incoming pod's required affinity terms, namespaceSelector merged. */
    readonly requiredAffinityTerms: readonly AffinityTerm[],
    /** The incoming pod's required anti-affinity terms, namespaceSelector merged. */
    readonly requiredAntiAffinityTerms: readonly AffinityTerm[],
    /** Labels of the incoming pod's namespace (undefined when no Namespace object exists), for existing pods' namespaceSelectors. */
    readonly namespaceLabels: Labels | undefined,
    /** Existing pods' required anti-affinity terms that select the incoming pod, per domain. */
    readonly existingAntiAffinityCounts: TopologyPairCounts,
    /** Existing pods matching all of the incoming pod's required affinity terms, once per term, per domain. */
    readonly affinityCounts: TopologyPairCounts,
    /** Existing pods matched by each of the incoming pod's required anti-affinity terms, per domain. */
    readonly antiAffinityCounts: TopologyPairCounts,
  ) {}

  static compute(pod: PodInfo, cluster: ClusterState): InterPodAffinityPreFilterState {
    const namespaceLabels = cluster.namespaceLabels(pod.namespace);
    const state = new InterPodAffinityPreFilterState(
      pod,
      mergeAllTermNamespaces(pod.requiredAffinityTerms, cluster),
      mergeAllTermNamespaces(pod.requiredAntiAffinityTerms, cluster),
      namespaceLabels,
      new TopologyPairCounts(),
      new TopologyPairCounts(),
      new TopologyPairCounts(),
    );
    state.countExistingAntiAffinity(cluster.nodes);
    state.countIncomingAffinityAntiAffinity(cluster.nodes);
    return state;
  }

  /** True when Filter has nothing to check (upstream PreFilter's Skip condition). */
  get isEmpty(): boolean {
    return (
      this.existingAntiAffinityCounts.size === 0 &&
      this.requiredAffinityTerms.length === 0 &&
      this.requiredAntiAffinityTerms.length === 0
    );
  }

  /** Upstream updateWithPod: `multiplier` is 1 for AddPod, -1 for RemovePod. */
  updateWithPod(other: PodInfo, node: NodeInfo, multiplier: number): void {
    updateWithAntiAffinityTerms(
      this.existingAntiAffinityCounts,
      other.requiredAntiAffinityTerms,
      this.pod,
      this.namespaceLabels,
      node,
      other,
      multiplier,
    );
    updateWithAffinityTerms(this.affinityCounts, this.requiredAffinityTerms, other, node, multiplier);
    updateWithAntiAffinityTerms(this.antiAffinityCounts, this.requiredAntiAffinityTerms, other, undefined, node, other, multiplier);
  }

  /** Deep copy of the tallies for preemption's what-if runs (the terms never change). */
  clone(): InterPodAffinityPreFilterState {
    return new InterPodAffinityPreFilterState(
      this.pod,
      this.requiredAffinityTerms,
      this.requiredAntiAffinityTerms,
      this.namespaceLabels,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** Upstream getExistingAntiAffinityCounts: only nodes hosting pods with required anti-affinity matter. */
  private countExistingAntiAffinity(nodes: readonly NodeInfo[]): void {
    for (const node of nodes) {
      for (const existing of node.podsWithRequiredAntiAffinity) {
        updateWithAntiAffinityTerms(
          this.existingAntiAffinityCounts,
          existing.requiredAntiAffinityTerms,
          this.pod,
          this.namespaceLabels,
          node,
          existing,
          1,
        );
      }
    }
  }

  /**
   * Upstream getIncomingAffinityAntiAffinityCounts: every pod on every node,
   * when the pod has required terms. Nodes where no pod matches any term are
   * skipped on an answer remembered while the node is unchanged
   * (model/node-memo.ts), so the cost does not grow with the cluster's pods;
   * nodes with a match are counted pod by pod as upstream does.
   */
  private countIncomingAffinityAntiAffinity(nodes: readonly NodeInfo[]): void {
    if (this.requiredAffinityTerms.length === 0 && this.requiredAntiAffinityTerms.length === 0) return;
    const affinityTerms = this.requiredAffinityTerms;
    const antiAffinityTerms = this.requiredAntiAffinityTerms;
    const relevant = nodeMemo(
      `inter-pod-affinity\u0000${termsText(affinityTerms)}\u0000${termsText(antiAffinityTerms)}`,
      (node) =>
        node.pods.some(
          (existing) =>
            podMatchesAllAffinityTerms(affinityTerms, existing) ||
            antiAffinityTerms.some((term) => affinityTermMatches(term, existing.namespace, existing.labels, undefined)),
        ),
    );
    for (const node of nodes) {
      if (!relevant.on(node)) continue;
      for (const existing of node.pods) {
        updateWithAffinityTerms(this.affinityCounts, affinityTerms, existing, node, 1);
        // The incoming pod's terms have their namespaceSelector merged: no namespace labels needed.
        updateWithAntiAffinityTerms(this.antiAffinityCounts, antiAffinityTerms, existing, undefined, node, existing, 1);
      }
    }
  }
}

