/**
 * Everything the plugins read from a pod, computed once when the pod enters
 * the engine (upstream framework.PodInfo + NodeInfo's per-pod bookkeeping):
 * requests, compiled affinity terms, host ports. Immutable once built, so
 * cluster state forks can share PodInfos freely.
 */
import type { V1Pod, V1PodAffinityTerm, V1Toleration, V1WeightedPodAffinityTerm } from '@kubernetes/client-node';
import type { Labels } from '../../kube/label-selector.js';
import { compileAffinityTerm, type AffinityTerm, type WeightedAffinityTerm } from './affinity-term.js';
import { DEFAULT_POD_REQUEST_OPTIONS, podNonZeroRequests, podRequests, podScoringRequests, type PodRequestOptions } from './pod-requests.js';
import type { ResourceList } from './resources.js';

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

export interface PodInfo {
  /** `namespace/name`, unique in a cluster. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly pod: V1Pod;
  readonly priority: number;
  readonly requests: Readonly<ResourceList>;
  /** What the pod adds to its node's NonZeroRequested (cpu/memory, 100m/200Mi defaults). */
  readonly nonZeroRequests: Readonly<ResourceList>;
  /** cpu/memory the resource scorers use while this pod is the one being placed. */
  readonly scoringRequests: Readonly<ResourceList>;
  readonly tolerations: readonly V1Toleration[];
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Upstream NodeInfo.PodsWithAffinity membership: any pod (anti-)affinity stanza. */
  readonly hasAffinity: boolean;
  readonly hasRequiredAntiAffinity: boolean;
}

const DEFAULT_HOST_IP = '0.0.0.0';

function hostPortsOf(pod: V1Pod): HostPort[] {
  const ports: HostPort[] = [];
  // as upstream schedutil.GetHostPorts: app containers and restartable (sidecar) init containers, which keep running.
  const sidecars = (pod.spec?.initContainers ?? []).filter((container) => container.restartPolicy === 'Always');
  for (const container of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort || port.hostPort <= 0) continue;
      ports.push({ ip: port.hostIP || DEFAULT_HOST_IP, protocol: port.protocol || 'TCP', port: port.hostPort });
    }
  }
  return ports;
}

/** Keyed by the spec object: the replicas of one workload share theirs (kube/expansion/pod-factory.ts). */
const specKeys = new WeakMap<NonNullable<V1Pod['spec']>, string>();

/** The pod's spec without its binding, as text: equal for the replicas of one template. */
export function podSpecKey(pod: V1Pod): string {
  const podSpec = pod.spec;
  if (!podSpec) return '{}';
  let key = specKeys.get(podSpec);
  if (key === undefined) {
    const { nodeName: _bound, ...spec } = podSpec;
    specKeys.set(podSpec, (key = JSON.stringify(spec)));
  }
  return key;
}

/** What a PodInfo derives from its namespace and spec alone. */
type SpecDerived = Omit<PodInfo, 'key' | 'name' | 'namespace' | 'labels' | 'pod'>;

/**
 * Derived parts by namespace and spec text, shared by identical pods: a plan
 * of 10,000 replicas compiles its affinity terms and parses its requests
 * once. A cache (cleared past its limit), never a leak.
 */
const derivedBySpec = new Map<string, SpecDerived>();
const DERIVED_LIMIT = 1_000;

function deriveFromSpec(pod: V1Pod, namespace: string, options: PodRequestOptions): SpecDerived {
  const affinity = pod.spec?.affinity;
  const base = 'spec.affinity';
  const required = (terms: V1PodAffinityTerm[] | undefined, path: string): AffinityTerm[] =>
    (terms ?? []).map((term, index) => compileAffinityTerm(namespace, term, `${path}[${index}]`));
  const preferred = (terms: V1WeightedPodAffinityTerm[] | undefined, path: string): WeightedAffinityTerm[] =>
    (terms ?? []).map((weighted, index) => ({
      weight: weighted.weight,
      term: compileAffinityTerm(namespace, weighted.podAffinityTerm, `${path}[${index}].podAffinityTerm`),
    }));
  const requiredAntiAffinityTerms = required(
    affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    `${base}.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution`,
  );
  return {
    priority: pod.spec?.priority ?? 0,
    requests: podRequests(pod, options),
    nonZeroRequests: podNonZeroRequests(pod, options),
    scoringRequests: podScoringRequests(pod, options),
    tolerations: pod.spec?.tolerations ?? [],
    hostPorts: hostPortsOf(pod),
    requiredAffinityTerms: required(
      affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
      `${base}.podAffinity.requiredDuringSchedulingIgnoredDuringExecution`,
    ),
    requiredAntiAffinityTerms,
    preferredAffinityTerms: preferred(
      affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      `${base}.podAffinity.preferredDuringSchedulingIgnoredDuringExecution`,
    ),
    preferredAntiAffinityTerms: preferred(
      affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      `${base}.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution`,
    ),
    hasAffinity: Boolean(affinity && (affinity.podAffinity || affinity.podAntiAffinity)),
    hasRequiredAntiAffinity: requiredAntiAffinityTerms.length > 0,
  };
}

/**
 * `options`: how the emulated release counts pod-level resources (the
 * newest release's defaults unless a plan emulates another).
 */
export function buildPodInfo(pod: V1Pod, options: PodRequestOptions = DEFAULT_POD_REQUEST_OPTIONS): PodInfo {
  const namespace = pod.metadata?.namespace || 'default';
  const name = pod.metadata?.name ?? '';
  const cacheKey = `${namespace}\u0000${Number(options.podLevelResources)}${Number(options.podLevelHugePages)}\u0000${podSpecKey(pod)}`;
  let derived = derivedBySpec.get(cacheKey);
  if (!derived) {
    derived = deriveFromSpec(pod, namespace, options);
    if (derivedBySpec.size >= DERIVED_LIMIT) derivedBySpec.clear();
    derivedBySpec.set(cacheKey, derived);
  }
  return { key: `${namespace}/${name}`, name, namespace, labels: pod.metadata?.labels ?? {}, pod, ...derived };
}

/** The same pod bound to `nodeName` (what the scheduler "assumes" after choosing a node). */
export function bindPodInfo(podInfo: PodInfo, nodeName: string): PodInfo {
  return { ...podInfo, pod: { ...podInfo.pod, spec: { ...podInfo.pod.spec!, nodeName } } };
}
