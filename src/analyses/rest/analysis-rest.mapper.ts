/** Analyses to REST documents: a stored analysis' identity first, then the result as the contract shapes it. */
import type { AnalysisOutcome, AnalysisPage } from '../analyses.service.js';
import type { StoredAnalysis } from '../../pipeline/analysis-store.js';

function identity(stored: StoredAnalysis) {
  return { id: stored.id, kind: stored.kind, topologyId: stored.topologyId, revision: stored.revision, createdAt: stored.createdAt.toISOString() };
}

export function toAnalysisDocument<Result extends object>(outcome: AnalysisOutcome<Result>) {
  return outcome.stored ? { ...identity(outcome.stored), ...outcome.result } : outcome.result;
}

export function toStoredAnalysisDocument(stored: StoredAnalysis) {
  return { ...identity(stored), request: stored.request, ...(stored.result as object) };
}

export function toAnalysisList(page: AnalysisPage) {
  return { items: page.items.map(identity), nextCursor: page.nextCursor };
}
