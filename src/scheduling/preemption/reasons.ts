/** DefaultPreemption's messages, with upstream's exact text (defaultpreemption + preemption packages). */

/** SelectVictimsOnNode: no pod on the node has a lower priority than the preemptor. */
export const ErrReasonNoPreemptionVictims = 'No preemption victims found for incoming pod';

/** Evaluator.Preempt: the status given to nodes that were not dry-run (their filter failure was unresolvable). */
export const ErrReasonPreemptionNotHelpful = 'Preemption is not helpful for scheduling';

/** PodEligibleToPreemptOthers. */
export const ErrReasonPreemptionPolicyNever = 'not eligible due to preemptionPolicy=Never.';

/** DefaultPreemption.PostFilter prefixes every non-empty message with this. */
export const PREEMPTION_MESSAGE_PREFIX = 'preemption: ';
