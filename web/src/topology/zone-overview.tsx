/**
 * The topology at a glance: one card per zone with its totals (DRA devices
 * per driver and how many are in use, with the plan's) and, when a plan is
 * shown, how many of its replicas landed there and the zone's utilisation
 * once they are added. Choosing a zone opens
 * its nodes; at 5,000 nodes this is the view that stays readable.
 */
import type { ZoneTotals } from '../api/types.js';
import { plural } from '../format.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import { workloadChipStyle, type WorkloadColours } from '../plans/workload-colours.js';
import { deviceUse } from './device-use.js';
import { utilisationAfterPlan } from '../plans/after-plan.js';
import { UtilisationBars } from './utilisation-bars.js';

export interface ZoneOverviewProps {
  zones: readonly ZoneTotals[];
  selectedZone: string | null | undefined;
  replicasByZone: ReadonlyMap<string | null, ReplicaPlacement[]>;
  colours: WorkloadColours;
  onSelect: (zone: string | null) => void;
}

export function zoneLabel(zone: string | null): string {
  return zone ?? 'No zone label';
}

function countByWorkload(replicas: readonly ReplicaPlacement[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const replica of replicas) counts.set(replica.workloadKey, (counts.get(replica.workloadKey) ?? 0) + 1);
  return [...counts];
}

export function ZoneOverview({ zones, selectedZone, replicasByZone, colours, onSelect }: ZoneOverviewProps) {
  return (
    <ul className="zone-grid" aria-label="Zones">
      {zones.map((zone) => {
        const replicas = replicasByZone.get(zone.zone) ?? [];
        const selected = selectedZone === zone.zone;
        return (
          <li key={zone.zone ?? ''}>
            <button type="button" className="zone-card" aria-pressed={selected} onClick={() => onSelect(zone.zone)}>
              <span className="zone-name">{zoneLabel(zone.zone)}</span>
              <span className="muted">
                {plural(zone.nodes, 'node')} · {plural(zone.pods, 'pod')}
              </span>
              <UtilisationBars utilisation={zone.utilisation} afterPlan={replicas.length > 0 ? utilisationAfterPlan(zone.requested, zone.allocatable, replicas) : undefined} />
              {zone.devices.length > 0 && (
                <span className="zone-devices muted">
                  {deviceUse(zone.devices, replicas).map((use) => (
                    <span key={use.driver}>
                      {use.driver}: {use.inUse} of {plural(use.devices, 'device')} in use
                    </span>
                  ))}
                </span>
              )}
              {replicas.length > 0 && (
                <span className="zone-replicas">
                  {plural(replicas.length, 'planned replica')}
                  {countByWorkload(replicas).map(([key, count]) => {
                    return (
                      <span key={key} className="workload-count" style={workloadChipStyle(colours, key)}>
                        {key.split('/').at(-1)} ×{count}
                      </span>
                    );
                  })}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
