import type { Utilisation } from '../api/types.js';
import { formatShare } from '../format.js';

const RESOURCES = [
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Memory' },
  { key: 'pods', label: 'Pods' },
] as const;

/** Requested ÷ allocatable per resource, as native meters so assistive technology reads the value. */
export function UtilisationBars({ utilisation }: { utilisation: Utilisation }) {
  return (
    <dl className="utilisation">
      {RESOURCES.map(({ key, label }) => {
        const share = utilisation[key];
        return (
          <div className="utilisation-row" key={key}>
            <dt>{label}</dt>
            <dd>
              <meter min={0} max={1} low={0.7} high={0.9} optimum={0.3} value={share ?? 0} aria-label={`${label} requested`}>
                {formatShare(share)}
              </meter>
              <span className="utilisation-value">{formatShare(share)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
