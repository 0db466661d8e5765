/**
 * Runs DefaultPreemption the way upstream's TestPostFilter does: PreFilter
 * fills the cycle state, then PostFilter runs with given per-node statuses.
 */
import type { V1Node, V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework } from '../../../src/scheduling/framework/framework.js';
import type { Plugin } from '../../../src/scheduling/framework/interfaces.js';
import { Code, Status } from '../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import type { PreemptionResult } from '../../../src/scheduling/preemption/default-preemption.js';
import { clusterOf } from '../../support/builders.js';
import { profileOf } from './support.js';

export interface PostFilterCase {
  readonly plugins: readonly Plugin[];
  readonly pod: V1Pod;
  readonly pods: readonly V1Pod[];
  readonly nodes: readonly V1Node[];
  readonly pdbs?: readonly V1PodDisruptionBudget[];
  /** Node → status code; absent nodes count as UnschedulableAndUnresolvable. */
  readonly statuses: Readonly<Record<string, Code>>;
  readonly preemptionArgs?: Record<string, unknown>;
}

export function runPostFilter(testCase: PostFilterCase): PreemptionResult {
  const cluster = clusterOf([...testCase.nodes], [...testCase.pods], { podDisruptionBudgets: [...(testCase.pdbs ?? [])] });
  const framework = new Framework(profileOf(testCase.plugins, testCase.preemptionArgs));
  const state = new CycleState();
  const pod = buildPodInfo(testCase.pod);
  const preFilter = framework.runPreFilter(state, pod, cluster);
  if (preFilter.status) throw new Error(`unexpected PreFilter status: ${preFilter.status.message}`);
  const failures = new Map(Object.entries(testCase.statuses).map(([node, code]) => [node, new Status(code, [])]));
  const [plugin] = framework.profile.postFilter!;
  return plugin.postFilter(state, pod, cluster, failures, framework.filterRunner(preFilter)) as PreemptionResult;
}
