/**
 * One attempt at running a plan, as the plans row records it while the plan
 * runs: the worker process that took it and how many times the plan had been
 * taken then. Together they are a fencing token: once the plan is taken back
 * (its lease ran out) or taken again, the old attempt matches no row, so it
 * can neither renew, record progress nor store.
 */
export interface PlanLease {
  readonly planId: string;
  /** The worker process holding the lease (host:pid:boot nonce, see PlanLeases). */
  readonly workerId: string;
  /** The plan's `attempts` when this worker took it: 1 for the first worker. */
  readonly attempt: number;
}

/** What a worker asks for when it takes a plan. */
export interface LeaseClaimant {
  readonly workerId: string;
  readonly leaseSeconds: number;
}
