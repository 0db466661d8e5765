/**
 * Expands workloads (apps/v1 Deployment, ReplicaSet, StatefulSet, v1 Pod,
 * also inside Lists) into the pods their controllers would create, named,
 * labelled and owned as upstream does, with the API server's admission
 * changes applied. Also returns the ReplicaSets/StatefulSets involved: the
 * scheduler's default topology spreading finds a pod's owner among them.
 * Same input, same output, byte for byte: names and uids come from hashes.
 */
import type { V1LabelSelector, V1PersistentVolumeClaim, V1Pod, V1PodSpec, V1PriorityClass, V1ReplicaSet, V1StatefulSet } from '@kubernetes/client-node';
import { DroppedFields } from './dropped-fields.js';
import { InvalidInputError, type FieldError } from './field-error.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { flattenObjects } from './list-flattening.js';
import { apiGroupOf } from './object-kinds.js';
import { stripObject, stripPodTemplate } from './object-stripping.js';
import {
  controllerReference,
  generatedPodName,
  POD_TEMPLATE_HASH_LABEL,
  STATEFULSET_POD_INDEX_LABEL,
  statefulSetPodLabels,
} from './expansion/controller-pods.js';
import { claimTemplatesOf, ephemeralPodClaims, statefulSetPodClaims } from './expansion/workload-claims.js';
import { podTemplateHash, syntheticUid } from './expansion/hashing.js';
import { buildPod, buildPodSpec, specWithMergedLabelKeys, type ApiServerGates, type PodIdentity } from './expansion/pod-factory.js';
import { podSourceOf, validateWorkload, type PodSource, type WorkloadKind } from './expansion/workload-validation.js';
import { unsupported } from './validation/field-errors.js';
import { readUpdateStrategy, type UpdateStrategy } from './expansion/update-strategy.js';

export interface WorkloadContext {
  priorityClasses: V1PriorityClass[];
  /** Pods already in the cluster, as "namespace/name". */
  existingPodNames: ReadonlySet<string>;
  /** What the emulated release's API server does to created pods (default: every gate on). */
  apiServerGates?: ApiServerGates;
}

export interface WorkloadRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface WorkloadWarning {
  path: string;
  message: string;
}

export interface ExpandedWorkload {
  ref: WorkloadRef;
  /** Input path of the workload, e.g. `workloads[1]` or `workloads[0].items[2]`. */
  path: string;
  replicas: number;
  pods: V1Pod[];
  controllers: { replicaSets: V1ReplicaSet[]; statefulSets: V1StatefulSet[] };
  /**
   * The claims its controllers create for its pods (StatefulSet
   * volumeClaimTemplates, generic ephemeral volumes), in pod order; a claim
   * of the same name already in the cluster is used instead.
   */
  claims: V1PersistentVolumeClaim[];
  /** How its controller replaces running pods with a new revision (Deployments and StatefulSets). */
  updateStrategy?: UpdateStrategy;
  warnings: WorkloadWarning[];
}

const SUPPORTED_KINDS: readonly WorkloadKind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'Pod'];

function workloadKindOf(kind: string, apiVersion: string): WorkloadKind | undefined {
  if (kind === 'Pod') return apiGroupOf(apiVersion) === '' ? 'Pod' : undefined;
  return SUPPORTED_KINDS.includes(kind as WorkloadKind) && apiGroupOf(apiVersion) === 'apps' ? (kind as WorkloadKind) : undefined;
}

/** Validated input of one workload, with the names its pods derive from. */
interface Plan {
  kind: WorkloadKind;
  object: JsonObject;
  path: string;
  namespace: string;
  name: string;
  replicas: number;
  source: PodSource;
}

export function expandWorkloads(workloads: unknown[], context: WorkloadContext, basePath = 'workloads'): ExpandedWorkload[] {
  const { entries, errors } = flattenObjects(workloads, basePath);
  const plans: Plan[] = [];
  const plannedIdentities = new Map<string, string>();
  for (const entry of entries) {
    const kind = workloadKindOf(entry.kind, entry.apiVersion);
    if (kind === undefined) {
      errors.push(unsupported(`${entry.path}.kind`, `${entry.apiVersion} ${entry.kind}`.trim(), ['apps/v1 Deployment', 'apps/v1 ReplicaSet', 'apps/v1 StatefulSet', 'v1 Pod']));
      continue;
    }
    const plan = planOf(kind, entry.object, entry.path);
    const mergedSpec = plan?.source ? specWithMergedLabelKeys(plan.source.spec, firstReplicaLabels(plan), context.apiServerGates) : undefined;
    const workloadErrors = validateWorkload(kind, entry.object, entry.path, mergedSpec, context.priorityClasses);
    workloadErrors.push(...readUpdateStrategy(kind, entry.object, entry.path).errors);
    if (plan && workloadErrors.length === 0) workloadErrors.push(...checkIdentity(plan, context, plannedIdentities));
    errors.push(...workloadErrors);
    if (plan && workloadErrors.length === 0) plans.push(plan);
  }
  if (errors.length > 0) throw new InvalidInputError(errors);

  const takenPodNames = new Set(context.existingPodNames);
  return plans.map((plan) => expand(plan, context, takenPodNames));
}

function planOf(kind: WorkloadKind, object: JsonObject, path: string): Plan | undefined {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const source = podSourceOf(kind, object, path);
  if (!source || typeof metadata.name !== 'string') return undefined;
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
  const specReplicas = kind === 'Pod' || !isJsonObject(object.spec) ? undefined : object.spec.replicas;
  // apps/v1 defaulting: replicas unset means 1.
  const replicas = Number.isInteger(specReplicas) ? (specReplicas as number) : 1;
  return { kind, object, path, namespace, name: metadata.name, replicas, source };
}

/** Labels of the first pod, for validating the spec after matchLabelKeys merging. */
function firstReplicaLabels(plan: Plan): Record<string, string> {
  switch (plan.kind) {
    case 'Deployment':
      return { ...plan.source.labels, [POD_TEMPLATE_HASH_LABEL]: templateHashOf(plan) };
    case 'StatefulSet': {
      const ordinal = firstOrdinal(plan.object);
      return statefulSetPodLabels(plan.source.labels, `${plan.name}-${ordinal}`, ordinal, revisionOf(plan));
    }
    case 'ReplicaSet':
    case 'Pod':
      return plan.source.labels;
  }
}

/** A bare pod is created under its own name: one already there (or planned twice) is refused, as the API server would. */
function checkIdentity(plan: Plan, context: WorkloadContext, planned: Map<string, string>): FieldError[] {
  const key = `${plan.kind}/${plan.namespace}/${plan.name}`;
  const first = planned.get(key);
  if (first !== undefined) return [{ path: `${plan.path}.metadata.name`, message: `Duplicate value: ${plan.kind} "${plan.namespace}/${plan.name}" is already planned at ${first}` }];
  planned.set(key, plan.path);
  if (plan.kind === 'Pod' && context.existingPodNames.has(`${plan.namespace}/${plan.name}`)) {
    return [{ path: `${plan.path}.metadata.name`, message: `pods "${plan.name}" already exists in namespace "${plan.namespace}"` }];
  }
  return [];
}

function templateOf(plan: Plan): unknown {
  return isJsonObject(plan.object.spec) ? plan.object.spec.template : undefined;
}

/** Each plan's template hash, hashed once: validation, the ReplicaSet and its pods all name it. */
const templateHashes = new WeakMap<Plan, string>();

function templateHashOf(plan: Plan): string {
  let hash = templateHashes.get(plan);
  if (hash === undefined) templateHashes.set(plan, (hash = podTemplateHash(templateOf(plan))));
  return hash;
}

/** The ControllerRevision name a StatefulSet's pods are labelled with: `<sts>-<hash>`. */
function revisionOf(plan: Plan): string {
  return `${plan.name}-${templateHashOf(plan)}`;
}

/** spec.ordinals.start (StatefulSetStartOrdinal, on by default since 1.31), else 0. */
function firstOrdinal(object: JsonObject): number {
  const ordinals = isJsonObject(object.spec) && isJsonObject(object.spec.ordinals) ? object.spec.ordinals : undefined;
  return Number.isInteger(ordinals?.start) ? (ordinals!.start as number) : 0;
}

function uidOf(object: JsonObject, kind: string, namespace: string, name: string): string {
  const given = isJsonObject(object.metadata) ? object.metadata.uid : undefined;
  return typeof given === 'string' && given !== '' ? given : syntheticUid(`${kind}/${namespace}/${name}`);
}

function expand(plan: Plan, context: WorkloadContext, takenPodNames: Set<string>): ExpandedWorkload {
  const result: ExpandedWorkload = {
    ref: { apiVersion: plan.kind === 'Pod' ? 'v1' : 'apps/v1', kind: plan.kind, namespace: plan.namespace, name: plan.name },
    path: plan.path,
    replicas: plan.replicas,
    pods: [],
    controllers: { replicaSets: [], statefulSets: [] },
    claims: [],
    warnings: workloadWarnings(plan),
  };
  const { strategy } = readUpdateStrategy(plan.kind, plan.object, plan.path);
  if (strategy) result.updateStrategy = strategy;
  const identities = podIdentities(plan, result, takenPodNames);
  // Replicas with the same labels (all of a Deployment's) get one spec object.
  const specs = new Map<string, V1PodSpec>();
  const templates = plan.kind === 'StatefulSet' ? claimTemplatesOf(plan.object) : [];
  result.pods = identities.map((identity) => {
    const labelsKey = JSON.stringify(identity.labels);
    let podSpec = specs.get(labelsKey);
    if (!podSpec) specs.set(labelsKey, (podSpec = buildPodSpec(plan.source.spec, identity.labels, context.priorityClasses, context.apiServerGates)));
    if (templates.length > 0) {
      const ordinal = Number(identity.labels[STATEFULSET_POD_INDEX_LABEL]);
      const { volumes, claims } = statefulSetPodClaims(podSpec, templates, { name: plan.name, namespace: plan.namespace, selectorLabels: selectorLabelsOf(plan.object) }, ordinal);
      result.claims.push(...claims);
      podSpec = { ...podSpec, volumes };
    }
    const pod = buildPod(podSpec, identity);
    result.claims.push(...ephemeralPodClaims(pod));
    return pod;
  });
  return result;
}

function selectorLabelsOf(object: JsonObject): Record<string, string> {
  const selector = isJsonObject(object.spec) && isJsonObject(object.spec.selector) ? object.spec.selector.matchLabels : undefined;
  return isJsonObject(selector) ? (selector as Record<string, string>) : {};
}

function workloadWarnings(plan: Plan): WorkloadWarning[] {
  const warnings: WorkloadWarning[] = [];
  if (plan.replicas === 0) warnings.push({ path: `${plan.path}.spec.replicas`, message: 'replicas is 0: nothing is planned for this workload' });
  const volumes = Array.isArray(plan.source.spec.volumes) ? plan.source.spec.volumes : [];
  if (volumes.length > 0) {
    const names = volumes.map((volume) => (isJsonObject(volume) ? String(volume.name) : '?')).join(', ');
    warnings.push({
      path: `${plan.source.specPath}.volumes`,
      message: `volumes are partly simulated (${names}): claims and their PersistentVolumes are (VolumeBinding, VolumeZone); attach limits and volume restrictions are not`,
    });
  }
  return warnings;
}

/** Names, labels and owners of the pods, registering the controllers the pods belong to. */
function podIdentities(plan: Plan, result: ExpandedWorkload, takenPodNames: Set<string>): PodIdentity[] {
  const { namespace, name, replicas, source } = plan;
  const indexes = Array.from({ length: replicas }, (_, index) => index);
  switch (plan.kind) {
    case 'Pod': {
      takenPodNames.add(`${namespace}/${name}`);
      return [{ name, namespace, labels: source.labels }];
    }
    case 'ReplicaSet': {
      const replicaSet = storedController(plan) as V1ReplicaSet;
      result.controllers.replicaSets.push(replicaSet);
      const owner = controllerReference('ReplicaSet', name, replicaSet.metadata!.uid!);
      return indexes.map((index) => ({ name: generatedPodName(name, namespace, index, takenPodNames), namespace, labels: source.labels, owner }));
    }
    case 'Deployment': {
      const replicaSet = deploymentReplicaSet(plan);
      result.controllers.replicaSets.push(replicaSet);
      const replicaSetName = replicaSet.metadata!.name!;
      const owner = controllerReference('ReplicaSet', replicaSetName, replicaSet.metadata!.uid!);
      const labels = replicaSet.spec!.template!.metadata!.labels!;
      return indexes.map((index) => ({ name: generatedPodName(replicaSetName, namespace, index, takenPodNames), namespace, labels, owner }));
    }
    case 'StatefulSet': {
      const statefulSet = storedController(plan) as V1StatefulSet;
      result.controllers.statefulSets.push(statefulSet);
      const owner = controllerReference('StatefulSet', name, statefulSet.metadata!.uid!);
      const start = firstOrdinal(plan.object);
      const revision = revisionOf(plan);
      return indexes.map((index) => {
        const ordinal = start + index;
        const podName = `${name}-${ordinal}`;
        if (takenPodNames.has(`${namespace}/${podName}`)) {
          result.warnings.push({ path: `${plan.path}.metadata.name`, message: `pod ${namespace}/${podName} already exists; replica ${index} is planned as an additional pod of the same name` });
        }
        takenPodNames.add(`${namespace}/${podName}`);
        return { name: podName, namespace, labels: statefulSetPodLabels(source.labels, podName, ordinal, revision), owner };
      });
    }
  }
}

/** The submitted ReplicaSet/StatefulSet as the cluster would store it. */
function storedController(plan: Plan): JsonObject {
  const stored = stripObject(plan.kind as 'ReplicaSet' | 'StatefulSet', 'apps/v1', plan.object, new DroppedFields());
  const metadata = stored.metadata as JsonObject;
  metadata.namespace = plan.namespace;
  metadata.uid = uidOf(plan.object, plan.kind, plan.namespace, plan.name);
  return stored;
}

/**
 * The ReplicaSet the Deployment controller creates (pkg/controller/deployment/sync.go
 * getNewReplicaSet): `<deployment>-<pod-template-hash>`, the hash label added
 * to its selector and template, owned by the Deployment.
 */
function deploymentReplicaSet(plan: Plan): V1ReplicaSet {
  const hash = templateHashOf(plan);
  const name = `${plan.name}-${hash}`;
  const labels = { ...plan.source.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const spec = plan.object.spec as JsonObject;
  const selector = spec.selector as V1LabelSelector;
  const template = stripPodTemplate(spec.template, new DroppedFields(), 'spec.template');
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: plan.namespace,
      uid: syntheticUid(`ReplicaSet/${plan.namespace}/${name}`),
      labels,
      ownerReferences: [controllerReference('Deployment', plan.name, uidOf(plan.object, 'Deployment', plan.namespace, plan.name))],
    },
    spec: {
      replicas: plan.replicas,
      selector: { ...selector, matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
      template: { metadata: { labels }, spec: template.spec as unknown as V1PodSpec },
    },
  };
}
