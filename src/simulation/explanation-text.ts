/**
 * The one sentence a platform engineer reads per replica in a portal,
 * rendered from the engine's structured decision: for a placed replica why
 * that node won (its biggest score parts and its margin over the runner-up,
 * with the plugins that made the difference); for an unplaceable one,
 * kube-scheduler's own FailedScheduling text.
 */
import type { PodDecision, Rejection, ScoredNode } from '../scheduling/planner/decision.js';

function scoreParts(candidate: ScoredNode, limit: number): string {
  const parts = Object.entries(candidate.scores)
    .filter(([, score]) => score.weighted !== 0)
    .sort(([nameA, a], [nameB, b]) => b.weighted - a.weighted || (nameA < nameB ? -1 : 1))
    .slice(0, limit)
    .map(([plugin, score]) => `${plugin} +${score.weighted}`);
  return parts.length > 0 ? parts.join(', ') : 'no plugin scored it above 0';
}

/** Plugins whose weighted score gave the winner its lead over the runner-up, largest first. */
export function decidingPlugins(winner: ScoredNode, runnerUp: ScoredNode): { plugin: string; delta: number }[] {
  return Object.keys(winner.scores)
    .map((plugin) => ({ plugin, delta: winner.scores[plugin].weighted - (runnerUp.scores[plugin]?.weighted ?? 0) }))
    .filter((entry) => entry.delta > 0)
    .sort((a, b) => b.delta - a.delta || (a.plugin < b.plugin ? -1 : 1));
}

/**
 * As kube-scheduler's histogram, a node whose first failing filter gives
 * several reasons (Insufficient cpu and Insufficient memory) counts once per
 * reason: when the counts add up to more than the rejected nodes, say so.
 */
function rejectionSummary(rejections: readonly Rejection[], rejectedNodes: number): string {
  if (rejections.length === 0) return '';
  const counted = rejections.reduce((sum, entry) => sum + entry.nodes, 0);
  const why = counted > rejectedNodes ? ` (${counted} reasons on ${rejectedNodes} node(s): a node failing for several reasons counts once for each)` : '';
  return `; rejected elsewhere: ${rejections.map((entry) => `${entry.nodes} ${entry.reason}`).join(', ')}${why}`;
}

export function placementMessage(decision: PodDecision): string {
  if (decision.node === null) return decision.failureMessage ?? '';
  const [winner, runnerUp] = decision.candidates;
  const head = `${decision.node}: best score ${decision.score}`;
  const scored = `${head} (${scoreParts(winner, 3)})`;
  let comparison: string;
  if (decision.feasibleNodes === 1) {
    comparison = 'the only feasible node';
  } else if (decision.tieBreak) {
    const rule = decision.tieBreak.rule === 'lowest-name' ? 'first by node name' : 'picked at random (seeded) as kube-scheduler does';
    comparison = `tied with ${decision.tieBreak.tiedNodes - 1} other node(s), ${rule}`;
  } else if (runnerUp) {
    const deciders = decidingPlugins(winner, runnerUp)
      .slice(0, 2)
      .map((entry) => `${entry.plugin} +${entry.delta}`)
      .join(', ');
    comparison = `ahead of ${runnerUp.node} (${runnerUp.total}) by ${winner.total - runnerUp.total}${deciders ? ` on ${deciders}` : ''}`;
  } else {
    comparison = `best of ${decision.feasibleNodes} feasible nodes`;
  }
  return `${scored}; ${comparison}${rejectionSummary(decision.rejections, decision.evaluatedNodes - decision.feasibleNodes)}`;
}
