/**
 * Runs the dry run the way upstream's TestDryRunPreemption does: nodes named
 * "host/zone/region" get those labels and veryLargeRes capacity, every node
 * is a potential node (sorted by name), PreFilter fills the cycle state, and a
 * counting FakeFilter runs before the plugins under test.
 */
import type { V1Node, V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework } from '../../../src/scheduling/framework/framework.js';
import type { Plugin } from '../../../src/scheduling/framework/interfaces.js';
import type { ClusterState } from '../../../src/scheduling/model/cluster-state.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { numCandidatesToFind, parseDefaultPreemptionArgs } from '../../../src/scheduling/preemption/args.js';
import type { Candidate } from '../../../src/scheduling/preemption/candidate.js';
import { dryRunPreemption, type DryRunResult } from '../../../src/scheduling/preemption/dry-run.js';
import { compileDisruptionBudgets } from '../../../src/scheduling/preemption/pdb-violations.js';
import { clusterOf, makeNode } from '../../support/builders.js';
import { capacity, CountingFilter, profileOf, veryLargeRes } from './support.js';

const LABEL_KEYS = ['hostname', 'zone', 'region'];

/** Nodes named "host/zone/region" with those labels and veryLargeRes capacity, as upstream's dry-run tables build them. */
export function labeledNodes(nodeNames: readonly string[]): V1Node[] {
  return nodeNames.map((spec) => {
    const parts = spec.split('/');
    const builder = makeNode(parts[0]).capacity(capacity(veryLargeRes));
    parts.forEach((value, index) => builder.label(LABEL_KEYS[index], value));
    return builder.obj();
  });
}

export function dryRunCluster(nodeNames: readonly string[], pods: readonly V1Pod[], pdbs: readonly V1PodDisruptionBudget[] = []): ClusterState {
  return clusterOf(labeledNodes(nodeNames), [...pods], { podDisruptionBudgets: [...pdbs] });
}

export interface DryRunCycle {
  readonly result: DryRunResult;
  readonly filterCalls: number;
}

/** One dry run per preemptor, as upstream's cycles, each starting at its offset. */
export function runDryRuns(
  cluster: ClusterState,
  plugins: readonly Plugin[],
  preemptors: readonly V1Pod[],
  offsets: readonly number[],
  fakeFilter: CountingFilter,
  args?: Record<string, unknown>,
): DryRunCycle[] {
  const framework = new Framework(profileOf([fakeFilter, ...plugins]));
  const potentialNodes = [...cluster.nodes].sort((a, b) => (a.name < b.name ? -1 : 1));
  const budgets = compileDisruptionBudgets(cluster.objects.podDisruptionBudgets);
  const numCandidates = numCandidatesToFind(parseDefaultPreemptionArgs(args), potentialNodes.length);
  return preemptors.map((preemptor, cycle) => {
    const state = new CycleState();
    const pod = buildPodInfo(preemptor);
    const preFilter = framework.runPreFilter(state, pod, cluster);
    if (preFilter.status) throw new Error(`unexpected PreFilter status: ${preFilter.status.message}`);
    const before = fakeFilter.calls;
    const result = dryRunPreemption(state, pod, potentialNodes, cluster, budgets, framework.filterRunner(preFilter), offsets[cycle], numCandidates);
    return { result, filterCalls: fakeFilter.calls - before };
  });
}

/** Candidates as upstream's test compares them: by node name, victims by pod name. */
export function summarize(candidates: readonly Candidate[]): { node: string; victims: string[]; numPdbViolations: number }[] {
  return [...candidates]
    .map((candidate) => ({
      node: candidate.node,
      victims: candidate.victims.map((victim) => victim.pod.name).sort(),
      numPdbViolations: candidate.numPdbViolations,
    }))
    .sort((a, b) => (a.node < b.node ? -1 : 1));
}
