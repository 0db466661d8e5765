import type { ReplicaPlacement } from './replica-placements.js';
import { workloadChipStyle, type WorkloadColours } from './workload-colours.js';

/** One replica, in its workload's colour; a button that opens its explanation. */
export function ReplicaChip({ replica, colours, onOpen }: { replica: ReplicaPlacement; colours: WorkloadColours; onOpen: (replica: ReplicaPlacement) => void }) {
  return (
    <button
      type="button"
      className="replica-chip"
      style={workloadChipStyle(colours, replica.workloadKey)}
      onClick={() => onOpen(replica)}
      aria-label={`Explain ${replica.pod} (${replica.workload.kind} ${replica.workload.name}, replica ${replica.replica})`}
      title={replica.pod}
    >
      {replica.workload.name}-{replica.replica}
    </button>
  );
}
