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
import type { UntoleratedTaintWording } from '../../release/release-table.js';
import { specPartKey } from '../helper/spec-part-key.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../helper/tolerations.js';

const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.TaintToleration}`;

/** Since kubernetes PR 134740 (v1.35; v1.34 patches by PR 135023): the taint stays out of pod status. */
export const ERR_REASON_UNTOLERATED_TAINTS = 'node(s) had untolerated taint(s)';

/**
 * Upstream's Filter reason in the emulated release: the generic text, or
 * before PR 134740 `node(s) had untolerated taint {%s: %s}`. The taint itself
 * is always in the status details, for podplan's own explanations.
 */
export function untoleratedTaintReason(taint: V1Taint, wording: UntoleratedTaintWording): string {
  return wording === 'generic' ? ERR_REASON_UNTOLERATED_TAINTS : `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
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

  constructor(private readonly wording: UntoleratedTaintWording) {}

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const taint = findMatchingUntoleratedTaint(node.taints, pod.tolerations, isDoNotScheduleTaint);
    if (taint === undefined) return null;
    return Status.unresolvable(untoleratedTaintReason(taint, this.wording), {
      taint: { key: taint.key, value: taint.value ?? '', effect: taint.effect },
    });
  }

  /** Reads the node's taints and the pod's tolerations. */
  staticFilterKey(pod: PodInfo): string {
    return specPartKey(pod.tolerations);
  }

  /** As the filter: taints and tolerations. */
  staticScoreKey(pod: PodInfo): string {
    return specPartKey(pod.tolerations);
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
