/**
 * Placed pods by the labels their own affinity terms select: "which pods
 * have a term that could select a pod labelled so?" is answered from the
 * incoming pod's few labels, instead of matching every such pod's terms.
 * InterPodAffinity asks it for every pod it schedules (upstream
 * filtering.go getExistingAntiAffinityCounts and scoring.go
 * processExistingPod walk every pod with terms), and for pods that are not
 * long runs of replicas the number of pods with terms grows with the plan
 * (issue 14).
 *
 * Each term is filed under one requirement every pod it selects must meet
 * (an `In` value, else an `Exists` key); a term with neither (only `NotIn`
 * / `DoesNotExist`, or an empty selector) is filed as selecting anything,
 * and a term matching nothing is not filed. Answers are candidates: callers
 * still match each term in full (namespaces, selector), as a scan does.
 *
 * A cluster fork's index is a layer over its parent's, frozen at the fork
 * (see model/pod-label-index.ts): it files the pods bound since and hides
 * the parent's pods removed since, so a fork costs its edits, not the
 * cluster's pods. Answers are the same as an index built from scratch.
 */
import type { CompiledSelector, Labels } from '../../kube/label-selector.js';
import type { PodInfo } from './pod-info.js';

/** Pod → the name of the node it is bound to. */
type Holders = Map<PodInfo, string>;

export class TermSelectorIndex {
  /** `key\0value` → pods with a term requiring that value (`In`). */
  private readonly byValue = new Map<string, Holders>();
  /** key → pods with a term requiring the key (`Exists`). */
  private readonly byKey = new Map<string, Holders>();
  /** Pods with a term the index cannot narrow (selects pods whatever their labels may be). */
  private readonly unnarrowed: Holders = new Map();
  /** Pods filed in `base` that this layer no longer holds (removed since the fork). */
  private readonly hidden = new Set<PodInfo>();

  /** `base`: the frozen index of the cluster this one was forked from; never changed through this one. */
  constructor(private readonly base?: TermSelectorIndex) {}

  /** `selectors`: the pod's terms' label selectors (none: the pod is not filed). */
  add(pod: PodInfo, nodeName: string, selectors: readonly CompiledSelector[]): void {
    for (const selector of selectors) {
      if (selector.matchesNothing) continue;
      const filing = filingOf(selector);
      if (filing === undefined) this.unnarrowed.set(pod, nodeName);
      else if (filing.values === undefined) holdersOf(this.byKey, filing.key).set(pod, nodeName);
      else for (const value of filing.values) holdersOf(this.byValue, `${filing.key}\u0000${value}`).set(pod, nodeName);
    }
  }

  /** Unfiles a pod this layer filed (add). */
  remove(pod: PodInfo, selectors: readonly CompiledSelector[]): void {
    for (const selector of selectors) {
      if (selector.matchesNothing) continue;
      const filing = filingOf(selector);
      if (filing === undefined) this.unnarrowed.delete(pod);
      else if (filing.values === undefined) this.byKey.get(filing.key)?.delete(pod);
      else for (const value of filing.values) this.byValue.get(`${filing.key}\u0000${value}`)?.delete(pod);
    }
  }

  /** Unfiles a pod the base files: this layer answers as if it had never been added. */
  hide(pod: PodInfo): void {
    this.hidden.add(pod);
  }

  /** The pod is filed in the base but hidden here (and may have been filed again here, on its new node). */
  hides(pod: PodInfo): boolean {
    return this.hidden.has(pod);
  }

  /** Names of the nodes holding a pod with a term that may select a pod carrying `labels`. */
  nodesSelecting(labels: Labels): Set<string> {
    const nodes = new Set<string>();
    this.collect(labels, nodes, []);
    return nodes;
  }

  /** Adds the nodes of the pods this layer files, and those of its base that no layer above (`hiddenAbove`) hides. */
  private collect(labels: Labels, nodes: Set<string>, hiddenAbove: readonly Set<PodInfo>[]): void {
    if (this.base) this.base.collect(labels, nodes, this.hidden.size === 0 ? hiddenAbove : [...hiddenAbove, this.hidden]);
    addVisible(this.unnarrowed, nodes, hiddenAbove);
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      const withKey = this.byKey.get(key);
      if (withKey) addVisible(withKey, nodes, hiddenAbove);
      const value = labels[key];
      if (typeof value !== 'string') continue;
      const withValue = this.byValue.get(`${key}\u0000${value}`);
      if (withValue) addVisible(withValue, nodes, hiddenAbove);
    }
  }
}

/** Adds the holders' nodes, leaving out pods a layer above hides. */
function addVisible(holders: Holders, nodes: Set<string>, hiddenAbove: readonly Set<PodInfo>[]): void {
  if (hiddenAbove.length === 0) {
    for (const nodeName of holders.values()) nodes.add(nodeName);
    return;
  }
  for (const [pod, nodeName] of holders) if (!hiddenAbove.some((hidden) => hidden.has(pod))) nodes.add(nodeName);
}

/** The requirement a selector is filed under: an `In`'s key and values, else an `Exists` key; undefined when it has neither. */
function filingOf(selector: CompiledSelector): { key: string; values: readonly string[] | undefined } | undefined {
  let exists: string | undefined;
  for (const requirement of selector.requirements) {
    if (requirement.operator === 'In') return { key: requirement.key, values: requirement.values };
    if (requirement.operator === 'Exists' && exists === undefined) exists = requirement.key;
  }
  return exists === undefined ? undefined : { key: exists, values: undefined };
}

function holdersOf(index: Map<string, Holders>, key: string): Holders {
  let holders = index.get(key);
  if (!holders) index.set(key, (holders = new Map()));
  return holders;
}
