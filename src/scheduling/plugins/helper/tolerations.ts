/**
 * Toleration semantics shared by every plugin that looks at taints, as
 * upstream k8s.io/api/core/v1 Toleration.ToleratesTaint and
 * component-helpers/scheduling/corev1 (TolerationsTolerateTaint,
 * FindMatchingUntoleratedTaint), plus plugins/helper/taint.go's
 * DoNotScheduleTaintsFilterFunc.
 */
import type { V1Taint, V1Toleration } from '@kubernetes/client-node';

/** The fields ToleratesTaint reads: a pod's V1Toleration and a DRA V1DeviceToleration both have them. */
export type TolerationFields = Pick<V1Toleration, 'key' | 'operator' | 'value' | 'effect'>;
export type TaintFields = Pick<V1Taint, 'key' | 'value'> & { readonly effect: string };

export type TaintPredicate = (taint: V1Taint) => boolean;

/**
 * An empty toleration effect matches every effect; an empty key matches every
 * key (validation only allows that with `Exists`); the operator defaults to
 * `Equal`. Other operators (the alpha `Gt`/`Lt` behind
 * TaintTolerationComparisonOperators, off by default) tolerate nothing.
 */
export function tolerationToleratesTaint(toleration: TolerationFields, taint: TaintFields): boolean {
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

export function tolerationsTolerateTaint(tolerations: readonly V1Toleration[], taint: V1Taint): boolean {
  for (const toleration of tolerations) {
    if (tolerationToleratesTaint(toleration, taint)) return true;
  }
  return false;
}

/** The first taint (in node order) that passes `inScope` and no toleration tolerates; undefined when all are tolerated. */
export function findMatchingUntoleratedTaint(
  taints: readonly V1Taint[],
  tolerations: readonly V1Toleration[],
  inScope: TaintPredicate,
): V1Taint | undefined {
  for (const taint of taints) {
    if (!inScope(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Taints that keep pods off a node: NoSchedule and NoExecute (PreferNoSchedule only affects scoring). */
export const isDoNotScheduleTaint: TaintPredicate = (taint) =>
  taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
