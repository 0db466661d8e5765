/** What an import just did: the revision and totals, and each warning at its path (skipped kinds, unknown fields with fieldValidation=Warn). */
import { plural } from '../format.js';
import type { ImportedTopology } from './topology-import-form.js';

export function ImportNotice({ topology, onDismiss }: { topology: ImportedTopology; onDismiss: () => void }) {
  const { summary, warnings } = topology;
  return (
    <div className="import-notice" role="status" aria-label="Import result">
      <p>
        Imported “{topology.name}” as revision {topology.revision}: {plural(summary.nodes, 'node')}, {plural(summary.pods, 'pod')},{' '}
        {plural(summary.pendingPods, 'pending pod')}, {plural(summary.ignoredPods, 'ignored pod')}.{' '}
        <button type="button" className="inline-button" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {warnings.length > 0 && (
        <>
          <p>{plural(warnings.length, 'warning')}:</p>
          <ul>
            {warnings.map((warning) => (
              <li key={`${warning.path}: ${warning.message}`}>
                <code>{warning.path}</code>: {warning.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
