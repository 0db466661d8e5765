/**
 * The PodDisruptionBudgets a consolidation spends, as Cluster Autoscaler's
 * RemainingPdbTracker (core/scaledown/pdb/basic.go) does: a PDB matches the
 * pods of its namespace its selector selects (policy/v1: an empty selector
 * selects every pod of the namespace, a missing one none), and each evicted
 * pod spends one of its disruptions; a node whose pods would spend more than
 * any budget has left stays.
 *
 * Disruptions allowed: status.disruptionsAllowed when the PDB was captured
 * with its status. A manifest without status gets what the disruption
 * controller would compute (pkg/controller/disruption/disruption.go
 * getExpectedPodCount + updatePdbStatus), with the pods the PDB matches in the
 * cluster standing for both the healthy and the expected pods:
 * minAvailable N (or N% of expected, rounded up) or expected − maxUnavailable
 * (N, or N% rounded up) are desired healthy, and the rest may be disrupted.
 */
import type { V1PodDisruptionBudget, V1Pod } from '@kubernetes/client-node';
import { compileLabelSelector, LabelSelectorError, type CompiledSelector } from '../../kube/label-selector.js';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';

export interface BudgetUse {
  readonly namespace: string;
  readonly name: string;
  /** Disruptions the budget allowed before the consolidation. */
  readonly allowed: number;
  /** Disruptions the removed nodes' evictions spend. */
  readonly used: number;
}

interface Budget {
  readonly namespace: string;
  readonly name: string;
  readonly selector: CompiledSelector;
  readonly allowed: number;
}

function selectorOf(budget: V1PodDisruptionBudget): CompiledSelector | null {
  try {
    return compileLabelSelector(budget.spec?.selector);
  } catch (error) {
    if (error instanceof LabelSelectorError) return null;
    throw error;
  }
}

/** intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true). */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (percent) return Math.ceil((Number(percent[1]) * total) / 100);
  const integer = Number(value);
  return Number.isInteger(integer) ? integer : 0;
}

function derivedAllowed(budget: V1PodDisruptionBudget, matching: number): number {
  const { minAvailable, maxUnavailable } = budget.spec ?? {};
  let desiredHealthy = 0;
  if (maxUnavailable !== undefined && maxUnavailable !== null) desiredHealthy = Math.max(0, matching - scaled(maxUnavailable, matching));
  else if (minAvailable !== undefined && minAvailable !== null) desiredHealthy = scaled(minAvailable, matching);
  return Math.max(0, matching - desiredHealthy);
}

const namespaceOf = (pod: V1Pod) => pod.metadata?.namespace || 'default';

export class DisruptionBudgets {
  private constructor(
    private readonly budgets: readonly Budget[],
    private readonly used: number[],
  ) {}

  /** The cluster's PDBs with the disruptions each allows now. */
  static of(cluster: ClusterState): DisruptionBudgets {
    const compiled = cluster.objects.podDisruptionBudgets.flatMap((budget) => {
      const selector = selectorOf(budget);
      return selector ? [{ budget, selector, namespace: budget.metadata?.namespace || 'default' }] : [];
    });
    const matching = compiled.map(() => 0);
    for (const node of cluster.nodes) {
      for (const pod of node.pods) {
        compiled.forEach((entry, index) => {
          if (entry.namespace === pod.namespace && entry.selector.matches(pod.labels)) matching[index]++;
        });
      }
    }
    const budgets = compiled.map((entry, index) => ({
      namespace: entry.namespace,
      name: entry.budget.metadata?.name ?? '',
      selector: entry.selector,
      allowed: entry.budget.status?.disruptionsAllowed ?? derivedAllowed(entry.budget, matching[index]),
    }));
    return new DisruptionBudgets(budgets, budgets.map(() => 0));
  }

  /** Indices of the budgets that select `pod`. */
  private matchingIndices(pod: V1Pod): number[] {
    const labels = pod.metadata?.labels ?? {};
    const namespace = namespaceOf(pod);
    const indices: number[] = [];
    this.budgets.forEach((budget, index) => {
      if (budget.namespace === namespace && budget.selector.matches(labels)) indices.push(index);
    });
    return indices;
  }

  /** The budgets selecting `pod`, with what each still allows (CA's MatchingPdbs). */
  matching(pod: V1Pod): { readonly name: string; readonly disruptionsAllowed: number }[] {
    return this.matchingIndices(pod).map((index) => ({ name: this.budgets[index].name, disruptionsAllowed: this.budgets[index].allowed - this.used[index] }));
  }

  /** The first budget evicting all of `pods` would overdraw (CA's CanRemovePods), or undefined. */
  overdrawnBy(pods: readonly V1Pod[]): { readonly budget: string; readonly pod: V1Pod } | undefined {
    const spent = [...this.used];
    for (const pod of pods) {
      for (const index of this.matchingIndices(pod)) {
        spent[index]++;
        if (spent[index] > this.budgets[index].allowed) return { budget: `${this.budgets[index].namespace}/${this.budgets[index].name}`, pod };
      }
    }
    return undefined;
  }

  /** Spends one disruption per pod on every budget selecting it (CA's RemovePods). */
  spend(pods: readonly V1Pod[]): void {
    for (const pod of pods) for (const index of this.matchingIndices(pod)) this.used[index]++;
  }

  /** A copy whose spending does not touch this one. */
  copy(): DisruptionBudgets {
    return new DisruptionBudgets(this.budgets, [...this.used]);
  }

  /** Budgets that were spent, in namespace/name order. */
  uses(): BudgetUse[] {
    return this.budgets
      .map((budget, index) => ({ namespace: budget.namespace, name: budget.name, allowed: budget.allowed, used: this.used[index] }))
      .filter((use) => use.used > 0)
      .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
  }
}
