/**
 * Sort and filter the node list: which zone (the same choice as the zone
 * cards), what comes first, and only the nodes the shown plan put replicas on.
 */
import type { ZoneTotals } from '../api/types.js';
import { sortChoices, type NodeArrangement, type NodeSort } from './node-arrangement.js';
import { zoneLabel } from './zone-overview.js';

/** The zone select's value for every zone, and for nodes without a zone label. */
const EVERY_ZONE = '';
const NO_ZONE = '\u0000no-zone';

export interface NodeArrangementFormProps {
  zones: readonly ZoneTotals[];
  /** The zone listed (null: nodes without a zone label); undefined: every zone. */
  zone: string | null | undefined;
  onZone: (zone: string | null | undefined) => void;
  arrangement: NodeArrangement;
  onArrange: (arrangement: NodeArrangement) => void;
  planShown: boolean;
}

export function NodeArrangementForm({ zones, zone, onZone, arrangement, onArrange, planShown }: NodeArrangementFormProps) {
  const zoneValue = zone === undefined ? EVERY_ZONE : zone === null ? NO_ZONE : zone;
  return (
    <div className="node-arrangement" role="group" aria-label="Sort and filter nodes">
      <label>
        Zone{' '}
        <select value={zoneValue} onChange={(event) => onZone(event.target.value === EVERY_ZONE ? undefined : event.target.value === NO_ZONE ? null : event.target.value)}>
          <option value={EVERY_ZONE}>Every zone</option>
          {zones.map((entry) => (
            <option key={entry.zone ?? NO_ZONE} value={entry.zone ?? NO_ZONE}>
              {zoneLabel(entry.zone)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort by{' '}
        <select value={arrangement.sort} onChange={(event) => onArrange({ ...arrangement, sort: event.target.value as NodeSort })}>
          {sortChoices(planShown).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label className={planShown ? undefined : 'muted'}>
        <input
          type="checkbox"
          checked={arrangement.withReplicasOnly && planShown}
          disabled={!planShown}
          onChange={(event) => onArrange({ ...arrangement, withReplicasOnly: event.target.checked })}
        />{' '}
        Only nodes that got replicas
      </label>
    </div>
  );
}
