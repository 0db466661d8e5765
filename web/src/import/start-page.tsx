/**
 * The page before a topology is chosen. With none saved it says how to
 * start (import one: paste, upload or the commands); with some, it points at
 * the list and still offers the import form.
 */
import { TopologyImportForm, type ImportedTopology } from './topology-import-form.js';

export interface StartPageProps {
  /** Saved topologies; undefined while the list loads or when it failed (the list says why). */
  topologyCount: number | undefined;
  onImported: (topology: ImportedTopology) => void;
}

export function StartPage({ topologyCount, onImported }: StartPageProps) {
  return (
    <section className="start-page" aria-labelledby="start-heading">
      {topologyCount === 0 ? (
        <>
          <h2 id="start-heading">No topology saved yet</h2>
          <p>
            podplan plans against a saved copy of your cluster: its nodes and the pods already running. Import one to start — paste the output of{' '}
            <code>kubectl get … -o yaml</code> (or <code>-o json</code>), upload the file, or run the commands below from a terminal. Then paste a
            Deployment to see where its replicas would land, and why.
          </p>
        </>
      ) : (
        <>
          <h2 id="start-heading">Import a topology</h2>
          <p className="muted">{topologyCount === undefined ? 'Or choose a saved one on the left.' : 'Or choose one of the saved topologies on the left.'}</p>
        </>
      )}
      <TopologyImportForm onImported={onImported} />
    </section>
  );
}
