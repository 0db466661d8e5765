/**
 * Fixtures for preemption tables, in the manner of upstream
 * default_preemption_test.go: its resource sizes and priorities, PDB and
 * start-time helpers, profiles built from the real plugins, and the fake
 * filters of pkg/scheduler/testing/framework (FalseFilter, TrueFilter,
 * MatchFilter, a counting FakeFilter).
 */
import type { V1Pod, V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { Profile, WeightedScorePlugin } from '../../../src/scheduling/framework/framework.js';
import {
  isFilterPlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isScorePlugin,
  type FilterPlugin,
  type Plugin,
} from '../../../src/scheduling/framework/interfaces.js';
import { Code, Status } from '../../../src/scheduling/framework/status.js';
import { defaultPreemption } from '../../../src/scheduling/plugins/default-preemption/index.js';
import type { DefaultPreemption } from '../../../src/scheduling/preemption/default-preemption.js';
import { interPodAffinity } from '../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import { nodeAffinity } from '../../../src/scheduling/plugins/node-affinity/index.js';
import { nodeName } from '../../../src/scheduling/plugins/node-name/index.js';
import { nodePorts } from '../../../src/scheduling/plugins/node-ports/index.js';
import { nodeResourcesFit } from '../../../src/scheduling/plugins/node-resources/index.js';
import { nodeUnschedulable } from '../../../src/scheduling/plugins/node-unschedulable/index.js';
import { podTopologySpread } from '../../../src/scheduling/plugins/pod-topology-spread/index.js';
import { taintToleration } from '../../../src/scheduling/plugins/taint-toleration/index.js';
import type { PodBuilder } from '../../support/builders.js';

// upstream default_preemption_test.go's priorities and sizes.
export const negPriority = -100;
export const lowPriority = 0;
export const midPriority = 100;
export const highPriority = 1000;
export const veryHighPriority = 10000;

export const smallRes = { cpu: '100m', memory: '100' };
export const mediumRes = { cpu: '200m', memory: '200' };
export const largeRes = { cpu: '300m', memory: '300' };
export const veryLargeRes = { cpu: '500m', memory: '500' };

/** upstream st.MakeNode().Capacity(resources): the resources, plus 32 pods unless given. */
export function capacity(resources: Record<string, string>): Record<string, string> {
  return { pods: '32', ...resources };
}

/** status.startTime `seconds` after the epoch (upstream's epochTime1..6 are nanoseconds; only their order matters). */
export function startedAt(builder: PodBuilder, seconds: number): PodBuilder {
  builder.pod.status = { ...(builder.pod.status ?? {}), startTime: new Date(seconds * 1000) };
  return builder;
}

export class PdbBuilder {
  readonly pdb: V1PodDisruptionBudget;
  constructor(name: string) {
    this.pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'default' },
      spec: {},
      status: { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 },
    };
  }
  namespace(namespace: string): this {
    this.pdb.metadata!.namespace = namespace;
    return this;
  }
  matchLabel(key: string, value: string): this {
    const selector = (this.pdb.spec!.selector ??= {});
    (selector.matchLabels ??= {})[key] = value;
    return this;
  }
  disruptionsAllowed(count: number): this {
    this.pdb.status!.disruptionsAllowed = count;
    return this;
  }
  disruptedPod(name: string): this {
    (this.pdb.status!.disruptedPods ??= {})[name] = new Date(0);
    return this;
  }
  obj(): V1PodDisruptionBudget {
    return structuredClone(this.pdb);
  }
}

export const makePdb = (name: string): PdbBuilder => new PdbBuilder(name);

/** A profile whose PreFilter/Filter/PreScore/Score lists hold `plugins` in order, with DefaultPreemption as PostFilter. */
export function profileOf(plugins: readonly Plugin[], preemptionArgs?: Record<string, unknown>): Profile {
  return {
    preFilter: plugins.filter(isPreFilterPlugin),
    filter: plugins.filter(isFilterPlugin),
    preScore: plugins.filter(isPreScorePlugin),
    score: plugins.filter(isScorePlugin).map((plugin): WeightedScorePlugin => ({ plugin, weight: 1 })),
    postFilter: [defaultPreemption(preemptionArgs) as DefaultPreemption],
  };
}

/** upstream's in-tree filters of the default profile that the engine simulates, in default-profile order. */
export function defaultFilterPlugins(): Plugin[] {
  return [
    nodeUnschedulable(undefined),
    nodeName(undefined),
    taintToleration(undefined),
    nodeAffinity(undefined),
    nodePorts(undefined),
    nodeResourcesFit(undefined),
    podTopologySpread(undefined),
    interPodAffinity(undefined),
  ];
}

export const fitPlugin = (): Plugin => nodeResourcesFit(undefined);
export const spreadPlugin = (): Plugin => podTopologySpread(undefined);
export const affinityPlugin = (): Plugin => interPodAffinity(undefined);

/** upstream tf.FalseFilterPlugin: every node fails. */
export const falseFilter: FilterPlugin = { name: 'FalseFilter', filter: () => Status.unschedulable('injecting failure for pod') };
/** upstream tf.TrueFilterPlugin: every node passes. */
export const trueFilter: FilterPlugin = { name: 'TrueFilter', filter: () => null };
/** upstream tf.MatchFilterPlugin: a node passes when the pod is named after it. */
export const matchFilter: FilterPlugin = {
  name: 'MatchFilter',
  filter: (_state, pod, node) => (pod.name === node.name ? null : Status.unschedulable('pod name does not match node name')),
};

/** upstream tf.FakeFilterPlugin: counts its calls and answers every node with `code` (Success: null). */
export class CountingFilter implements FilterPlugin {
  readonly name = 'FakeFilter';
  calls = 0;
  constructor(private readonly code: Code = Code.Success) {}
  filter(): Status | null {
    this.calls++;
    return this.code === Code.Success ? null : new Status(this.code, []);
  }
}

export function podsOf(builders: readonly PodBuilder[]): V1Pod[] {
  return builders.map((builder) => builder.obj());
}
