/**
 * Pod annotations a node drain reads (Cluster Autoscaler's drainability
 * rules, cluster-autoscaler/utils/drain/drain.go and utils/pod/pod.go), kept
 * by the importer although no scheduling plugin reads them: consolidation
 * decides with them which pods may be evicted.
 */
import { isJsonObject, type JsonObject } from './json-object.js';

/** drain.PodSafeToEvictKey: "true" lets the pod go whatever else holds it, "false" pins its node. */
export const SAFE_TO_EVICT_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
/** drain.SafeToEvictLocalVolumesKey: comma-separated volume names whose local data may be lost. */
export const SAFE_TO_EVICT_LOCAL_VOLUMES_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes';
/** pod_util.DaemonSetPodAnnotationKey: a pod that behaves like a DaemonSet pod. */
export const DAEMONSET_POD_ANNOTATION = 'cluster-autoscaler.kubernetes.io/daemonset-pod';
/** kubelet's mirror-pod annotation (types.ConfigMirrorAnnotationKey): a static pod's API copy. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

const DRAIN_ANNOTATIONS = [SAFE_TO_EVICT_ANNOTATION, SAFE_TO_EVICT_LOCAL_VOLUMES_ANNOTATION, DAEMONSET_POD_ANNOTATION, MIRROR_POD_ANNOTATION];

/** The drain annotations of a pod's metadata, or undefined when it has none. */
export function drainAnnotations(metadata: unknown): JsonObject | undefined {
  const annotations = isJsonObject(metadata) && isJsonObject(metadata.annotations) ? metadata.annotations : undefined;
  if (!annotations) return undefined;
  const kept: JsonObject = {};
  for (const key of DRAIN_ANNOTATIONS) if (typeof annotations[key] === 'string') kept[key] = annotations[key];
  return Object.keys(kept).length > 0 ? kept : undefined;
}
