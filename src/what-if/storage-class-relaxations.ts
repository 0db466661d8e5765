/**
 * What a user can change about storage to let a pod fit: the StorageClass
 * of its unbound claims. Kube-scheduler cannot place a pod whose claim of
 * an `Immediate` class is still unbound (VolumeBinding's PreFilter, "pod
 * has unbound immediate PersistentVolumeClaims"): with `WaitForFirstConsumer`
 * the scheduler picks the node first and the PV follows it. A
 * `WaitForFirstConsumer` claim whose class's `allowedTopologies` leave out
 * the zone of otherwise good nodes ("didn't find available persistent
 * volumes to bind"): allowing that zone lets the provisioner create the
 * volume there. Each candidate is a changed copy of the cluster; the caller
 * verifies it by scheduling the pod again.
 */
import type { V1Pod, V1StorageClass, V1TopologySelectorTerm } from '@kubernetes/client-node';
import { PluginNames } from '../scheduling/framework/names.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { buildPodInfo } from '../scheduling/model/pod-info.js';
import { withStorageClasses } from '../scheduling/model/storage-catalog.js';
import type { NodeExplanation } from '../scheduling/planner/decision.js';
import { ErrReasonBindConflict } from '../scheduling/plugins/volume-binding/find-pod-volumes.js';
import { claimClass } from '../scheduling/plugins/volume-binding/pv-matching.js';
import { podVolumeClaims } from '../scheduling/plugins/volume-binding/pod-volume-claims.js';
import type { SuggestedChange } from './analysis-types.js';

/** The provisioner of classes whose PVs are made by hand (local volumes): allowing a zone creates nothing there. */
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export interface StorageClassCandidate {
  readonly change: SuggestedChange;
  readonly cluster: ClusterState;
}

function withClass(cluster: ClusterState, storageClass: V1StorageClass): ClusterState {
  const fork = cluster.fork();
  fork.withCatalog((catalog) => ({ ...catalog, storage: withStorageClasses(catalog.storage, [storageClass]) }));
  return fork;
}

/** Every term's expression for `key` also admits `value` (other expressions of the term are kept). */
function allowing(terms: readonly V1TopologySelectorTerm[], key: string, value: string): V1TopologySelectorTerm[] {
  return terms.map((term) => ({
    ...term,
    matchLabelExpressions: (term.matchLabelExpressions ?? []).map((expression) =>
      expression.key === key && !expression.values.includes(value) ? { ...expression, values: [...expression.values, value] } : expression,
    ),
  }));
}

/** The topology keys a class's allowedTopologies restrict, each with the values every term already admits. */
function restrictedKeys(terms: readonly V1TopologySelectorTerm[]): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const term of terms) {
    for (const expression of term.matchLabelExpressions ?? []) {
      const values = keys.get(expression.key) ?? new Set<string>();
      for (const value of expression.values) values.add(value);
      keys.set(expression.key, values);
    }
  }
  return keys;
}

function immediateCandidates(cluster: ClusterState, classNames: Iterable<string>): StorageClassCandidate[] {
  const storage = cluster.objects.storage;
  const candidates: StorageClassCandidate[] = [];
  for (const name of classNames) {
    const storageClass = storage.storageClasses.get(name);
    if (storageClass?.volumeBindingMode !== 'Immediate') continue;
    candidates.push({
      change: { kind: 'waitForFirstConsumer', storageClass: name },
      cluster: withClass(cluster, { ...storageClass, volumeBindingMode: 'WaitForFirstConsumer' }),
    });
  }
  return candidates;
}

function topologyCandidates(cluster: ClusterState, classNames: Iterable<string>, nodes: readonly NodeExplanation[]): StorageClassCandidate[] {
  const storage = cluster.objects.storage;
  // Nodes VolumeBinding turned away for want of a volume: the zones (or other domains) worth allowing.
  const unbindable = nodes.filter((node) => (node.filters ?? []).some((failure) => failure.plugin === PluginNames.VolumeBinding && failure.reason === ErrReasonBindConflict));
  const candidates: StorageClassCandidate[] = [];
  for (const name of classNames) {
    const storageClass = storage.storageClasses.get(name);
    const terms = storageClass?.allowedTopologies ?? [];
    if (!storageClass || terms.length === 0 || storageClass.provisioner === NO_PROVISIONER) continue;
    for (const [key, allowed] of restrictedKeys(terms)) {
      const values = new Set<string>();
      for (const explanation of unbindable) {
        const value = cluster.node(explanation.node)?.labels[key];
        if (value !== undefined && !allowed.has(value)) values.add(value);
      }
      for (const value of [...values].sort()) {
        candidates.push({
          change: { kind: 'allowTopology', storageClass: name, topologyKey: key, value },
          cluster: withClass(cluster, { ...storageClass, allowedTopologies: allowing(terms, key, value) }),
        });
      }
    }
  }
  return candidates;
}

/** Changed StorageClasses that may let `pod` fit, given its full per-node explanation; empty when VolumeBinding did not stop it. */
export function storageClassCandidates(cluster: ClusterState, pod: V1Pod, nodes: readonly NodeExplanation[], plugins: ReadonlySet<string>): StorageClassCandidate[] {
  if (!plugins.has(PluginNames.VolumeBinding)) return [];
  const claims = podVolumeClaims(buildPodInfo(pod), cluster.objects.storage);
  if (claims === undefined || typeof claims === 'string') return [];
  // A claim pre-bound to a volume (spec.volumeName) waits for the PV controller whatever its class says.
  const immediateClasses = new Set(claims.unboundImmediate.filter((claim) => !claim.spec?.volumeName).map(claimClass));
  const delayedClasses = new Set(claims.unboundDelayBinding.map(claimClass));
  return [...immediateCandidates(cluster, immediateClasses), ...topologyCandidates(cluster, delayedClasses, nodes)];
}
