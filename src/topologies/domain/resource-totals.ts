import { CPU, MEMORY, PODS, type ResourceList } from '../../scheduling/model/resources.js';
import type { ResourceTotals } from './topology.types.js';

export function emptyResourceTotals(): ResourceTotals {
  return { cpuMillicores: 0, memoryBytes: 0, pods: 0 };
}

export function addToTotals(totals: ResourceTotals, list: Readonly<ResourceList>): void {
  totals.cpuMillicores += list[CPU] ?? 0;
  totals.memoryBytes += list[MEMORY] ?? 0;
  totals.pods += list[PODS] ?? 0;
}

/** requested / allocatable per resource, or null where nothing is allocatable. */
export interface Utilisation {
  cpu: number | null;
  memory: number | null;
  pods: number | null;
}

function ratio(used: number, available: number): number | null {
  return available > 0 ? used / available : null;
}

export function utilisation(requested: ResourceTotals, allocatable: ResourceTotals): Utilisation {
  return {
    cpu: ratio(requested.cpuMillicores, allocatable.cpuMillicores),
    memory: ratio(requested.memoryBytes, allocatable.memoryBytes),
    pods: ratio(requested.pods, allocatable.pods),
  };
}

export function totalsOf(list: Readonly<ResourceList>): ResourceTotals {
  const totals = emptyResourceTotals();
  addToTotals(totals, list);
  return totals;
}
