/**
 * Filter's verdicts per topology domain (issue 14). Upstream
 * podtopologyspread/filtering.go Filter reads, for a node and a
 * DoNotSchedule constraint, only the node's value for the topology key:
 * TpValueToMatchNum of that value, the constraint's global minimum and the
 * pod's self-match are the same for every node of the domain. So each
 * domain's verdict (the rejection Status, or null) is worked out once and
 * shared by the domain's nodes: Filter over 5,000 nodes in 3 zones costs
 * 3 verdicts and 5,000 map reads. The verdicts hold until the counts
 * change (PreFilterState forgets them on AddPod / RemovePod and when the
 * critical paths are rebuilt); the missing-label rejection depends on the
 * constraint alone and is kept for the state's life.
 *
 * Hostname constraints are not cached: each node is its own domain, so a
 * verdict is never read twice.
 */
import type { Status } from '../../framework/status.js';
import type { SpreadConstraint } from './constraint.js';
import { LABEL_HOSTNAME } from './scoring.js';

export class DomainVerdicts {
  /** Per constraint: domain → verdict (undefined for hostname constraints). */
  private readonly byDomain: (Map<string, Status | null> | undefined)[];
  /** Per constraint: the rejection of a node lacking the topology key, once built. */
  private readonly missingKey: (Status | undefined)[] = [];

  constructor(constraints: readonly SpreadConstraint[]) {
    this.byDomain = constraints.map((constraint) => (constraint.topologyKey === LABEL_HOSTNAME ? undefined : new Map()));
  }

  /** The cached verdict of `domain` for constraint `index`; undefined when not worked out yet. */
  get(index: number, domain: string): Status | null | undefined {
    return this.byDomain[index]?.get(domain);
  }

  set(index: number, domain: string, verdict: Status | null): void {
    this.byDomain[index]?.set(domain, verdict);
  }

  /** The rejection of a node lacking constraint `index`'s topology key, once built. */
  missingKeyRejection(index: number): Status | undefined {
    return this.missingKey[index];
  }

  keepMissingKeyRejection(index: number, rejection: Status): Status {
    return (this.missingKey[index] = rejection);
  }

  /** The counts changed: every domain verdict may have. */
  forget(): void {
    for (const verdicts of this.byDomain) verdicts?.clear();
  }
}
