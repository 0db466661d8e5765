/**
 * Node-static plugin results by pod signature, for one plan (issue 14).
 * NodeUnschedulable, NodeName, TaintToleration and NodeAffinity filter, and
 * TaintToleration, NodeAffinity and ImageLocality score, from the node object
 * (labels, taints, cordon, name, images) and a few fields of the pod alone
 * (`staticFilterKey` / `staticScoreKey`). Most pods of a cluster share a
 * handful of those fields — no tolerations, no node selector, the same few
 * images — so the first pods of a signature fill a verdict (or raw score)
 * per node and later pods read it, whatever else their spec says.
 *
 * Results are kept by node position and trusted only while every position
 * holds the same V1Node object: a plan never changes its node set, and any
 * change (a node added, removed or updated) drops everything.
 */
import type { V1Node } from '@kubernetes/client-node';
import type { ClusterState } from '../model/cluster-state.js';
import type { Status } from './status.js';

/** Per node position: the static head's first failure, null when it passes, undefined until computed. */
export type StaticVerdicts = (Status | null | undefined)[];

/** Marks a signature seen once: results are kept from its second pod on (a one-off pod fills nothing). */
const SEEN_ONCE = 'seen-once';

/** Signatures kept per kind; past it new ones are computed node by node as before (bounds memory at 5,000+ nodes). */
export const MAX_STATIC_SIGNATURES = 128;

export class NodeStaticResults {
  private nodeObjects: V1Node[] = [];
  private readonly verdicts = new Map<string, StaticVerdicts | typeof SEEN_ONCE>();
  private readonly scores = new Map<string, Float64Array | typeof SEEN_ONCE>();
  /** Per kept score signature whose column is computed on every node: the raw score they all share, or null when they differ. */
  private readonly uniformScores = new Map<string, number | null>();

  private syncedWith: { cluster: ClusterState; version: number } | undefined;

  /** Drops every result when the node set or a node object changed since the last cycle. */
  sync(cluster: ClusterState): void {
    const synced = this.syncedWith;
    if (synced?.cluster === cluster && synced.version === cluster.nodeObjectsVersion) return;
    this.syncedWith = { cluster, version: cluster.nodeObjectsVersion };
    const nodes = cluster.nodes;
    const known = this.nodeObjects;
    let same = known.length === nodes.length;
    for (let index = 0; same && index < nodes.length; index++) same = known[index] === nodes[index].node;
    if (same) return;
    this.nodeObjects = nodes.map((node) => node.node);
    this.verdicts.clear();
    this.scores.clear();
    this.uniformScores.clear();
  }

  /** The static filter head's verdicts for pods of this signature, or undefined (first pod of it, or too many signatures). */
  filterVerdicts(signature: string): StaticVerdicts | undefined {
    const kept = this.verdicts.get(signature);
    if (kept !== undefined && kept !== SEEN_ONCE) return kept;
    if (this.verdicts.size >= MAX_STATIC_SIGNATURES && kept === undefined) return undefined;
    if (kept === undefined) {
      this.verdicts.set(signature, SEEN_ONCE);
      return undefined;
    }
    const verdicts: StaticVerdicts = new Array<Status | null | undefined>(this.nodeObjects.length).fill(undefined);
    this.verdicts.set(signature, verdicts);
    return verdicts;
  }

  /** One static score plugin's raw scores (NaN until computed) for pods of this signature, or undefined as above. */
  rawScores(signature: string): Float64Array | undefined {
    const kept = this.scores.get(signature);
    if (kept !== undefined && kept !== SEEN_ONCE) return kept;
    if (this.scores.size >= MAX_STATIC_SIGNATURES && kept === undefined) return undefined;
    if (kept === undefined) {
      this.scores.set(signature, SEEN_ONCE);
      return undefined;
    }
    const raw = new Float64Array(this.nodeObjects.length).fill(Number.NaN);
    this.scores.set(signature, raw);
    return raw;
  }

  /**
   * For a signature whose kept raw scores are computed on every node: the
   * score every node shares, null when nodes differ, undefined until
   * recorded (recordUniformScore).
   */
  uniformScore(signature: string): number | null | undefined {
    return this.uniformScores.get(signature);
  }

  /** Records what uniformScore answers for `signature` from now on (until the node set changes). */
  recordUniformScore(signature: string, uniform: number | null): void {
    this.uniformScores.set(signature, uniform);
  }
}
