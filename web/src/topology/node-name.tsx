/**
 * A node's name on one line. Cloud names (`ip-10-0-10-170.ec2.internal`,
 * `gke-prod-default-pool-1a2b3c4d-x7k9`) differ at the start and at the end,
 * so a name too long for its column loses its middle: the head shrinks behind
 * an ellipsis and the tail stays. The full name is the title (hover) and the
 * only text assistive technology reads.
 */
import { nameTailLength } from './node-name-split.js';

export function NodeName({ name }: { name: string }) {
  const split = name.length - nameTailLength(name);
  return (
    <h3 className="node-name" title={name} aria-label={name}>
      {split > 0 && (
        <span className="node-name-head" aria-hidden="true">
          {name.slice(0, split)}
        </span>
      )}
      <span className="node-name-tail" aria-hidden="true">
        {name.slice(split)}
      </span>
    </h3>
  );
}
