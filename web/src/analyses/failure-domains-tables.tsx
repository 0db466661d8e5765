import type { FailureDomainsResult } from '../api/types.js';
import { plural } from '../format.js';

/** Per domain (zone) lost: each workload's replicas lost, rescheduled elsewhere, and left unplaceable; then a verdict per workload. */
export function FailureDomainsTables({ failureDomains }: { failureDomains: FailureDomainsResult }) {
  return (
    <>
      <div className="table-scroll">
        <table className="analysis-table">
          <caption>
            Losing one <code>{failureDomains.topologyKey}</code> domain at a time
            {failureDomains.nodesWithoutKey > 0 && ` (${plural(failureDomains.nodesWithoutKey, 'node')} without the key never fail)`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Domain lost</th>
              <th scope="col">Workload</th>
              <th scope="col">Lost</th>
              <th scope="col">Rescheduled</th>
              <th scope="col">Unplaceable</th>
            </tr>
          </thead>
          <tbody>
            {failureDomains.domains.flatMap((domain) =>
              domain.workloads.map((impact, index) => (
                <tr key={`${domain.domain}:${impact.workload.kind}/${impact.workload.namespace}/${impact.workload.name}`}>
                  {index === 0 && (
                    <th scope="rowgroup" rowSpan={domain.workloads.length}>
                      {domain.domain} <span className="muted">({plural(domain.nodes, 'node')})</span>
                    </th>
                  )}
                  <td>
                    {impact.workload.kind} {impact.workload.namespace}/{impact.workload.name}
                  </td>
                  <td>{impact.lost}</td>
                  <td>{impact.rescheduled}</td>
                  <td className={impact.unplaceable > 0 ? 'unplaceable-count' : undefined} title={impact.messages.join('\n') || undefined}>
                    {impact.unplaceable}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="analysis-table">
          <caption>Verdicts</caption>
          <thead>
            <tr>
              <th scope="col">Workload</th>
              <th scope="col">Fully recovers</th>
              <th scope="col">Worst domain</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {failureDomains.verdicts.map((verdict) => (
              <tr key={`${verdict.workload.kind}/${verdict.workload.namespace}/${verdict.workload.name}`}>
                <th scope="row">
                  {verdict.workload.kind} {verdict.workload.namespace}/{verdict.workload.name}
                </th>
                <td className={verdict.fullyRecovers ? undefined : 'unplaceable-count'}>{verdict.fullyRecovers ? 'yes' : 'no'}</td>
                <td>{verdict.worstDomain ?? '–'}</td>
                <td>{verdict.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
