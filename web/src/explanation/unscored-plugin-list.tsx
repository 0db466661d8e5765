import type { UnscoredPlugin } from '../api/types.js';

/**
 * Score plugins that gave this replica no score on any node, and why (their
 * PreScore skipped): a column missing from the breakdown otherwise reads
 * like a bug.
 */
export function UnscoredPluginList({ plugins }: { plugins: readonly UnscoredPlugin[] }) {
  if (plugins.length === 0) return null;
  return (
    <ul className="unscored-plugins" aria-label="Plugins that gave no score">
      {plugins.map(({ plugin, reason }) => (
        <li key={plugin}>
          <strong>{plugin}</strong> gave no score: its PreScore skips when {reason} (or the scheduler configuration disables it).
        </li>
      ))}
    </ul>
  );
}
