/**
 * What `podplan` returns to the shell, so CI can tell "the plan does not fit"
 * from "the manifests are wrong" from "the tool broke".
 */
export const ExitCode = {
  /** Every replica was placed (or the command had nothing to place). */
  Success: 0,
  /** Anything not covered below: an unreachable server, a server error, a bug. */
  Failure: 1,
  /** Bad input: unknown flags, unreadable or invalid files, names that match nothing. */
  BadInput: 2,
  /** The plan ran, and at least one replica could not be placed. */
  Unplaceable: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** 0 when every replica found a node, 3 when any did not. */
export function placementExitCode(summary: { readonly unschedulable: number }): ExitCode {
  return summary.unschedulable > 0 ? ExitCode.Unplaceable : ExitCode.Success;
}
