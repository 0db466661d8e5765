import type { Connection, TopologyListItem } from '../api/types.js';
import type { QueryState } from '../api/use-graphql.js';
import { ErrorMessage } from '../error-message.js';
import { plural } from '../format.js';

export interface TopologiesAnswer {
  topologies: Connection<TopologyListItem>;
}

export interface TopologyPickerProps {
  topologies: QueryState<TopologiesAnswer>;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** Opens the import form (the start page). */
  onImport: () => void;
}

/** The saved topologies, newest revision each; choosing one opens it. */
export function TopologyPicker({ topologies: { data, error, loading }, selectedId, onSelect, onImport }: TopologyPickerProps) {
  const topologies = data?.topologies.edges.map((edge) => edge.node) ?? [];

  return (
    <nav className="topology-picker" aria-labelledby="topologies-heading">
      <h2 id="topologies-heading">Topologies</h2>
      <button type="button" className="import-button" aria-current={selectedId === undefined ? 'true' : undefined} onClick={onImport}>
        Import topology
      </button>
      {loading && !data && <p>Loading topologies…</p>}
      {error && <ErrorMessage error={error} />}
      {!loading && !error && topologies.length === 0 && <p className="muted">None saved yet.</p>}
      <ul>
        {topologies.map((topology) => (
          <li key={topology.id}>
            <button type="button" className="link-button" aria-current={topology.id === selectedId ? 'true' : undefined} onClick={() => onSelect(topology.id)}>
              <span className="topology-name">{topology.name}</span>
              <span className="muted">
                rev {topology.revision} · {plural(topology.summary.nodes, 'node')} · {plural(topology.summary.pods, 'pod')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
