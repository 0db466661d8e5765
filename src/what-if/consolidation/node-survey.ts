/**
 * Each node as a consolidation sees it before anything moves: its zone,
 * price and utilisation, which of its pods a drain evicts and places again,
 * which go with it, and the first pod (if any) the drainability rules say
 * keeps it.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { CompiledSelector } from '../../kube/label-selector.js';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import type { NodeInfo } from '../../scheduling/model/node-info.js';
import { CPU, MEMORY } from '../../scheduling/model/resources.js';
import { ZONE_LABEL } from '../../simulation/scenario/node-template.js';
import { nodePrice, type NodePrice } from '../node-prices.js';
import type { NodeGroup } from '../scale-up.js';
import type { DisruptionBudgets } from './disruption-budgets.js';
import { drainability, type BlockingReason, type DrainRuleName, type DrainRules } from './drainability.js';

export interface DrainBlocker {
  readonly pod: string;
  readonly rule: DrainRuleName;
  readonly reason: BlockingReason;
  readonly message: string;
}

export interface SurveyedNode {
  readonly name: string;
  readonly zone: string | undefined;
  readonly price: NodePrice | undefined;
  /** max(cpu, memory) requested over allocatable (Cluster Autoscaler's utilisation for scale-down). */
  readonly utilisation: number;
  readonly candidate: boolean;
  /** Pods a drain evicts and the scheduler places again, bound as they are now, in name order. */
  readonly evicted: readonly V1Pod[];
  /** Keys (namespace/name) of the pods that go with the node. */
  readonly goneWithNode: readonly string[];
  readonly blocker: DrainBlocker | undefined;
}

function fraction(requested: number | undefined, allocatable: number | undefined): number {
  return allocatable ? (requested ?? 0) / allocatable : 0;
}

export function nodeUtilisation(node: NodeInfo): number {
  const value = Math.max(fraction(node.requested[CPU], node.allocatable[CPU]), fraction(node.requested[MEMORY], node.allocatable[MEMORY]));
  return Math.round(value * 10_000) / 10_000;
}

export interface SurveySettings {
  readonly candidates: CompiledSelector | undefined;
  readonly rules: DrainRules;
  readonly groups: readonly NodeGroup[];
  readonly now: number;
}

export function surveyNodes(cluster: ClusterState, budgets: DisruptionBudgets, settings: SurveySettings): SurveyedNode[] {
  const context = { rules: settings.rules, now: settings.now, matchingBudgets: (pod: V1Pod) => budgets.matching(pod) };
  return cluster.nodes.map((node) => {
    const evicted: V1Pod[] = [];
    const goneWithNode: string[] = [];
    let blocker: DrainBlocker | undefined;
    const pods = [...node.pods].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const pod of pods) {
      const decision = drainability(pod.pod, context);
      if (decision.outcome === 'drain') evicted.push(pod.pod);
      else if (decision.outcome === 'block') blocker ??= { pod: pod.key, rule: decision.rule, reason: decision.reason, message: decision.message };
      else goneWithNode.push(pod.key);
    }
    return {
      name: node.name,
      zone: node.labels[ZONE_LABEL],
      price: nodePrice(node, settings.groups),
      utilisation: nodeUtilisation(node),
      candidate: settings.candidates === undefined || settings.candidates.matches(node.labels),
      evicted,
      goneWithNode,
      blocker,
    };
  });
}
