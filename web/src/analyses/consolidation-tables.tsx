import type { ClusterFootprint, ConsolidationResult } from '../api/types.js';
import { formatShare, plural } from '../format.js';

const formatPrice = (price: number | null) => (price === null ? '–' : price.toLocaleString('en', { maximumFractionDigits: 3 }));

/** Before and after, side by side: nodes, pods, mean requested share of CPU and memory, price. */
function FootprintTable({ before, after }: { before: ClusterFootprint; after: ClusterFootprint }) {
  const rows: [string, (footprint: ClusterFootprint) => string][] = [
    ['Nodes', (footprint) => footprint.nodes.toLocaleString('en')],
    ['Pods', (footprint) => footprint.pods.toLocaleString('en')],
    ['CPU requested (mean per node)', (footprint) => formatShare(footprint.cpu.mean)],
    ['Memory requested (mean per node)', (footprint) => formatShare(footprint.memory.mean)],
    ['Price', (footprint) => formatPrice(footprint.price)],
  ];
  return (
    <table className="analysis-table footprint-table">
      <caption>Utilisation before and after</caption>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value(before)}</td>
            <td>{value(after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Which nodes can go, in drain order, where their pods land; which stay and why (the pod with nowhere to go, in the scheduler's words). */
export function ConsolidationTables({ consolidation }: { consolidation: ConsolidationResult }) {
  const { removable, kept, search } = consolidation;
  return (
    <>
      <p className="analysis-summary">
        <strong>
          {plural(removable.length, 'node')} of {plural(removable.length + kept.length, 'candidate')} can go
        </strong>
        {consolidation.verified && ' — verified: with them removed, every evicted pod is placed again'}
        {'. '}
        {consolidation.savings === null ? 'No saving shown: give node groups with prices.' : `Saves ${formatPrice(consolidation.savings)}.`}
      </p>
      <div className="table-scroll">
        <FootprintTable before={consolidation.before} after={consolidation.after} />
      </div>
      <div className="table-scroll">
        <table className="analysis-table">
          <caption>Nodes to remove, in drain order</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Node</th>
              <th scope="col">Zone</th>
              <th scope="col">Utilisation</th>
              <th scope="col">Evicted pods → where they land</th>
              <th scope="col">Go with the node</th>
            </tr>
          </thead>
          <tbody>
            {removable.length === 0 && (
              <tr>
                <td colSpan={6}>No node can go.</td>
              </tr>
            )}
            {removable.map((node) => (
              <tr key={node.node}>
                <td>{node.order}</td>
                <th scope="row" className="nowrap">
                  {node.node}
                </th>
                <td>{node.zone ?? '–'}</td>
                <td>{formatShare(node.utilisation)}</td>
                <td>
                  {node.evicted.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="evicted-pods">
                      {node.evicted.map((pod) => (
                        <li key={`${pod.namespace}/${pod.pod}`} className="nowrap">
                          {pod.namespace}/{pod.pod} → {pod.to}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{node.goneWithNode.join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="analysis-table">
          <caption>Nodes kept, and why</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Why</th>
              <th scope="col">Pod</th>
              <th scope="col">Scheduler's message</th>
            </tr>
          </thead>
          <tbody>
            {kept.length === 0 && (
              <tr>
                <td colSpan={4}>Every candidate can go.</td>
              </tr>
            )}
            {kept.map((node) => (
              <tr key={node.node}>
                <th scope="row" className="nowrap">
                  {node.node}
                </th>
                <td>
                  <strong>{node.because}</strong>: {node.reason}
                </td>
                <td className="nowrap">{node.pod ?? '–'}</td>
                <td className="scheduler-message">{node.message ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {consolidation.pdbDisruptions.length > 0 && (
        <div className="table-scroll">
          <table className="analysis-table">
            <caption>PodDisruptionBudgets used</caption>
            <thead>
              <tr>
                <th scope="col">PDB</th>
                <th scope="col">Disruptions used</th>
                <th scope="col">Allowed</th>
              </tr>
            </thead>
            <tbody>
              {consolidation.pdbDisruptions.map((budget) => (
                <tr key={`${budget.namespace}/${budget.name}`}>
                  <th scope="row">
                    {budget.namespace}/{budget.name}
                  </th>
                  <td>{budget.used}</td>
                  <td>{budget.allowed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Search: {plural(search.evaluatedPlans, 'plan')}, {plural(search.triedNodes, 'node')} tried, {plural(search.improvements, 'improvement')} by local search
        {search.stoppedBy && ` — stopped early: its ${search.stoppedBy} budget ran out`}.
      </p>
    </>
  );
}
