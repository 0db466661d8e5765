import type { Utilisation } from '../api/types.js';
import { formatShare } from '../format.js';
import { shareInWords, utilisationName } from './utilisation-words.js';

const RESOURCES = [
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Memory' },
  { key: 'pods', label: 'Pods' },
] as const;

/** Shares past these read as getting full and as full (the thresholds a <meter low high> would use). */
const HIGH = 0.7;
const FULL = 0.9;

function level(share: number): 'ok' | 'high' | 'full' {
  return share >= FULL ? 'full' : share >= HIGH ? 'high' : 'ok';
}

function percentWidth(share: number): string {
  return `${Math.min(100, Math.max(0, share * 100))}%`;
}

export interface UtilisationBarsProps {
  /** Requested ÷ allocatable of what runs now. */
  utilisation: Utilisation;
  /** With a plan shown: the same shares once the plan's replicas are added (undefined: no plan shown). */
  afterPlan?: Utilisation;
}

/**
 * Requested ÷ allocatable per resource. With a plan shown, the bar grows by
 * what the plan's replicas request (drawn hatched) and the value reads
 * "20→45%". Each bar is an ARIA meter whose name says it in words.
 */
export function UtilisationBars({ utilisation, afterPlan }: UtilisationBarsProps) {
  return (
    <dl className="utilisation">
      {RESOURCES.map(({ key, label }) => {
        const now = utilisation[key];
        const after = afterPlan?.[key];
        const grows = after !== undefined && after !== null && now !== null && after > now;
        const shown = grows ? after : now;
        return (
          <div className="utilisation-row" key={key}>
            <dt aria-hidden="true">{label}</dt>
            <dd>
              <div
                className="utilisation-bar"
                role="meter"
                aria-label={utilisationName(label, now, after)}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={shown === null ? undefined : Math.round(shown * 100)}
                aria-valuetext={shareInWords(shown)}
                data-level={shown === null ? undefined : level(shown)}
              >
                {now !== null && <span className="utilisation-now" style={{ width: percentWidth(now) }} />}
                {grows && <span className="utilisation-added" style={{ width: percentWidth(after - now) }} />}
              </div>
              <span className="utilisation-value" aria-hidden="true">
                {grows ? `${formatShare(now)}→${formatShare(after)}` : formatShare(now)}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
