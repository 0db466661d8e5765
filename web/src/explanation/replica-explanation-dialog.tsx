/**
 * Why a replica landed where it did, in a modal dialog: the outcome and
 * kube-scheduler's message (with the DRA devices a placed replica was
 * allocated), the winning node's score breakdown per plugin
 * and its margin over the runner-up, and every rule that failed on each
 * node that rejected it. Escape or the Close button returns focus to the
 * replica that opened it (native <dialog> behaviour).
 */
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../error-message.js';
import { formatScore, plural } from '../format.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import { AllocatedDeviceList } from './allocated-device-list.js';
import { CandidateTable } from './candidate-table.js';
import { RejectedNodeList } from './rejected-node-list.js';
import { RejectionCounts } from './rejection-counts.js';
import { scoreMargin, type ScoreMargin } from './score-margin.js';
import { UnscoredPluginList } from './unscored-plugin-list.js';
import { useReplicaExplanation } from './use-replica-explanation.js';

/** "a", "a and b", "a, b and c". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function MarginSentence({ node, margin }: { node: string; margin: ScoreMargin | undefined }) {
  if (!margin) return null;
  switch (margin.kind) {
    case 'only':
      return <p>{node} was the only feasible node.</p>;
    case 'ahead':
      return (
        <p>
          {node} scored {formatScore(margin.points)} {margin.points === 1 ? 'point' : 'points'} more than the runner-up, {margin.runnerUp.node} ({formatScore(margin.runnerUp.total)}).
        </p>
      );
    case 'tied':
      return (
        <p>
          {node} tied with {listOf(margin.tiedWith.map((candidate) => candidate.node))} at {formatScore(margin.runnerUp.total)}{' '}
          {margin.runnerUp.total === 1 ? 'point' : 'points'}: the scores do not decide. The tie is broken by the documented rule (the lowest node name in
          exhaustive mode, a seeded random draw in faithful mode), which chose {node}.
        </p>
      );
  }
}

export function ReplicaExplanationDialog({ replica, onClose }: { replica: ReplicaPlacement; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { explanation, error, loading, loadMoreRejected } = useReplicaExplanation(replica);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const rejectedCount = explanation ? explanation.evaluatedNodes - explanation.feasibleNodes : 0;

  return (
    <dialog ref={dialog} className="explanation" aria-labelledby="explanation-heading" onClose={onClose}>
      <header>
        <h2 id="explanation-heading">{replica.pod}</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label="Close explanation">
          Close
        </button>
      </header>
      <p className="muted">
        {replica.workload.kind} {replica.workload.namespace}/{replica.workload.name}, replica {replica.replica}
      </p>
      {error && <ErrorMessage error={error} />}
      {loading && !explanation && <p>Loading explanation…</p>}
      {explanation && (
        <>
          <section aria-labelledby="outcome-heading">
            <h3 id="outcome-heading">{explanation.node ? `Placed on ${explanation.node}` : 'Unplaceable'}</h3>
            <p className={explanation.node ? 'scheduler-message' : 'scheduler-message unplaceable-message'}>{explanation.message}</p>
            <p className="muted">
              {plural(explanation.feasibleNodes, 'feasible node')} of {plural(explanation.evaluatedNodes, 'node')} evaluated
              {explanation.score !== null && ` · score ${formatScore(explanation.score)}`}
            </p>
            <AllocatedDeviceList devices={replica.devices} />
          </section>
          {explanation.node && (
            <section aria-labelledby="why-heading">
              <h3 id="why-heading">Why {explanation.node}</h3>
              <MarginSentence node={explanation.node} margin={scoreMargin(explanation.node, explanation.candidates)} />
              {explanation.candidates.length > 0 && <CandidateTable candidates={explanation.candidates} chosenNode={explanation.node} />}
              <UnscoredPluginList plugins={explanation.unscoredPlugins} />
            </section>
          )}
          <section aria-labelledby="rejected-heading">
            <h3 id="rejected-heading">Rejected nodes ({rejectedCount.toLocaleString('en')})</h3>
            <RejectionCounts rejections={explanation.rejections} />
            {explanation.rejectedNodes ? (
              explanation.rejectedNodes.nodes.length > 0 && (
                <>
                  <h4>Every failing rule, per node</h4>
                  <p className="muted">
                    The counts above take each node's first failing rule, as kube-scheduler's message does; below, every rule runs, so a node can fail
                    several and the reasons outnumber the nodes.
                  </p>
                  <RejectedNodeList nodes={explanation.rejectedNodes.nodes} />
                  {explanation.rejectedNodes.hasNextPage && (
                    <button type="button" onClick={loadMoreRejected} disabled={loading}>
                      Show more rejected nodes ({explanation.rejectedNodes.nodes.length} of {explanation.rejectedNodes.totalCount})
                    </button>
                  )}
                </>
              )
            ) : (
              rejectedCount > 0 && <p className="muted">A dry run keeps counts only: create a plan to see every failing rule per node.</p>
            )}
          </section>
        </>
      )}
    </dialog>
  );
}
