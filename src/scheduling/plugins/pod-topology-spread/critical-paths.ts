/**
 * The two smallest matching counts of one constraint (upstream
 * podtopologyspread/filtering.go criticalPaths). `first.matchNum` is always
 * the global minimum; `second` is at least as large but not necessarily the
 * second minimum. Two entries suffice because preemption evaluates one node
 * at a time on its own copy of the state.
 */

export interface CriticalPath {
  topologyValue: string;
  matchNum: number;
}

/** math.MaxInt32, upstream's "no domain yet" sentinel. */
export const NO_DOMAIN_MATCH_NUM = 2_147_483_647;

export class CriticalPaths {
  constructor(
    public first: CriticalPath = { topologyValue: '', matchNum: NO_DOMAIN_MATCH_NUM },
    public second: CriticalPath = { topologyValue: '', matchNum: NO_DOMAIN_MATCH_NUM },
  ) {}

  clone(): CriticalPaths {
    return new CriticalPaths({ ...this.first }, { ...this.second });
  }

  /** criticalPaths.update: record that domain `topologyValue` now has `matchNum` matching pods. */
  update(topologyValue: string, matchNum: number): void {
    const known = topologyValue === this.first.topologyValue ? this.first : topologyValue === this.second.topologyValue ? this.second : undefined;
    if (known) {
      known.matchNum = matchNum;
      if (this.first.matchNum > this.second.matchNum) [this.first, this.second] = [this.second, this.first];
      return;
    }
    if (matchNum < this.first.matchNum) {
      this.second = this.first;
      this.first = { topologyValue, matchNum };
    } else if (matchNum < this.second.matchNum) {
      this.second = { topologyValue, matchNum };
    }
  }
}
