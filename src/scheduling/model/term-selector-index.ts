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

  remove(pod: PodInfo, selectors: readonly CompiledSelector[]): void {
    for (const selector of selectors) {
      if (selector.matchesNothing) continue;
      const filing = filingOf(selector);
      if (filing === undefined) this.unnarrowed.delete(pod);
      else if (filing.values === undefined) this.byKey.get(filing.key)?.delete(pod);
      else for (const value of filing.values) this.byValue.get(`${filing.key}\u0000${value}`)?.delete(pod);
    }
  }

  /** Names of the nodes holding a pod with a term that may select a pod carrying `labels`. */
  nodesSelecting(labels: Labels): Set<string> {
    const nodes = new Set<string>(this.unnarrowed.values());
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      const withKey = this.byKey.get(key);
      if (withKey) for (const nodeName of withKey.values()) nodes.add(nodeName);
      const value = labels[key];
      if (typeof value !== 'string') continue;
      const withValue = this.byValue.get(`${key}\u0000${value}`);
      if (withValue) for (const nodeName of withValue.values()) nodes.add(nodeName);
    }
    return nodes;
  }
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
