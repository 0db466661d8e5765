/**
 * Which preemption victims would violate a PodDisruptionBudget, as upstream
 * defaultpreemption filterPodsWithPDBViolation: each PDB in the pod's
 * namespace whose selector matches the pod spends one of its
 * status.disruptionsAllowed (unless the pod is already in
 * status.disruptedPods); a pod that drives any budget below zero violates it.
 */
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { compileLabelSelector, LabelSelectorError, type CompiledSelector } from '../../kube/label-selector.js';
import type { PodInfo } from '../model/pod-info.js';

/** A PDB with its selector compiled once per catalog. */
export interface CompiledDisruptionBudget {
  readonly namespace: string;
  readonly name: string;
  /** null: an invalid or empty selector, which upstream treats as matching nothing. */
  readonly selector: CompiledSelector | null;
  readonly disruptionsAllowed: number;
  readonly disruptedPods: ReadonlySet<string>;
}

const compiledCache = new WeakMap<readonly V1PodDisruptionBudget[], readonly CompiledDisruptionBudget[]>();

function compileSelector(budget: V1PodDisruptionBudget): CompiledSelector | null {
  try {
    const selector = compileLabelSelector(budget.spec?.selector);
    // "A PDB with a nil or empty selector matches nothing."
    return selector.matchesNothing || selector.isEverything ? null : selector;
  } catch (error) {
    if (error instanceof LabelSelectorError) return null;
    throw error;
  }
}

export function compileDisruptionBudgets(budgets: readonly V1PodDisruptionBudget[]): readonly CompiledDisruptionBudget[] {
  let compiled = compiledCache.get(budgets);
  if (!compiled) {
    compiled = budgets.map((budget) => ({
      namespace: budget.metadata?.namespace || 'default',
      name: budget.metadata?.name ?? '',
      selector: compileSelector(budget),
      disruptionsAllowed: budget.status?.disruptionsAllowed ?? 0,
      disruptedPods: new Set(Object.keys(budget.status?.disruptedPods ?? {})),
    }));
    compiledCache.set(budgets, compiled);
  }
  return compiled;
}

export interface PdbGrouping {
  readonly violating: PodInfo[];
  readonly nonViolating: PodInfo[];
}

/** Splits `pods` (order preserved within each group) by whether evicting them, in this order, violates a budget. */
export function groupByPdbViolation(pods: readonly PodInfo[], budgets: readonly CompiledDisruptionBudget[]): PdbGrouping {
  const allowed = budgets.map((budget) => budget.disruptionsAllowed);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pod of pods) {
    let violates = false;
    // A pod with no labels matches no PDB.
    if (Object.keys(pod.labels).length > 0) {
      budgets.forEach((budget, index) => {
        if (budget.namespace !== pod.namespace || budget.selector === null || !budget.selector.matches(pod.labels)) return;
        // Already processed by the API server's eviction: not counted again.
        if (budget.disruptedPods.has(pod.name)) return;
        allowed[index]--;
        if (allowed[index] < 0) violates = true;
      });
    }
    (violates ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}
