/**
 * What PreFilter computes once per pod and Filter reads per node (upstream
 * podtopologyspread/filtering.go preFilterState): per constraint, the number
 * of matching pods in each eligible domain and the two critical paths.
 */
import type { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';
import type { SpreadConstraint } from './constraint.js';
import type { CriticalPaths } from './critical-paths.js';

export const PRE_FILTER_STATE_KEY = 'PreFilterPodTopologySpread';

export class PreFilterState {
  constructor(
    /** Shared between clones: constraints never change. */
    readonly constraints: readonly SpreadConstraint[],
    readonly criticalPaths: CriticalPaths[],
    /** Per constraint: domain (topology value) → matching pods. */
    readonly tpValueToMatchNum: Map<string, number>[],
    /** The incoming pod's nodeSelector + required affinity, for AddPod/RemovePod. */
    readonly requiredNodeAffinity: RequiredNodeAffinity,
  ) {}

  /**
   * minMatchNum: the global minimum for the skew; 0 when fewer eligible
   * domains than minDomains exist (minDomains, GA since 1.30).
   */
  minMatchNum(constraintIndex: number): number {
    const domains = this.tpValueToMatchNum[constraintIndex].size;
    if (domains < this.constraints[constraintIndex].minDomains) return 0;
    return this.criticalPaths[constraintIndex].first.matchNum;
  }

  /** preFilterState.Clone: counts and paths copied, constraints shared. */
  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.criticalPaths.map((paths) => paths.clone()),
      this.tpValueToMatchNum.map((counts) => new Map(counts)),
      this.requiredNodeAffinity,
    );
  }
}
