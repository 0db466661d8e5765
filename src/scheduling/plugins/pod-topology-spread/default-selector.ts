/**
 * The selector default constraints spread over, as upstream
 * plugins/helper/spread.go DefaultSelector: the selectors of the Services in
 * the pod's namespace that select the pod, merged, plus the selector of the
 * pod's controlling ReplicationController, ReplicaSet or StatefulSet.
 */
import type { V1LabelSelector, V1OwnerReference } from '@kubernetes/client-node';
import { CompiledSelector, compileLabelSelector, type LabelRequirement, type Labels } from '../../../kube/label-selector.js';
import type { ClusterCatalog } from '../../model/cluster-state.js';
import type { PodInfo } from '../../model/pod-info.js';

function setMatches(selector: Labels, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  return true;
}

function requirementsOfSet(labelSet: Labels): LabelRequirement[] {
  return Object.entries(labelSet).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
}

/** metav1.GetControllerOf: the first owner reference with controller: true. */
function controllerOf(pod: PodInfo): V1OwnerReference | undefined {
  return pod.pod.metadata?.ownerReferences?.find((owner) => owner.controller === true);
}

/** schema.ParseGroupVersion then WithKind: `group/version`, a bare `version` is the core group; more slashes do not parse. */
function groupVersionKind(owner: V1OwnerReference): string | undefined {
  const parts = (owner.apiVersion ?? '').split('/');
  if (parts.length === 1) return `/${parts[0]}:${owner.kind}`;
  if (parts.length === 2) return `${parts[0]}/${parts[1]}:${owner.kind}`;
  return undefined;
}

const REPLICATION_CONTROLLER = '/v1:ReplicationController';
const REPLICA_SET = 'apps/v1:ReplicaSet';
const STATEFUL_SET = 'apps/v1:StatefulSet';

/** LabelSelectorAsSelector's requirements, or none when the selector is nil or does not parse (upstream ignores both). */
function requirementsOfLabelSelector(selector: V1LabelSelector | undefined): readonly LabelRequirement[] {
  try {
    const compiled = compileLabelSelector(selector);
    return compiled.matchesNothing ? [] : compiled.requirements;
  } catch {
    return [];
  }
}

export function defaultSelector(pod: PodInfo, catalog: ClusterCatalog): CompiledSelector {
  // Services, RCs, RSs and SSs that select the pod cannot conflict on a label, so merging is safe.
  let labelSet: Record<string, string> = {};
  for (const service of catalog.services) {
    if ((service.metadata?.namespace || 'default') !== pod.namespace) continue;
    const selector = service.spec?.selector;
    // Services with a nil selector match nothing, not everything (GetPodServices).
    if (selector === undefined || selector === null) continue;
    if (setMatches(selector, pod.labels)) labelSet = { ...labelSet, ...selector };
  }
  let requirements: readonly LabelRequirement[] = requirementsOfSet(labelSet);

  const owner = controllerOf(pod);
  if (!owner) return CompiledSelector.of(requirements);
  const key = `${pod.namespace}/${owner.name}`;
  switch (groupVersionKind(owner)) {
    case REPLICATION_CONTROLLER: {
      const controller = catalog.replicationControllers.get(key);
      if (controller) requirements = requirementsOfSet({ ...labelSet, ...(controller.spec?.selector ?? {}) });
      break;
    }
    case REPLICA_SET: {
      const replicaSet = catalog.replicaSets.get(key);
      if (replicaSet) requirements = [...requirements, ...requirementsOfLabelSelector(replicaSet.spec?.selector)];
      break;
    }
    case STATEFUL_SET: {
      const statefulSet = catalog.statefulSets.get(key);
      if (statefulSet) requirements = [...requirements, ...requirementsOfLabelSelector(statefulSet.spec?.selector)];
      break;
    }
    default:
    // Not owned by a supported controller.
  }
  return CompiledSelector.of(requirements);
}
