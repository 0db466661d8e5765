import type { WorkloadRef } from '../api/types.js';

/** Kind/namespace/name: how the service names a workload (PlacementFilter.workload). */
export function workloadKey(workload: Pick<WorkloadRef, 'kind' | 'namespace' | 'name'>): string {
  return `${workload.kind}/${workload.namespace}/${workload.name}`;
}
