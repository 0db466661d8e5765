/** Small clusters and tasks for the engine-runner tests. */
import type { ClusterObjects } from '../../src/kube/cluster-objects.js';
import { importCluster } from '../../src/kube/cluster-import.js';
import type { EngineTask, PlanSpec } from '../../src/engine/engine-task.js';
import { deployment, zonedNode } from '../e2e/plans-fixtures.js';

/** `count` 4-CPU nodes round-robin over zones a, b, c. */
export function zonedCluster(count: number): ClusterObjects {
  const nodes = Array.from({ length: count }, (_, index) => zonedNode(`node-${index}`, ['a', 'b', 'c'][index % 3]));
  return importCluster(nodes, { basePath: 'objects', requireNodes: true }).objects;
}

/** A plan of one Deployment, each replica asking for 500m CPU (8 fit on a node). */
export function planTask(
  cluster: EngineTask['cluster'],
  replicas: number,
  overrides: { plan?: Partial<PlanSpec>; validateOnly?: boolean; bounds?: EngineTask['bounds'] } = {},
): EngineTask {
  return {
    cluster,
    job: { kind: 'plan', plan: { workloads: [deployment('web', replicas)], explain: 'summary', mode: 'exhaustive', ...overrides.plan }, validateOnly: overrides.validateOnly },
    ...(overrides.bounds ? { bounds: overrides.bounds } : {}),
  };
}
