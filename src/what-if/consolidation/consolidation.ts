/**
 * The consolidation analysis on a prepared cluster: survey the nodes, search
 * (consolidation-search.ts), and describe the verified answer — where each
 * evicted pod lands, why each kept candidate stays, the cluster before and
 * after, the PDB disruptions spent and the money saved.
 */
import type { CompiledSelector } from '../../kube/label-selector.js';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import { roundPrice } from '../node-prices.js';
import type { NodeGroup } from '../scale-up.js';
import { clusterUtilisation } from '../utilisation.js';
import type { ClusterFootprint, ConsolidationResult, RemovableNode } from './consolidation-result.js';
import { searchConsolidation, type MeteredPlanner } from './consolidation-search.js';
import { DisruptionBudgets } from './disruption-budgets.js';
import type { DrainRules } from './drainability.js';
import { surveyNodes, type SurveyedNode } from './node-survey.js';

export interface ConsolidationSettings {
  readonly candidates: CompiledSelector | undefined;
  readonly keepPerZone: number;
  readonly rules: DrainRules;
  readonly objective: 'nodes' | 'price';
  readonly groups: readonly NodeGroup[];
  /** Wall clock, epoch milliseconds (long-terminating pods). */
  readonly now: number;
  readonly timeUp: () => boolean;
}

type Analysis = Omit<ConsolidationResult, 'kubernetesVersion' | 'scenario' | 'warnings'>;

function footprint(cluster: ClusterState, prices: ReadonlyMap<string, number | undefined>): ClusterFootprint {
  const utilisation = clusterUtilisation(cluster, new Set());
  const nodePrices = cluster.nodes.map((node) => prices.get(node.name));
  const priced = nodePrices.length > 0 && nodePrices.every((price) => price !== undefined);
  return {
    nodes: cluster.nodes.length,
    pods: cluster.nodes.reduce((sum, node) => sum + node.pods.length, 0),
    cpu: utilisation.cpu,
    memory: utilisation.memory,
    price: priced ? roundPrice(nodePrices.reduce<number>((sum, price) => sum + price!, 0)) : null,
  };
}

const key = (namespace: string | undefined, name: string | undefined) => `${namespace || 'default'}/${name}`;

export function analyzeConsolidation(planner: MeteredPlanner, cluster: ClusterState, settings: ConsolidationSettings): Analysis {
  const budgets = DisruptionBudgets.of(cluster);
  const survey = surveyNodes(cluster, budgets, settings);
  const search = searchConsolidation(planner, cluster, survey, budgets, {
    keepPerZone: settings.keepPerZone,
    objective: settings.objective,
    respectPdbs: settings.rules.pdb,
    timeUp: settings.timeUp,
  });
  // Where each evicted pod went in the verifying replay.
  const landed = new Map<string, string>(search.replay.decisions.map((decision) => [decision.podKey, decision.node!]));
  const removable: RemovableNode[] = search.removed.map((node: SurveyedNode, index) => ({
    node: node.name,
    order: index + 1,
    zone: node.zone ?? null,
    nodeGroup: node.price?.nodeGroup ?? null,
    price: node.price?.price ?? null,
    utilisation: node.utilisation,
    evicted: node.evicted.map((pod) => ({
      pod: pod.metadata?.name ?? '',
      namespace: pod.metadata?.namespace || 'default',
      to: landed.get(key(pod.metadata?.namespace, pod.metadata?.name))!,
    })),
    goneWithNode: [...node.goneWithNode],
  }));
  const prices = new Map(survey.map((node) => [node.name, node.price?.price]));
  const savings = search.removed.every((node) => node.price !== undefined) && settings.groups.length > 0 ? roundPrice(search.removed.reduce((sum, node) => sum + node.price!.price, 0)) : null;
  return {
    objective: settings.objective,
    removable,
    kept: search.kept,
    before: footprint(cluster, prices),
    after: footprint(search.replay.cluster, prices),
    savings,
    pdbDisruptions: search.budgets.uses(),
    verified: true,
    search: { evaluatedPlans: search.evaluatedPlans, triedNodes: search.triedNodes, improvements: search.improvements, stoppedBy: search.stoppedBy },
  };
}
