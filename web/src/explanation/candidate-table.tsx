/**
 * The best-scored nodes for one replica, one column per score plugin
 * (weighted points; raw and normalized scores in each cell's title), as
 * the framework's RunScorePlugins sums them.
 */
import type { ScoredNode } from '../api/types.js';
import { formatScore } from '../format.js';

export function CandidateTable({ candidates, chosenNode }: { candidates: readonly ScoredNode[]; chosenNode: string | null }) {
  const plugins = [...new Set(candidates.flatMap((candidate) => candidate.scores.map((score) => score.plugin)))];
  return (
    <div className="table-scroll">
      <table className="candidate-table">
        <caption>Score breakdown per plugin (weighted points)</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            {plugins.map((plugin) => (
              <th scope="col" key={plugin}>
                {plugin}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => (
            <tr key={candidate.node} className={candidate.node === chosenNode ? 'chosen' : undefined} aria-current={candidate.node === chosenNode ? 'true' : undefined}>
              <th scope="row">{candidate.node}</th>
              {plugins.map((plugin) => {
                const score = candidate.scores.find((part) => part.plugin === plugin);
                return (
                  <td key={plugin} title={score ? `raw ${formatScore(score.raw)}, normalized ${formatScore(score.normalized)}` : undefined}>
                    {score ? formatScore(score.weighted) : '–'}
                  </td>
                );
              })}
              <td>{formatScore(candidate.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
