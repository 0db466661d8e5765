/**
 * TaintToleration, as upstream plugins/tainttoleration/taint_toleration.go:
 * Filter rejects nodes with an untolerated NoSchedule/NoExecute taint;
 * Score counts PreferNoSchedule taints the pod does not tolerate, and
 * NormalizeScore reverses them so fewer such taints score higher.
 */
import type { V1Taint, V1Toleration } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import {
  MAX_NODE_SCORE,
  type FilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../helper/tolerations.js';

const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.TaintToleration}`;

/** Upstream's Filter reason, formatted as its `node(s) had untolerated taint {%s: %s}`. */
export function untoleratedTaintReason(taint: V1Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** Tolerations that can tolerate PreferNoSchedule taints: that effect, or no effect (which means all). */
function preferNoScheduleTolerations(tolerations: readonly V1Toleration[]): V1Toleration[] {
  return tolerations.filter((toleration) => !toleration.effect || toleration.effect === 'PreferNoSchedule');
}

function countIntolerablePreferNoScheduleTaints(taints: readonly V1Taint[], tolerations: readonly V1Toleration[]): number {
  let count = 0;
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) count++;
  }
  return count;
}

export class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = PluginNames.TaintToleration;
  readonly nodeLocal = true;
  readonly staticScore = true;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const taint = findMatchingUntoleratedTaint(node.taints, pod.tolerations, isDoNotScheduleTaint);
    if (taint === undefined) return null;
    return Status.unresolvable(untoleratedTaintReason(taint), {
      taint: { key: taint.key, value: taint.value ?? '', effect: taint.effect },
    });
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(PRE_SCORE_STATE_KEY, preferNoScheduleTolerations(pod.tolerations));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const tolerations = state.read<V1Toleration[]>(PRE_SCORE_STATE_KEY);
    return countIntolerablePreferNoScheduleTaints(node.taints, tolerations);
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}
