/**
 * Which constraints apply to a pod (upstream podtopologyspread
 * getConstraints / buildDefaultConstraints): its own, or — when it has none —
 * the plugin's default constraints, spreading over the pods its Services and
 * controller select.
 */
import type { V1TopologySpreadConstraint } from '@kubernetes/client-node';
import type { ClusterCatalog } from '../../model/cluster-state.js';
import type { PodInfo } from '../../model/pod-info.js';
import { buildConstraints, type SpreadConstraint, type SpreadFeatures, type WhenUnsatisfiable } from './constraint.js';
import { defaultSelector } from './default-selector.js';

/** The plugin's defaulting (from PodTopologySpreadArgs). */
export interface DefaultConstraints {
  readonly constraints: readonly V1TopologySpreadConstraint[];
  /** defaultingType: System (upstream's systemDefaultConstraints), which also relaxes PreScore's requireAllTopologies. */
  readonly systemDefaulted: boolean;
  /** The release's gates the constraints are read with (default: all on). */
  readonly features?: SpreadFeatures;
}

export function podHasOwnConstraints(pod: PodInfo): boolean {
  return (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
}

/** The pod's constraints with `action`; throws LabelSelectorError when a selector does not parse. */
export function constraintsFor(
  pod: PodInfo,
  action: WhenUnsatisfiable,
  defaults: DefaultConstraints,
  catalog: ClusterCatalog,
): SpreadConstraint[] {
  if (podHasOwnConstraints(pod)) return buildConstraints(pod.pod.spec!.topologySpreadConstraints!, pod.labels, action, 'pod', defaults.features);
  const constraints = buildConstraints(defaults.constraints, pod.labels, action, 'default', defaults.features);
  if (constraints.length === 0) return constraints;
  const selector = defaultSelector(pod, catalog);
  // An empty default selector would count every pod: upstream applies no default constraints then.
  if (selector.isEverything) return [];
  return constraints.map((constraint) => ({ ...constraint, selector }));
}
