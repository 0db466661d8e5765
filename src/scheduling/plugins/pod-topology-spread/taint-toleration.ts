/**
 * Toleration matching for nodeTaintsPolicy: Honor, with upstream v1 semantics
 * (k8s.io/api core/v1 Toleration.ToleratesTaint and component-helpers
 * scheduling/corev1 FindMatchingUntoleratedTaint with
 * helper.DoNotScheduleTaintsFilterFunc).
 *
 * Kept local so this plugin does not depend on the TaintToleration plugin's
 * folder; both follow the same upstream helpers and could share one module.
 */
import type { V1Taint, V1Toleration } from '@kubernetes/client-node';

/** Toleration.ToleratesTaint: empty effect matches every effect, empty key (with Exists) every key, operator defaults to Equal. */
export function toleratesTaint(toleration: V1Toleration, taint: V1Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** DoNotScheduleTaintsFilterFunc: only NoSchedule and NoExecute taints keep a pod off a node. */
function isDoNotScheduleTaint(taint: V1Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** FindMatchingUntoleratedTaint over the DoNotSchedule taints: the first one no toleration tolerates. */
export function findUntoleratedDoNotScheduleTaint(
  taints: readonly V1Taint[],
  tolerations: readonly V1Toleration[],
): V1Taint | undefined {
  for (const taint of taints) {
    if (!isDoNotScheduleTaint(taint)) continue;
    if (!tolerations.some((toleration) => toleratesTaint(toleration, taint))) return taint;
  }
  return undefined;
}
