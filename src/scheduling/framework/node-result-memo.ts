/**
 * Results of node-local plugins reused across identical pods. Replicas of one
 * workload share a spec, and between two replicas only the node that took the
 * previous one changes, so re-running NodeResourcesFit, TaintToleration, … on
 * the other 4,999 nodes would recompute what is already known. Results are
 * kept per pod signature (namespace + spec) by node position, and trusted
 * only while that position holds the same NodeInfo object at the same
 * generation (copy-on-write forks give a changed node a new object, in-place
 * writes bump generation). That check runs once per cycle, in `sync`, and
 * only on the positions the cluster wrote since the previous sync
 * (ClusterState.nodeWrites), not on all 5,000 nodes per pod: reading each
 * node's generation was a cache miss per node, about 5 % of a distinct pod's
 * cycle.
 *
 * Valid for one plan: a node-local plugin may read cluster-wide facts that are
 * fixed while a plan runs (ImageLocality's image spread over the node set).
 */
import type { V1PodSpec } from '@kubernetes/client-node';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import { podSpecKey, type PodInfo } from '../model/pod-info.js';
import type { FilterPlugin } from './interfaces.js';
import type { Status } from './status.js';

/** One signature's results by node position. */
export class NodeResults {
  private readonly owners: (NodeInfo | undefined)[];
  private readonly generations: Float64Array;
  /** The first failing node-local filter (null: all passed; undefined: not run yet). */
  readonly localFilter: (Status | null | undefined)[];
  /**
   * Raw scores of node-local score plugins, a column per plugin: at the
   * plugin's position in the profile × nodes + the node's position; NaN
   * until computed. By column, so that a cycle reads only the columns it
   * scores, in node order.
   */
  readonly localScores: Float64Array;
  /** Per plugin position: how many of its column's entries are NaN (0: the whole column can be read without checks). */
  readonly missingScores: Int32Array;

  constructor(
    readonly nodeCount: number,
    readonly pluginCount: number,
  ) {
    this.owners = new Array<NodeInfo | undefined>(nodeCount).fill(undefined);
    this.generations = new Float64Array(nodeCount);
    this.localFilter = new Array<Status | null | undefined>(nodeCount).fill(undefined);
    this.localScores = new Float64Array(nodeCount * pluginCount).fill(Number.NaN);
    this.missingScores = new Int32Array(pluginCount).fill(nodeCount);
  }

  /** Records the raw score of the plugin at `plugin` on the node at `index` (NaN, never valid, is left uncounted). */
  recordScore(plugin: number, index: number, value: number): void {
    const slot = plugin * this.nodeCount + index;
    if (!Number.isNaN(this.localScores[slot]) || Number.isNaN(value)) return;
    this.localScores[slot] = value;
    this.missingScores[plugin]--;
  }

  /** The node-local filters at the head of the pod's filters that `localFilter` verdicts were computed with. */
  private head: readonly FilterPlugin[] | undefined;

  /**
   * Forgets the kept filter verdicts when this cycle's node-local head is not
   * the one they were computed with. Pods of one signature can have different
   * heads: the signature leaves out pod (anti-)affinity and volumes, so a
   * shared-state filter one pod skips (or that passes every node) can run
   * for the next, and in a profile that orders it before node-local filters
   * upstream RunFilterPlugins stops at it first. Call once per cycle, after
   * PreFilter.
   */
  useFilterHead(localFilters: readonly FilterPlugin[]): void {
    const head = this.head;
    if (head === localFilters) return;
    this.head = localFilters;
    if (head === undefined || sameFilters(head, localFilters)) return;
    this.localFilter.fill(undefined);
  }

  /** The cluster, its node set version and how many of its node writes the positions reflect. */
  private synced: { cluster: ClusterState; version: number; writes: number } | undefined;

  /**
   * Makes every position hold the results of the cluster's current node
   * there; call before reading results in a cycle. Positions the cluster did
   * not write since the previous sync (same cluster, same node set) are known
   * to be unchanged; any other cluster or node set is checked node by node.
   */
  sync(cluster: ClusterState): void {
    const nodes = cluster.nodes;
    const writes = cluster.nodeWrites;
    const synced = this.synced;
    if (synced !== undefined && synced.cluster === cluster && synced.version === cluster.nodeObjectsVersion) {
      for (let entry = synced.writes; entry < writes.length; entry++) {
        const index = writes[entry];
        this.at(index, nodes[index]);
      }
      synced.writes = writes.length;
      return;
    }
    for (let index = 0; index < nodes.length; index++) this.at(index, nodes[index]);
    this.synced = { cluster, version: cluster.nodeObjectsVersion, writes: writes.length };
  }

  /** Makes position `index` hold `node`'s results: forgets what it held when the node changed since. */
  private at(index: number, node: NodeInfo): void {
    if (this.owners[index] === node && this.generations[index] === node.generation) return;
    this.owners[index] = node;
    this.generations[index] = node.generation;
    this.localFilter[index] = undefined;
    const scores = this.localScores;
    for (let plugin = 0, slot = index; plugin < this.pluginCount; plugin++, slot += this.nodeCount) {
      if (Number.isNaN(scores[slot])) continue;
      scores[slot] = Number.NaN;
      this.missingScores[plugin]++;
    }
  }
}

function sameFilters(a: readonly FilterPlugin[], b: readonly FilterPlugin[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Keyed by the spec object, as podSpecKey. */
const signatureSpecs = new WeakMap<V1PodSpec, string>();

/**
 * What node-local plugins may read from a pod: its namespace and spec,
 * without the binding, its volumes, its pod (anti-)affinity and its topology
 * spread constraints. No node-local plugin reads those (the volume plugins
 * read claims that VolumeBinding's Reserve binds as a plan goes, and
 * InterPodAffinity and PodTopologySpread count other nodes' pods, so none of
 * them is node-local). The replicas of a StatefulSet with
 * volumeClaimTemplates differ in nothing else (each names its own claims),
 * and many small workloads differ only in the selectors of their
 * anti-affinity or spreading (issue 14): leaving those out lets them share
 * NodeResourcesFit's and the other node-local plugins' results.
 */
export function podSignature(pod: PodInfo): string {
  const spec = pod.pod.spec;
  if (!spec) return `${pod.namespace}\u0000{}`;
  let key = signatureSpecs.get(spec);
  if (key === undefined) {
    const { volumes: _volumes, topologySpreadConstraints: _spreading, affinity, ...rest } = spec;
    const nodeAffinity = affinity?.nodeAffinity;
    key = podSpecKey({ spec: nodeAffinity ? { ...rest, affinity: { nodeAffinity } } : rest });
    signatureSpecs.set(spec, key);
  }
  return `${pod.namespace}\u0000${key}`;
}

/**
 * Signatures whose results are kept, most recently used first: the replicas
 * of a workload come one after another, so a plan of thousands of small
 * workloads needs only the last few. A cluster's pods have a few dozen
 * shapes of requests, though (a whole-cluster replay draws each pod's from
 * them), so as many are kept as fit KEPT_NODE_SLOTS node positions, at least
 * KEPT_SIGNATURES: memory stays bounded (about 80 bytes per position).
 */
export const KEPT_SIGNATURES = 8;
export const KEPT_NODE_SLOTS = 250_000;

/** How many signatures' results are kept at `nodeCount` nodes. */
export function keptSignatures(nodeCount: number): number {
  return Math.max(KEPT_SIGNATURES, Math.floor(KEPT_NODE_SLOTS / Math.max(nodeCount, 1)));
}

/** Signatures remembered as seen once (a set cleared when full, so memory stays bounded). */
const SEEN_LIMIT = 4096;

export class NodeResultMemo {
  private readonly kept = new Map<string, NodeResults>();
  private readonly seen = new Set<string>();

  /**
   * The results shared by pods of this signature, or undefined for the first
   * pod of a signature: a pod unlike any before it (a one-off workload) would
   * only fill entries for 5,000 nodes that nothing reads again, so results
   * are kept once a second pod shows that the signature repeats. Call
   * NodeResults.sync with the cycle's cluster before reading the results.
   */
  forPod(pod: PodInfo, nodeCount: number, pluginCount: number): NodeResults | undefined {
    const signature = podSignature(pod);
    const results = this.kept.get(signature);
    if (results !== undefined && results.nodeCount === nodeCount) {
      // Most recently used last in insertion order, so the oldest is evicted first.
      this.kept.delete(signature);
      this.kept.set(signature, results);
      return results;
    }
    if (results === undefined && !this.seen.has(signature)) {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
      this.seen.add(signature);
      return undefined;
    }
    const fresh = new NodeResults(nodeCount, pluginCount);
    this.kept.delete(signature);
    this.kept.set(signature, fresh);
    if (this.kept.size > keptSignatures(nodeCount)) this.kept.delete(this.kept.keys().next().value!);
    return fresh;
  }
}
