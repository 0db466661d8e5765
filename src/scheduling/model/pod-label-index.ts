/**
 * The pods of a cluster by label, kept up to date as pods are bound and
 * removed: "which pods does this selector match, and on which nodes?" is
 * answered from the few pods carrying one of the selector's labels rather
 * than by matching the selector against every pod of every node. Spreading
 * asks it for every pod it schedules (its default constraints select the
 * pod's own owner), so for pods that are not long runs of identical
 * replicas it is what keeps a cycle's cost from growing with the cluster's
 * pods (issue 14).
 *
 * Answers are candidate sets: every pod the selector can match, possibly
 * more; callers match each candidate in full (selector, namespace, deletion),
 * exactly as a scan would.
 */
import type { CompiledSelector, Labels } from '../../kube/label-selector.js';
import type { PodInfo } from './pod-info.js';
import { TermSelectorIndex } from './term-selector-index.js';

/** Pod → the name of the node it is bound to. */
type Holders = Map<PodInfo, string>;

/** Matching pods per node name (nodes without one are absent). */
export type SparseNodeCounts = ReadonlyMap<string, number>;

export class PodLabelIndex {
  /** `key\0value` → pods with that label value (string values only; others can equal no selector value). */
  private readonly byValue = new Map<string, Holders>();
  /** key → pods carrying the key, whatever its value. */
  private readonly byKey = new Map<string, Holders>();
  /** Pods with any pod (anti-)affinity stanza (NodeInfo.podsWithAffinity), and those with required anti-affinity. */
  private readonly withAffinity: Holders = new Map();
  private readonly withRequiredAntiAffinity: Holders = new Map();
  /** Pods by what their required anti-affinity terms select (InterPodAffinity's PreFilter). */
  private readonly requiredAntiAffinityTerms = new TermSelectorIndex();
  /** Pods by what their scoring terms select: required affinity (hardPodAffinityWeight), preferred affinity and anti-affinity (PreScore). */
  private readonly scoringTerms = new TermSelectorIndex();
  /** Bumped on every change: cached answers are valid for one version. */
  private version = 0;
  private readonly answers = new WeakMap<CompiledSelector, { version: number; namespace: string; counts: SparseNodeCounts | undefined }>();

  add(pod: PodInfo, nodeName: string): void {
    this.version++;
    if (pod.hasAffinity) this.withAffinity.set(pod, nodeName);
    if (pod.hasRequiredAntiAffinity) this.withRequiredAntiAffinity.set(pod, nodeName);
    if (pod.hasAffinity) {
      this.requiredAntiAffinityTerms.add(pod, nodeName, requiredAntiAffinitySelectors(pod));
      this.scoringTerms.add(pod, nodeName, scoringSelectors(pod));
    }
    const labels = pod.labels;
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      holdersOf(this.byKey, key).set(pod, nodeName);
      const value = labels[key];
      if (typeof value === 'string') holdersOf(this.byValue, `${key}\u0000${value}`).set(pod, nodeName);
    }
  }

  remove(pod: PodInfo): void {
    this.version++;
    this.withAffinity.delete(pod);
    this.withRequiredAntiAffinity.delete(pod);
    if (pod.hasAffinity) {
      this.requiredAntiAffinityTerms.remove(pod, requiredAntiAffinitySelectors(pod));
      this.scoringTerms.remove(pod, scoringSelectors(pod));
    }
    const labels = pod.labels;
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      this.byKey.get(key)?.delete(pod);
      const value = labels[key];
      if (typeof value === 'string') this.byValue.get(`${key}\u0000${value}`)?.delete(pod);
    }
  }

  /**
   * countPodsMatchSelector (podtopologyspread/common.go) for every node at
   * once: pods of `namespace` the selector matches, not terminating, per
   * node name. undefined when the selector names no label the index can
   * look up (only NotIn / DoesNotExist requirements): scan instead.
   */
  matchingCounts(selector: CompiledSelector, namespace: string): SparseNodeCounts | undefined {
    const cached = this.answers.get(selector);
    if (cached && cached.version === this.version && cached.namespace === namespace) return cached.counts;
    const counts = this.count(selector, namespace);
    this.answers.set(selector, { version: this.version, namespace, counts });
    return counts;
  }

  /**
   * Names of the nodes holding a pod that one of `selectors` may match (a
   * superset: callers match every pod of those nodes in full). undefined
   * when a selector names no label to look up.
   */
  nodesHoldingCandidates(selectors: readonly CompiledSelector[]): Set<string> | undefined {
    const nodes = new Set<string>();
    for (const selector of selectors) {
      if (selector.matchesNothing) continue;
      if (selector.isEverything) return undefined;
      const candidates = this.candidates(selector);
      if (!candidates) return undefined;
      for (const holders of candidates) for (const nodeName of holders.values()) nodes.add(nodeName);
    }
    return nodes;
  }

  /** How many pods carry a pod (anti-)affinity stanza, and how many required anti-affinity. */
  get affinityPodCount(): number {
    return this.withAffinity.size;
  }

  get requiredAntiAffinityPodCount(): number {
    return this.withRequiredAntiAffinity.size;
  }

  /** Names of the nodes holding a pod with any pod (anti-)affinity stanza. */
  nodesWithAffinityPods(): Set<string> {
    return new Set(this.withAffinity.values());
  }

  /** Names of the nodes holding a pod with required pod anti-affinity. */
  nodesWithRequiredAntiAffinityPods(): Set<string> {
    return new Set(this.withRequiredAntiAffinity.values());
  }

  /**
   * Names of the nodes holding a pod whose required anti-affinity may select
   * a pod carrying `labels` (a superset: callers match every such pod of
   * those nodes in full).
   */
  nodesWithRequiredAntiAffinitySelecting(labels: Labels): Set<string> {
    return this.requiredAntiAffinityTerms.nodesSelecting(labels);
  }

  /**
   * Names of the nodes holding a pod whose required affinity, preferred
   * affinity or preferred anti-affinity terms may select a pod carrying
   * `labels` (InterPodAffinity's PreScore counts only those; a superset).
   */
  nodesWithScoringTermsSelecting(labels: Labels): Set<string> {
    return this.scoringTerms.nodesSelecting(labels);
  }

  private count(selector: CompiledSelector, namespace: string): SparseNodeCounts | undefined {
    if (selector.isEverything || selector.matchesNothing) return new Map();
    const candidates = this.candidates(selector);
    if (!candidates) return undefined;
    const counts = new Map<string, number>();
    for (const holders of candidates) {
      for (const [pod, nodeName] of holders) {
        if (pod.namespace !== namespace || pod.pod.metadata?.deletionTimestamp || !selector.matches(pod.labels)) continue;
        counts.set(nodeName, (counts.get(nodeName) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** The smallest candidate set one requirement allows (an In's values are disjoint sets), or undefined. */
  private candidates(selector: CompiledSelector): Holders[] | undefined {
    let best: Holders[] | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const requirement of selector.requirements) {
      let sets: Holders[];
      if (requirement.operator === 'In') {
        sets = [];
        for (const value of new Set(requirement.values)) {
          const holders = this.byValue.get(`${requirement.key}\u0000${value}`);
          if (holders) sets.push(holders);
        }
      } else if (requirement.operator === 'Exists') {
        const holders = this.byKey.get(requirement.key);
        sets = holders ? [holders] : [];
      } else continue;
      let size = 0;
      for (const holders of sets) size += holders.size;
      if (size < bestSize) {
        best = sets;
        bestSize = size;
      }
    }
    return best;
  }
}

function requiredAntiAffinitySelectors(pod: PodInfo): CompiledSelector[] {
  return pod.requiredAntiAffinityTerms.map((term) => term.selector);
}

function scoringSelectors(pod: PodInfo): CompiledSelector[] {
  return [
    ...pod.requiredAffinityTerms.map((term) => term.selector),
    ...pod.preferredAffinityTerms.map(({ term }) => term.selector),
    ...pod.preferredAntiAffinityTerms.map(({ term }) => term.selector),
  ];
}

function holdersOf(index: Map<string, Holders>, key: string): Holders {
  let holders = index.get(key);
  if (!holders) index.set(key, (holders = new Map()));
  return holders;
}
