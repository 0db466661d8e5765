/**
 * The plan viewer: saved topologies on the left, the chosen one with its
 * plan on the right. Everything comes from podplan's GraphQL API.
 */
import { useState } from 'react';
import { ApiKeyForm } from './auth/api-key-form.js';
import { TopologyPicker } from './topology/topology-picker.js';
import { TopologyWorkspace } from './topology/topology-workspace.js';

export function App() {
  const [topologyId, setTopologyId] = useState<string>();
  /** Bumped when the API key changes: everything below is read again with the new key. */
  const [keyGeneration, setKeyGeneration] = useState(0);

  return (
    <>
      <header className="app-header">
        <h1>podplan</h1>
        <p className="muted">where replicas would land, and why</p>
        <ApiKeyForm onChange={() => setKeyGeneration((generation) => generation + 1)} />
      </header>
      <div className="app-body" key={keyGeneration}>
        <TopologyPicker selectedId={topologyId} onSelect={setTopologyId} />
        <main>{topologyId ? <TopologyWorkspace key={topologyId} topologyId={topologyId} /> : <p>Choose a topology to see its zones and nodes.</p>}</main>
      </div>
    </>
  );
}
