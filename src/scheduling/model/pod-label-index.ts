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
 *
 * Forks share it (issue 14: what-if analyses run the engine on thousands of
 * edited copies of one cluster). ClusterState.fork freezes the index and
 * gives the parent and the fork each a layer over it: a layer files the pods
 * bound since the fork and hides the frozen pods removed since, and answers
 * from the frozen index below (whose answers, never invalidated again, are
 * remembered for every fork) corrected by its own pods. A fork costs its
 * edits, not the cluster's pods, and every answer is the one an index built
 * from the fork's nodes would give (test/scheduling/properties/
 * forked-indexes.property.test.ts). Layers stack when a fork with edits is
 * forked again; past MAX_DEPTH they are folded into one.
 */
import type { CompiledSelector, LabelRequirement as Requirement, Labels } from '../../kube/label-selector.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { TermSelectorIndex } from './term-selector-index.js';

/** Pod → the name of the node it is bound to. */
type Holders = Map<PodInfo, string>;

/** Matching pods per node name (nodes without one are absent). */
export type SparseNodeCounts = ReadonlyMap<string, number>;

/** Layers stacked over one frozen root before a fork folds them into one (each adds a lookup per pod visited). */
const MAX_DEPTH = 4;

/** One layer's pods by label: the pods it binds, or the frozen pods it hides. */
class PodTables {
  /** Every pod of the tables, with its node. */
  readonly nodeOf: Holders = new Map();
  /** `key\0value` → pods with that label value (string values only; others can equal no selector value). */
  readonly byValue = new Map<string, Holders>();
  /** key → pods carrying the key, whatever its value. */
  readonly byKey = new Map<string, Holders>();
  /** Pods with any pod (anti-)affinity stanza (NodeInfo.podsWithAffinity), and those with required anti-affinity. */
  readonly withAffinity: Holders = new Map();
  readonly withRequiredAntiAffinity: Holders = new Map();

  add(pod: PodInfo, nodeName: string): void {
    this.nodeOf.set(pod, nodeName);
    if (pod.hasAffinity) this.withAffinity.set(pod, nodeName);
    if (pod.hasRequiredAntiAffinity) this.withRequiredAntiAffinity.set(pod, nodeName);
    const labels = pod.labels;
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      holdersOf(this.byKey, key).set(pod, nodeName);
      const value = labels[key];
      if (typeof value === 'string') holdersOf(this.byValue, `${key}\u0000${value}`).set(pod, nodeName);
    }
  }

  remove(pod: PodInfo): void {
    this.nodeOf.delete(pod);
    this.withAffinity.delete(pod);
    this.withRequiredAntiAffinity.delete(pod);
    const labels = pod.labels;
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      this.byKey.get(key)?.delete(pod);
      const value = labels[key];
      if (typeof value === 'string') this.byValue.get(`${key}\u0000${value}`)?.delete(pod);
    }
  }

  /** The holders of one requirement's labels (an `In`'s values are disjoint sets); undefined for other operators. */
  holdersOf(requirement: Requirement): Holders[] | undefined {
    if (requirement.operator === 'In') {
      const sets: Holders[] = [];
      for (const value of new Set(requirement.values)) {
        const holders = this.byValue.get(`${requirement.key}\u0000${value}`);
        if (holders) sets.push(holders);
      }
      return sets;
    }
    if (requirement.operator === 'Exists') {
      const holders = this.byKey.get(requirement.key);
      return holders ? [holders] : [];
    }
    return undefined;
  }

  /** Pods of `namespace` the selector matches, not terminating, per node: into `counts`, each adding `sign`. */
  countInto(counts: Map<string, number>, selector: CompiledSelector, namespace: string, sign: 1 | -1): void {
    if (this.nodeOf.size === 0) return;
    for (const holders of this.narrowest(selector) ?? []) {
      for (const [pod, nodeName] of holders) {
        if (pod.namespace !== namespace || pod.pod.metadata?.deletionTimestamp || !selector.matches(pod.labels)) continue;
        const count = (counts.get(nodeName) ?? 0) + sign;
        if (count === 0) counts.delete(nodeName);
        else counts.set(nodeName, count);
      }
    }
  }

  /** The smallest candidate set one requirement allows, or undefined when none narrows. */
  narrowest(selector: CompiledSelector): Holders[] | undefined {
    let best: Holders[] | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const requirement of selector.requirements) {
      const sets = this.holdersOf(requirement);
      if (sets === undefined) continue;
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

export class PodLabelIndex {
  /** The pods bound in this layer. */
  private readonly added = new PodTables();
  /** The base's pods this layer removed (with the base's node for them). */
  private readonly hidden = new PodTables();
  /** Pods by what their required anti-affinity terms select (InterPodAffinity's PreFilter). */
  private readonly requiredAntiAffinityTerms: TermSelectorIndex;
  /** Pods by what their scoring terms select: required affinity (hardPodAffinityWeight), preferred affinity and anti-affinity (PreScore). */
  private readonly scoringTerms: TermSelectorIndex;
  /** Layers below this one (0: a root). */
  private readonly depth: number;
  /** Set once forks build on this index: it never changes again (its remembered answers stay valid). */
  private frozen = false;
  /** Bumped on every change: cached answers are valid for one version. */
  private version = 0;
  private readonly answers = new WeakMap<CompiledSelector, { version: number; namespace: string; counts: SparseNodeCounts | undefined }>();

  /** `base`: a frozen index (forkBase) this one starts as; undefined: empty. */
  constructor(private readonly base?: PodLabelIndex) {
    if (base && !base.frozen) throw new Error('a pod label index builds only on a frozen one');
    this.requiredAntiAffinityTerms = new TermSelectorIndex(base?.requiredAntiAffinityTerms);
    this.scoringTerms = new TermSelectorIndex(base?.scoringTerms);
    this.depth = base ? base.depth + 1 : 0;
  }

  /** An index of the pods of `nodes`. */
  static of(nodes: readonly NodeInfo[]): PodLabelIndex {
    const index = new PodLabelIndex();
    for (const node of nodes) for (const pod of node.pods) index.add(pod, node.name);
    return index;
  }

  /**
   * The frozen index a fork and its parent each put a new layer on: this
   * one (frozen), or its base when this layer has no edits, or past
   * MAX_DEPTH the layers folded into one over the root (costing the edits
   * since the root, not the cluster's pods), or, once those edits reach half
   * the root's pods, `rebuild()` (an index of the forked cluster's pods).
   */
  forkBase(rebuild: () => PodLabelIndex): PodLabelIndex {
    if (this.base && this.added.nodeOf.size === 0 && this.hidden.nodeOf.size === 0) return this.base;
    if (this.depth < MAX_DEPTH) {
      this.frozen = true;
      return this;
    }
    const layers: PodLabelIndex[] = [];
    let root: PodLabelIndex = this;
    let edits = 0;
    for (; root.base; root = root.base) {
      layers.unshift(root);
      edits += root.added.nodeOf.size + root.hidden.nodeOf.size;
    }
    // A lineage that keeps editing and forking (consolidation's greedy drain moves thousands of pods) would replay
    // every edit since the root at each fold, more each time: once the edits reach half the root's pods, replaying
    // them costs about what filing every pod afresh does, and the fresh index becomes the root later folds start from.
    if (edits * 2 >= root.added.nodeOf.size) {
      const fresh = rebuild();
      fresh.frozen = true;
      return fresh;
    }
    const folded = new PodLabelIndex(root);
    for (const layer of layers) {
      for (const pod of layer.hidden.nodeOf.keys()) folded.remove(pod);
      for (const [pod, nodeName] of layer.added.nodeOf) folded.add(pod, nodeName);
    }
    folded.frozen = true;
    return folded;
  }

  add(pod: PodInfo, nodeName: string): void {
    this.beforeWrite();
    // As Map.set: a pod this index holds already is moved.
    if (this.added.nodeOf.has(pod)) this.unfile(pod);
    else {
      const below = this.base?.nodeOf(pod);
      if (below !== undefined) this.hide(pod, below);
    }
    this.added.add(pod, nodeName);
    if (pod.hasAffinity) {
      this.requiredAntiAffinityTerms.add(pod, nodeName, requiredAntiAffinitySelectors(pod));
      this.scoringTerms.add(pod, nodeName, scoringSelectors(pod));
    }
  }

  remove(pod: PodInfo): void {
    this.beforeWrite();
    if (this.added.nodeOf.has(pod)) this.unfile(pod);
    else {
      const below = this.base?.nodeOf(pod);
      if (below !== undefined) this.hide(pod, below);
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
      // The requirement an index built from scratch would pick: the same sizes, so the same candidates.
      let best: Requirement | undefined;
      let bestSize = Number.POSITIVE_INFINITY;
      for (const requirement of selector.requirements) {
        const size = this.candidateCount(requirement);
        if (size !== undefined && size < bestSize) {
          best = requirement;
          bestSize = size;
        }
      }
      if (!best) return undefined;
      this.collectNodes((tables) => tables.holdersOf(best) ?? [], nodes, []);
    }
    return nodes;
  }

  /** How many pods carry a pod (anti-)affinity stanza, and how many required anti-affinity. */
  get affinityPodCount(): number {
    return (this.base?.affinityPodCount ?? 0) - this.hidden.withAffinity.size + this.added.withAffinity.size;
  }

  get requiredAntiAffinityPodCount(): number {
    return (this.base?.requiredAntiAffinityPodCount ?? 0) - this.hidden.withRequiredAntiAffinity.size + this.added.withRequiredAntiAffinity.size;
  }

  /** Names of the nodes holding a pod with any pod (anti-)affinity stanza. */
  nodesWithAffinityPods(): Set<string> {
    const nodes = new Set<string>();
    this.collectNodes((tables) => [tables.withAffinity], nodes, []);
    return nodes;
  }

  /** Names of the nodes holding a pod with required pod anti-affinity. */
  nodesWithRequiredAntiAffinityPods(): Set<string> {
    const nodes = new Set<string>();
    this.collectNodes((tables) => [tables.withRequiredAntiAffinity], nodes, []);
    return nodes;
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

  /** The node this index holds the pod on; undefined when it does not hold it. */
  private nodeOf(pod: PodInfo): string | undefined {
    const own = this.added.nodeOf.get(pod);
    if (own !== undefined || this.hidden.nodeOf.has(pod)) return own;
    return this.base?.nodeOf(pod);
  }

  private beforeWrite(): void {
    if (this.frozen) throw new Error('a pod label index is frozen once forks build on it');
    this.version++;
  }

  /** Takes out a pod this layer added. */
  private unfile(pod: PodInfo): void {
    this.added.remove(pod);
    if (pod.hasAffinity) {
      this.requiredAntiAffinityTerms.remove(pod, requiredAntiAffinitySelectors(pod));
      this.scoringTerms.remove(pod, scoringSelectors(pod));
    }
  }

  /** Takes out a pod the base holds (on `nodeName`). */
  private hide(pod: PodInfo, nodeName: string): void {
    this.hidden.add(pod, nodeName);
    if (pod.hasAffinity) {
      this.requiredAntiAffinityTerms.hide(pod);
      this.scoringTerms.hide(pod);
    }
  }

  private count(selector: CompiledSelector, namespace: string): SparseNodeCounts | undefined {
    if (selector.isEverything || selector.matchesNothing) return new Map();
    if (!this.base) {
      if (this.added.narrowest(selector) === undefined) return undefined;
      const counts = new Map<string, number>();
      this.added.countInto(counts, selector, namespace, 1);
      return counts;
    }
    // The frozen base's answer (remembered there for every layer on it), corrected by this layer's pods.
    const below = this.base.matchingCounts(selector, namespace);
    if (below === undefined || (this.added.nodeOf.size === 0 && this.hidden.nodeOf.size === 0)) return below;
    const counts = new Map(below);
    this.hidden.countInto(counts, selector, namespace, -1);
    this.added.countInto(counts, selector, namespace, 1);
    return counts;
  }

  /** How many pods this index holds under one requirement's labels; undefined for operators it cannot look up. */
  private candidateCount(requirement: Requirement): number | undefined {
    const added = this.added.holdersOf(requirement);
    if (added === undefined) return undefined;
    let size = this.base?.candidateCount(requirement) ?? 0;
    for (const holders of added) size += holders.size;
    for (const holders of this.hidden.holdersOf(requirement)!) size -= holders.size;
    return size;
  }

  /** Adds the nodes of the pods `pick` selects in every layer, leaving out pods a layer above (`hiddenAbove`) hides. */
  private collectNodes(pick: (tables: PodTables) => readonly Holders[], nodes: Set<string>, hiddenAbove: readonly Holders[]): void {
    this.base?.collectNodes(pick, nodes, this.hidden.nodeOf.size === 0 ? hiddenAbove : [...hiddenAbove, this.hidden.nodeOf]);
    for (const holders of pick(this.added)) {
      if (hiddenAbove.length === 0) for (const nodeName of holders.values()) nodes.add(nodeName);
      else for (const [pod, nodeName] of holders) if (!hiddenAbove.some((hidden) => hidden.has(pod))) nodes.add(nodeName);
    }
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
