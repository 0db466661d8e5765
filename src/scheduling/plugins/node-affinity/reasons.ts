/** NodeAffinity's reasons, with upstream's exact text (plugins/nodeaffinity/node_affinity.go). */

/** The pod's nodeSelector or required node affinity does not match the node. */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

/** The scheduler's configured addedAffinity does not match the node. */
export const ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";

/** Every required term pins metadata.name, and together they name no node. */
export const ErrReasonConflict = 'pod affinity terms conflict';
