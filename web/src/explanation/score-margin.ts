import type { ScoredNode } from '../api/types.js';

export type ScoreMargin =
  | { kind: 'only' }
  | { kind: 'ahead'; runnerUp: ScoredNode; points: number }
  /** `tiedWith`: every other candidate with the same total (the candidates are the best few, so more nodes may tie). */
  | { kind: 'tied'; runnerUp: ScoredNode; tiedWith: readonly ScoredNode[] };

/**
 * How far the chosen node's total is ahead of the best other candidate's.
 * A tie means the service's documented tie-break picked the node, not the
 * scores.
 */
export function scoreMargin(chosenNode: string, candidates: readonly ScoredNode[]): ScoreMargin | undefined {
  const chosen = candidates.find((candidate) => candidate.node === chosenNode);
  if (!chosen) return undefined;
  const others = candidates.filter((candidate) => candidate.node !== chosenNode);
  if (others.length === 0) return { kind: 'only' };
  const runnerUp = others.reduce((best, candidate) => (candidate.total > best.total ? candidate : best));
  const points = chosen.total - runnerUp.total;
  if (points !== 0) return { kind: 'ahead', runnerUp, points };
  return { kind: 'tied', runnerUp, tiedWith: others.filter((candidate) => candidate.total === chosen.total) };
}
