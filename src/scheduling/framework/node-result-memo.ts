/**
 * Results of node-local plugins reused across identical pods. Replicas of one
 * workload share a spec, and between two replicas only the node that took the
 * previous one changes, so re-running NodeResourcesFit, TaintToleration, … on
 * the other 4,999 nodes would recompute what is already known. A result is
 * keyed by the pod's signature (namespace + spec) and the NodeInfo object,
 * and trusted only while the node's generation is unchanged (copy-on-write
 * forks give a changed node a new object, in-place writes bump generation).
 *
 * Valid for one plan: a node-local plugin may read cluster-wide facts that are
 * fixed while a plan runs (ImageLocality's image spread over the node set).
 */
import type { NodeInfo } from '../model/node-info.js';
import { podSpecKey, type PodInfo } from '../model/pod-info.js';
import type { Status } from './status.js';

export interface NodeResult {
  generation: number;
  /** The first failing node-local filter (null: all passed; undefined: not run yet). */
  localFilter: Status | null | undefined;
  /** Raw scores of node-local score plugins, by the plugin's position in the profile; NaN until computed. */
  localScores: Float64Array | undefined;
}

export type NodeResults = WeakMap<NodeInfo, NodeResult>;

/** What node-local plugins may read from a pod: its namespace and spec, without the binding. */
export function podSignature(pod: PodInfo): string {
  return `${pod.namespace}\u0000${podSpecKey(pod.pod)}`;
}

/** Marks a signature seen once: its results are kept from the second pod on. */
const SEEN_ONCE = 'seen-once';

export class NodeResultMemo {
  private readonly bySignature = new Map<string, NodeResults | typeof SEEN_ONCE>();

  /**
   * The results shared by pods of this signature, or undefined for the first
   * pod of a signature: a pod unlike any before it (a one-off workload) would
   * only fill entries for 5,000 nodes that nothing reads again, so results
   * are kept once a second pod shows that the signature repeats.
   */
  forPod(pod: PodInfo): NodeResults | undefined {
    const signature = podSignature(pod);
    const results = this.bySignature.get(signature);
    if (results === undefined) {
      this.bySignature.set(signature, SEEN_ONCE);
      return undefined;
    }
    if (results !== SEEN_ONCE) return results;
    const kept: NodeResults = new WeakMap();
    this.bySignature.set(signature, kept);
    return kept;
  }
}

/** The node's entry, reset when the node changed since it was written. */
export function resultFor(results: NodeResults, node: NodeInfo): NodeResult {
  let entry = results.get(node);
  if (!entry) {
    entry = { generation: node.generation, localFilter: undefined, localScores: undefined };
    results.set(node, entry);
  } else if (entry.generation !== node.generation) {
    entry.generation = node.generation;
    entry.localFilter = undefined;
    entry.localScores = undefined;
  }
  return entry;
}
