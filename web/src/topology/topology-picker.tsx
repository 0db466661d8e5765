import { TOPOLOGIES_QUERY } from '../api/documents.js';
import type { Connection, TopologyListItem } from '../api/types.js';
import { useGraphQLQuery } from '../api/use-graphql.js';
import { ErrorMessage } from '../error-message.js';
import { plural } from '../format.js';

interface TopologiesAnswer {
  topologies: Connection<TopologyListItem>;
}

/** The saved topologies, newest revision each; choosing one opens it. */
export function TopologyPicker({ selectedId, onSelect }: { selectedId: string | undefined; onSelect: (id: string) => void }) {
  const { data, error, loading } = useGraphQLQuery<TopologiesAnswer>(TOPOLOGIES_QUERY, {});
  const topologies = data?.topologies.edges.map((edge) => edge.node) ?? [];

  return (
    <nav className="topology-picker" aria-labelledby="topologies-heading">
      <h2 id="topologies-heading">Topologies</h2>
      {loading && <p>Loading topologies…</p>}
      {error && <ErrorMessage error={error} />}
      {!loading && !error && topologies.length === 0 && <p>No topology saved yet: POST one to /v1/topologies or use the createTopology mutation.</p>}
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
