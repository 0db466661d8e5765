/**
 * PodTopologySpread's PreScore, Score and NormalizeScore (scoring.ts) for a
 * run of identical replicas, on typed arrays indexed by node position. The
 * per-node inputs (matching pods, domain, inclusion) are counted once and
 * then only for the node that took a replica; what upstream's PreScore
 * derives from the feasible nodes (ignored nodes, domains, normalising
 * weights) is derived again per replica in one pass over them, because a
 * node that fills up leaves the feasible set.
 *
 * Every number equals what computePreScoreState + scoreNode + normalizeScores
 * give for the same feasible nodes (checked by test/scheduling/batch).
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';
import {
  countNodePodsMatchSelector,
  matchesNodeInclusionPolicies,
  nodeHasAllTopologyKeys,
  topologyValue,
  type SpreadConstraint,
} from './constraint.js';
import { LABEL_HOSTNAME } from './scoring.js';

interface ConstraintColumns {
  readonly constraint: SpreadConstraint;
  readonly hostname: boolean;
  /** 1 where the node carries the topology key (Score skips the constraint otherwise). */
  readonly hasKey: Uint8Array;
  /** The node's domain (topologyValue, "" when absent) as a dense index. */
  readonly domainOf: Int32Array;
  /** 1 where PreScore's counting loop counts the node's pods for this constraint. */
  readonly counted: Uint8Array;
  /** Matching pods on the node (countNodePodsMatchSelector). */
  readonly nodeMatches: Int32Array;
  /** Per domain: matching pods over the counted nodes. */
  readonly domainMatches: Float64Array;
  /** Per domain: the replica stamp that last saw a scored node in it. */
  readonly domainSeen: Int32Array;
  weight: number;
}

export class SpreadScoreKernel {
  private stamp = 0;

  private constructor(
    private readonly namespace: string,
    private readonly requireAllTopologies: boolean,
    /** 1 where the node has every constraint's key. */
    private readonly hasAllKeys: Uint8Array,
    private readonly columns: readonly ConstraintColumns[],
  ) {}

  /** `constraints` are the pod's ScheduleAnyway constraints as computePreScoreState built them (non-empty). */
  static open(pod: PodInfo, cluster: ClusterState, constraints: readonly SpreadConstraint[], requireAllTopologies: boolean): SpreadScoreKernel {
    const nodes = cluster.nodes;
    const count = nodes.length;
    const hasAllKeys = new Uint8Array(count);
    for (let index = 0; index < count; index++) hasAllKeys[index] = nodeHasAllTopologyKeys(nodes[index].labels, constraints) ? 1 : 0;
    const requiredNodeAffinity = RequiredNodeAffinity.of(pod.pod);
    const columns = constraints.map((constraint): ConstraintColumns => {
      const hostname = constraint.topologyKey === LABEL_HOSTNAME;
      const hasKey = new Uint8Array(count);
      const domainOf = new Int32Array(count);
      const counted = new Uint8Array(count);
      const nodeMatches = new Int32Array(count);
      const domains = new Map<string, number>();
      for (let index = 0; index < count; index++) {
        const node = nodes[index];
        hasKey[index] = Object.hasOwn(node.labels, constraint.topologyKey) ? 1 : 0;
        nodeMatches[index] = countNodePodsMatchSelector(node, constraint.selector, pod.namespace);
        if (hostname) continue;
        const value = topologyValue(node.labels, constraint.topologyKey);
        let domain = domains.get(value);
        if (domain === undefined) domains.set(value, (domain = domains.size));
        domainOf[index] = domain;
        counted[index] =
          (!requireAllTopologies || hasAllKeys[index] === 1) && matchesNodeInclusionPolicies(constraint, pod, node, requiredNodeAffinity) ? 1 : 0;
      }
      const domainMatches = new Float64Array(domains.size);
      for (let index = 0; index < count; index++) if (counted[index]) domainMatches[domainOf[index]] += nodeMatches[index];
      return { constraint, hostname, hasKey, domainOf, counted, nodeMatches, domainMatches, domainSeen: new Int32Array(domains.size), weight: 0 };
    });
    return new SpreadScoreKernel(pod.namespace, requireAllTopologies, hasAllKeys, columns);
  }

  /** The node at `index` gained or lost pods: recount it. */
  nodeChanged(index: number, node: NodeInfo): void {
    for (const column of this.columns) {
      const matches = countNodePodsMatchSelector(node, column.constraint.selector, this.namespace);
      const delta = matches - column.nodeMatches[index];
      column.nodeMatches[index] = matches;
      if (!column.hostname && column.counted[index]) column.domainMatches[column.domainOf[index]] += delta;
    }
  }

  private ignored(index: number): boolean {
    return this.requireAllTopologies && this.hasAllKeys[index] === 0;
  }

  /**
   * PreScore's part that depends on the feasible nodes: the domains they
   * span and, from them, each constraint's weight log(domains + 2).
   */
  prepare(feasible: Int32Array, feasibleCount: number): void {
    const stamp = ++this.stamp;
    let ignored = 0;
    const domainCounts = this.columns.map(() => 0);
    for (let position = 0; position < feasibleCount; position++) {
      const index = feasible[position];
      if (this.ignored(index)) {
        ignored++;
        continue;
      }
      for (let column = 0; column < this.columns.length; column++) {
        const { hostname, domainOf, domainSeen } = this.columns[column];
        if (hostname) continue;
        const domain = domainOf[index];
        if (domainSeen[domain] !== stamp) {
          domainSeen[domain] = stamp;
          domainCounts[column]++;
        }
      }
    }
    this.columns.forEach((column, position) => {
      column.weight = Math.log((column.hostname ? feasibleCount - ignored : domainCounts[position]) + 2);
    });
  }

  /** scoreNode for the node at `index` (after prepare). */
  raw(index: number): number {
    if (this.ignored(index)) return 0;
    let score = 0;
    for (let position = 0; position < this.columns.length; position++) {
      const column = this.columns[position];
      if (column.hasKey[index] === 0) continue;
      const matches = column.hostname ? column.nodeMatches[index] : column.domainMatches[column.domainOf[index]];
      score += matches * column.weight + (column.constraint.maxSkew - 1);
    }
    return Math.round(score);
  }

  /** normalizeScores over the feasible nodes: `scores[position]` belongs to `feasible[position]`. */
  normalize(scores: Float64Array, feasible: Int32Array): void {
    let minScore = Number.MAX_SAFE_INTEGER;
    let maxScore = 0;
    for (let position = 0; position < scores.length; position++) {
      if (this.ignored(feasible[position])) continue;
      minScore = Math.min(minScore, scores[position]);
      maxScore = Math.max(maxScore, scores[position]);
    }
    for (let position = 0; position < scores.length; position++) {
      if (this.ignored(feasible[position])) scores[position] = 0;
      else if (maxScore === 0) scores[position] = MAX_NODE_SCORE;
      else scores[position] = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - scores[position])) / maxScore);
    }
  }
}
