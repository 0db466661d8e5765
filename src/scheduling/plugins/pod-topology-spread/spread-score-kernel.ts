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
import { LABEL_HOSTNAME, normalizeEverySpreadScore, normalizeSpreadScores, scoreForCount } from './scoring.js';

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
    // Default spreading gives both constraints one selector: count its matches once.
    const matchesBySelector = new Map<SpreadConstraint['selector'], Int32Array>();
    const countMatches = (selector: SpreadConstraint['selector']): Int32Array => {
      let matches = matchesBySelector.get(selector);
      if (!matches) {
        matches = new Int32Array(count);
        for (let index = 0; index < count; index++) matches[index] = countNodePodsMatchSelector(nodes[index], selector, pod.namespace);
        matchesBySelector.set(selector, matches);
      }
      return matches;
    };
    const columns = constraints.map((constraint): ConstraintColumns => {
      const hostname = constraint.topologyKey === LABEL_HOSTNAME;
      const hasKey = new Uint8Array(count);
      const domainOf = new Int32Array(count);
      const counted = new Uint8Array(count);
      // A copy: each column's counts are updated on their own as replicas land.
      const nodeMatches = Int32Array.from(countMatches(constraint.selector));
      const domains = new Map<string, number>();
      for (let index = 0; index < count; index++) {
        const node = nodes[index];
        hasKey[index] = Object.hasOwn(node.labels, constraint.topologyKey) ? 1 : 0;
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
    let counted: { selector: SpreadConstraint['selector']; matches: number } | undefined;
    for (const column of this.columns) {
      const selector = column.constraint.selector;
      if (counted?.selector !== selector) counted = { selector, matches: countNodePodsMatchSelector(node, selector, this.namespace) };
      const matches = counted.matches;
      const delta = matches - column.nodeMatches[index];
      column.nodeMatches[index] = matches;
      if (!column.hostname && column.counted[index]) column.domainMatches[column.domainOf[index]] += delta;
    }
  }

  /**
   * PreScore's part that depends on the feasible nodes: how many there are,
   * the domains they span and, from them, each constraint's weight
   * log(domains + 2).
   */
  prepare(feasible: Int32Array, feasibleCount: number, multiplicity?: Int32Array): void {
    // With multiplicity, feasible[position] stands for multiplicity[position] nodes of its class.
    let nodes = 0;
    let ignored = 0;
    const hasAllKeys = this.hasAllKeys;
    const requireAll = this.requireAllTopologies;
    for (let position = 0; position < feasibleCount; position++) {
      const weight = multiplicity ? multiplicity[position] : 1;
      nodes += weight;
      if (requireAll && hasAllKeys[feasible[position]] === 0) ignored += weight;
    }
    for (const column of this.columns) {
      if (column.hostname) {
        column.weight = Math.log(nodes - ignored + 2);
        continue;
      }
      const stamp = ++this.stamp;
      const { domainOf, domainSeen } = column;
      let domains = 0;
      for (let position = 0; position < feasibleCount; position++) {
        const index = feasible[position];
        if (requireAll && hasAllKeys[index] === 0) continue;
        const domain = domainOf[index];
        if (domainSeen[domain] !== stamp) {
          domainSeen[domain] = stamp;
          domains++;
        }
      }
      column.weight = Math.log(domains + 2);
    }
  }

  /** Nodes of one class score the same raw value at every replica until they take a pod. */
  classOf(index: number): string {
    let key = this.requireAllTopologies && this.hasAllKeys[index] === 0 ? 'i' : 's';
    for (const column of this.columns) {
      key += column.hasKey[index] === 0 ? '|-' : `|${column.hostname ? column.nodeMatches[index] : column.domainOf[index]}`;
    }
    return key;
  }

  /** scoreNode for the node at `index` (after prepare). */
  raw(index: number): number {
    if (this.requireAllTopologies && this.hasAllKeys[index] === 0) return 0;
    let score = 0;
    for (let position = 0; position < this.columns.length; position++) {
      const column = this.columns[position];
      if (column.hasKey[index] === 0) continue;
      const matches = column.hostname ? column.nodeMatches[index] : column.domainMatches[column.domainOf[index]];
      score += scoreForCount(matches, column.constraint.maxSkew, column.weight);
    }
    return Math.round(score);
  }

  /** normalizeScores over the feasible nodes: `scores[position]` belongs to `feasible[position]`. */
  normalize(scores: Float64Array, feasible: Int32Array): void {
    const { hasAllKeys, requireAllTopologies } = this;
    if (!requireAllTopologies) normalizeEverySpreadScore(scores);
    else normalizeSpreadScores(scores, (position) => hasAllKeys[feasible[position]] === 0);
  }
}
