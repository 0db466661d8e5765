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
    state.countExistingAntiAffinity(cluster);
    state.countIncomingAffinityAntiAffinity(cluster);
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

  /**
   * True when Filter passes every node: no required affinity terms of its
   * own, and every anti-affinity tally empty (satisfyPodAntiAffinity and
   * satisfyExistingPodsAntiAffinity find no pair). Removing pods only lowers
   * the tallies, so it stays true on every copy of a node with fewer pods.
   */
  get passesEveryNode(): boolean {
    return this.requiredAffinityTerms.length === 0 && this.antiAffinityCounts.size === 0 && this.existingAntiAffinityCounts.size === 0;
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

  /**
   * Upstream getExistingAntiAffinityCounts: only nodes hosting pods with
   * required anti-affinity matter. The cluster's label index names the nodes
   * holding a pod with a term that may select the incoming pod
   * (model/term-selector-index.ts); on any other node no term matches, so
   * only those are visited, in node order, every such pod's terms matched
   * in full, as the loop over every node does.
   */
  private countExistingAntiAffinity(cluster: ClusterState): void {
    const nodes = cluster.nodes;
    const index = cluster.podLabelIndex();
    const positions = index ? cluster.positionsOf(index.nodesWithRequiredAntiAffinitySelecting(this.pod.labels)) : nodes.keys();
    for (const position of positions) {
      const node = nodes[position];
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
   * nodes with a match are counted pod by pod as upstream does. Where the
   * terms' selectors name labels, the cluster's label index gives the nodes
   * that can hold a match, and only those are visited (in node order).
   */
  private countIncomingAffinityAntiAffinity(cluster: ClusterState): void {
    if (this.requiredAffinityTerms.length === 0 && this.requiredAntiAffinityTerms.length === 0) return;
    const affinityTerms = this.requiredAffinityTerms;
    const antiAffinityTerms = this.requiredAntiAffinityTerms;
    const nodes = cluster.nodes;
    const holding = cluster.podLabelIndex()?.nodesHoldingCandidates([...affinityTerms, ...antiAffinityTerms].map((term) => term.selector));
    if (holding) {
      // Every pod of those nodes, as below: pods no term matches add nothing.
      for (const position of cluster.positionsOf(holding)) this.countPodsOf(nodes[position], affinityTerms, antiAffinityTerms);
      return;
    }
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
      if (relevant.on(node)) this.countPodsOf(node, affinityTerms, antiAffinityTerms);
    }
  }

  private countPodsOf(node: NodeInfo, affinityTerms: readonly AffinityTerm[], antiAffinityTerms: readonly AffinityTerm[]): void {
    for (const existing of node.pods) {
      updateWithAffinityTerms(this.affinityCounts, affinityTerms, existing, node, 1);
      // The incoming pod's terms have their namespaceSelector merged: no namespace labels needed.
      updateWithAntiAffinityTerms(this.antiAffinityCounts, antiAffinityTerms, existing, undefined, node, existing, 1);
    }
  }
}

