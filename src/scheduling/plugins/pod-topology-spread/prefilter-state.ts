/**
 * What PreFilter computes once per pod and Filter reads per node (upstream
 * podtopologyspread/filtering.go preFilterState): per constraint, the number
 * of matching pods in each eligible domain and the two critical paths.
 */
import type { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';
import type { SpreadConstraint } from './constraint.js';
import { CriticalPaths } from './critical-paths.js';
import { DomainVerdicts } from './domain-verdicts.js';

export const PRE_FILTER_STATE_KEY = 'PreFilterPodTopologySpread';

export class PreFilterState {
  /** Filter's verdicts per domain, forgotten whenever a count changes (domain-verdicts.ts). */
  readonly verdicts: DomainVerdicts;

  constructor(
    /** Shared between clones: constraints never change. */
    readonly constraints: readonly SpreadConstraint[],
    readonly criticalPaths: CriticalPaths[],
    /** Per constraint: domain (topology value) → matching pods. */
    readonly tpValueToMatchNum: Map<string, number>[],
    /** The incoming pod's nodeSelector + required affinity, for AddPod/RemovePod. */
    readonly requiredNodeAffinity: RequiredNodeAffinity,
  ) {
    this.verdicts = new DomainVerdicts(constraints);
  }

  /** Domain `value` of constraint `index` now has `matchNum` matching pods (updateWithPod). */
  setMatchNum(index: number, value: string, matchNum: number): void {
    this.tpValueToMatchNum[index].set(value, matchNum);
    this.criticalPaths[index].update(value, matchNum);
    this.verdicts.forget();
  }

  /**
   * minMatchNum: the global minimum for the skew; 0 when fewer eligible
   * domains than minDomains exist (minDomains, GA since 1.30).
   */
  minMatchNum(constraintIndex: number): number {
    const domains = this.tpValueToMatchNum[constraintIndex].size;
    if (domains < this.constraints[constraintIndex].minDomains) return 0;
    return this.criticalPaths[constraintIndex].first.matchNum;
  }

  /**
   * The critical paths as a fresh PreFilter would find them. AddPod keeps only
   * two paths up to date, which upstream accepts because preemption evaluates
   * one node per copy; pods placed one after another on the same state can
   * leave `first` above the true minimum, so a run of replicas rebuilds them
   * from the counts after each placement.
   */
  rebuildCriticalPaths(): void {
    this.tpValueToMatchNum.forEach((counts, index) => {
      const paths = new CriticalPaths();
      for (const [value, matchNum] of counts) paths.update(value, matchNum);
      this.criticalPaths[index] = paths;
    });
    this.verdicts.forget();
  }

  /** preFilterState.Clone: counts and paths copied, constraints shared (verdicts start afresh). */
  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.criticalPaths.map((paths) => paths.clone()),
      this.tpValueToMatchNum.map((counts) => new Map(counts)),
      this.requiredNodeAffinity,
    );
  }
}
