/**
 * A scoring strategy over per-resource arrays aligned with the configured
 * resources (upstream resourceAllocationScorer.scorer). An allocatable of 0
 * marks a resource that does not take part for this node and pod.
 */
export type ResourceScorer = (requested: Float64Array, allocatable: Float64Array) => number;
