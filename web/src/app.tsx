/**
 * The plan viewer: saved topologies on the left, the chosen one with its
 * plan on the right — or, with none chosen, the start page that imports one.
 * The URL says which (navigation/view-location.ts), so views can be shared.
 * Everything comes from podplan's GraphQL API, but for the REST routes the
 * contract defines (topology import, plan documents, plan diffs).
 */
import { useState } from 'react';
import { TOPOLOGIES_QUERY } from './api/documents.js';
import { useGraphQLQuery } from './api/use-graphql.js';
import { ApiKeyForm } from './auth/api-key-form.js';
import { useViewLocation } from './navigation/use-view-location.js';
import { ImportNotice } from './import/import-notice.js';
import { StartPage } from './import/start-page.js';
import type { ImportedTopology } from './import/topology-import-form.js';
import { TopologyPicker, type TopologiesAnswer } from './topology/topology-picker.js';
import { TopologyWorkspace } from './topology/topology-workspace.js';

export function App() {
  /** Bumped when the API key changes: everything below is read again with the new key. */
  const [keyGeneration, setKeyGeneration] = useState(0);

  return (
    <>
      <header className="app-header">
        <h1>podplan</h1>
        <p className="muted">where replicas would land, and why</p>
        <ApiKeyForm onChange={() => setKeyGeneration((generation) => generation + 1)} />
      </header>
      <AppBody key={keyGeneration} />
    </>
  );
}

function AppBody() {
  const [location, navigate] = useViewLocation();
  const topologyId = location.topology;
  /** Bumped after an import, so the list shows the new topology. */
  const [listGeneration, setListGeneration] = useState(0);
  const topologies = useGraphQLQuery<TopologiesAnswer>(TOPOLOGIES_QUERY, {}, listGeneration);
  const [imported, setImported] = useState<ImportedTopology>();

  function showImported(topology: ImportedTopology) {
    setImported(topology);
    setListGeneration((generation) => generation + 1);
    navigate({ topology: topology.id });
  }

  return (
    <div className="app-body">
      <TopologyPicker topologies={topologies} selectedId={topologyId} onSelect={(id) => navigate({ topology: id })} onImport={() => navigate({})} />
      <main>
        {imported && imported.id === topologyId && <ImportNotice topology={imported} onDismiss={() => setImported(undefined)} />}
        {topologyId ? (
          <TopologyWorkspace key={topologyId} topologyId={topologyId} location={location} navigate={navigate} />
        ) : (
          <StartPage topologyCount={topologies.error ? undefined : topologies.data?.topologies.edges.length} onImported={showImported} />
        )}
      </main>
    </div>
  );
}
