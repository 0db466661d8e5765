/**
 * InterPodAffinity's Filter reasons, exactly as upstream
 * plugins/interpodaffinity/filtering.go spells them (they feed the
 * FailedScheduling histogram, so the text is part of the contract).
 */

/** The incoming pod's required pod affinity is not satisfied on the node (UnschedulableAndUnresolvable). */
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";

/** The incoming pod's required pod anti-affinity is violated on the node (Unschedulable). */
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** An existing pod's required anti-affinity rejects the incoming pod in the node's domain (Unschedulable). */
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
