/**
 * A topology spread constraint as the plugin uses it (upstream
 * podtopologyspread/common.go topologySpreadConstraint): the selector parsed,
 * matchLabelKeys merged in, the optional fields defaulted.
 */
import type { V1TopologySpreadConstraint } from '@kubernetes/client-node';
import { CompiledSelector, compileLabelSelector, type LabelRequirement, type Labels } from '../../../kube/label-selector.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { SparseNodeCounts } from '../../model/pod-label-index.js';
import { selectorMemo, type NodeMemo } from '../../model/node-memo.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../helper/tolerations.js';

export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway';

/** Where a constraint came from, for explanations: the pod's spec, or the plugin's default constraints. */
export type ConstraintOrigin = 'pod' | 'default';

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: CompiledSelector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: string;
  readonly nodeTaintsPolicy: string;
  readonly origin: ConstraintOrigin;
  /** Index in pod.spec.topologySpreadConstraints (or in the default constraints). */
  readonly index: number;
}

export const HONOR = 'Honor';
export const IGNORE = 'Ignore';

/** The gates filterTopologySpreadConstraints reads (upstream passes them as booleans). */
export interface SpreadFeatures {
  readonly enableMatchLabelKeysInPodTopologySpread: boolean;
  readonly enableNodeInclusionPolicyInPodTopologySpread: boolean;
}

export const ALL_SPREAD_FEATURES: SpreadFeatures = { enableMatchLabelKeysInPodTopologySpread: true, enableNodeInclusionPolicyInPodTopologySpread: true };

/**
 * filterTopologySpreadConstraints: the constraints with `action`, selectors
 * parsed (an invalid selector throws LabelSelectorError, upstream's error),
 * matchLabelKeys ANDed in from the pod's labels (MatchLabelKeysInPodTopologySpread,
 * on by default; when kube-apiserver already merged them the extra
 * requirements are the same ones, so matching is unchanged).
 */
export function buildConstraints(
  constraints: readonly V1TopologySpreadConstraint[],
  podLabels: Labels,
  action: WhenUnsatisfiable,
  origin: ConstraintOrigin,
  features: SpreadFeatures = ALL_SPREAD_FEATURES,
): SpreadConstraint[] {
  const result: SpreadConstraint[] = [];
  constraints.forEach((constraint, index) => {
    if (constraint.whenUnsatisfiable !== action) return;
    let selector = compileLabelSelector(constraint.labelSelector, `topologySpreadConstraints[${index}].labelSelector`);
    const matchLabels = new Map<string, string>();
    for (const key of features.enableMatchLabelKeysInPodTopologySpread ? (constraint.matchLabelKeys ?? []) : []) {
      if (Object.hasOwn(podLabels, key)) matchLabels.set(key, podLabels[key]);
    }
    if (matchLabels.size > 0) selector = mergeLabelSetWithSelector(matchLabels, selector);
    result.push({
      maxSkew: constraint.maxSkew,
      topologyKey: constraint.topologyKey,
      selector,
      // A nil minDomains is 1; nil inclusion policies are Honor (affinity) and Ignore (taints).
      minDomains: constraint.minDomains ?? 1,
      // With NodeInclusionPolicyInPodTopologySpread off the policies are not read: the defaults apply.
      nodeAffinityPolicy: (features.enableNodeInclusionPolicyInPodTopologySpread ? constraint.nodeAffinityPolicy : undefined) ?? HONOR,
      nodeTaintsPolicy: (features.enableNodeInclusionPolicyInPodTopologySpread ? constraint.nodeTaintsPolicy : undefined) ?? IGNORE,
      origin,
      index,
    });
  });
  return result;
}

/** mergeLabelSetWithSelector: a selector that matches nothing stays so (it has no requirements to extend). */
function mergeLabelSetWithSelector(matchLabels: ReadonlyMap<string, string>, selector: CompiledSelector): CompiledSelector {
  if (selector.matchesNothing) return selector;
  const fromLabels: LabelRequirement[] = [...matchLabels].map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  return CompiledSelector.of([...fromLabels, ...selector.requirements]);
}

/** The node's value for a topology key; "" when absent, as a Go map lookup reads it. */
export function topologyValue(labels: Labels, topologyKey: string): string {
  return Object.hasOwn(labels, topologyKey) ? labels[topologyKey] : '';
}

/** nodeLabelsMatchSpreadConstraints: the node carries every constraint's topology key. */
export function nodeHasAllTopologyKeys(labels: Labels, constraints: readonly SpreadConstraint[]): boolean {
  for (const constraint of constraints) {
    if (!Object.hasOwn(labels, constraint.topologyKey)) return false;
  }
  return true;
}

/**
 * countPodsMatchSelector: pods of `namespace` on the node that the selector
 * matches, skipping terminating pods (kubernetes#87621). An empty selector
 * counts nothing.
 */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: CompiledSelector, namespace: string): number {
  if (selector.isEverything) return 0;
  let count = 0;
  for (const pod of pods) {
    if (pod.pod.metadata?.deletionTimestamp || pod.namespace !== namespace) continue;
    if (selector.matches(pod.labels)) count++;
  }
  return count;
}

/** The last counter used per selector object: a selector is asked about 5,000 nodes in a row, in one namespace. */
const lastCounter = new WeakMap<CompiledSelector, { namespace: string; memo: NodeMemo<number> }>();

/** countPodsMatchSelector on a node's pods, remembered while the node is unchanged (model/node-memo.ts). */
export function countNodePodsMatchSelector(node: NodeInfo, selector: CompiledSelector, namespace: string): number {
  let last = lastCounter.get(selector);
  if (!last || last.namespace !== namespace) {
    const memo = selectorMemo(selector, `spread\u0000${namespace}`, (counted) => countPodsMatchSelector(counted.pods, selector, namespace));
    lastCounter.set(selector, (last = { namespace, memo }));
  }
  return last.memo.on(node);
}

/**
 * countPodsMatchSelector for every node of the cluster at once, from its pod
 * label index (model/pod-label-index.ts): node name → matching pods, nodes
 * without one absent. undefined when the selector names no label to look up
 * (count node by node then).
 */
export function clusterPodsMatchSelector(cluster: ClusterState, selector: CompiledSelector, namespace: string): SparseNodeCounts | undefined {
  return cluster.podLabelIndex()?.matchingCounts(selector, namespace);
}

/**
 * matchNodeInclusionPolicies: with nodeAffinityPolicy Honor only nodes the
 * pod's nodeSelector/required affinity accepts count as domains; with
 * nodeTaintsPolicy Honor only nodes whose NoSchedule/NoExecute taints the pod
 * tolerates do.
 */
export function matchesNodeInclusionPolicies(
  constraint: SpreadConstraint,
  pod: PodInfo,
  node: NodeInfo,
  requiredNodeAffinity: RequiredNodeAffinity,
): boolean {
  if (constraint.nodeAffinityPolicy === HONOR && !requiredNodeAffinity.matches(node)) return false;
  if (constraint.nodeTaintsPolicy === HONOR && findMatchingUntoleratedTaint(node.taints, pod.tolerations, isDoNotScheduleTaint)) return false;
  return true;
}
