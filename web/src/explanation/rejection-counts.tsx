import type { Rejection } from '../api/types.js';
import { plural } from '../format.js';

/** Nodes counted by their first failing filter, as FailedScheduling counts them. */
export function RejectionCounts({ rejections }: { rejections: readonly Rejection[] }) {
  if (rejections.length === 0) return <p className="muted">No node rejected this replica.</p>;
  return (
    <ul className="rejection-counts">
      {rejections.map((rejection) => (
        <li key={`${rejection.plugin}: ${rejection.reason}`}>
          {plural(rejection.nodes, 'node')}: <strong>{rejection.plugin}</strong> — {rejection.reason}
        </li>
      ))}
    </ul>
  );
}
