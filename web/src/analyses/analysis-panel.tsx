import { ErrorMessage } from '../error-message.js';
import { CapacityTable } from './capacity-table.js';
import { ConsolidationTables } from './consolidation-tables.js';
import { FailureDomainsTables } from './failure-domains-tables.js';
import { MigrationTables } from './migration-tables.js';
import type { useAnalysis } from './use-analysis.js';

/** The last what-if analysis run (workload form or right-sizing form), as tables. */
export function AnalysisPanel({ analysis }: { analysis: ReturnType<typeof useAnalysis> }) {
  if (!analysis.busy && !analysis.error && !analysis.result) return null;
  return (
    <section className="analysis-panel" aria-labelledby="analysis-heading">
      <header>
        <h3 id="analysis-heading">What-if analysis</h3>
        <button type="button" onClick={analysis.dismiss} disabled={analysis.busy}>
          Dismiss
        </button>
      </header>
      {analysis.busy && <p aria-live="polite">Analysing…</p>}
      {analysis.error && <ErrorMessage error={analysis.error} />}
      {!analysis.busy && analysis.result?.kind === 'capacity' && <CapacityTable capacity={analysis.result.capacity} />}
      {!analysis.busy && analysis.result?.kind === 'failureDomains' && <FailureDomainsTables failureDomains={analysis.result.failureDomains} />}
      {!analysis.busy && analysis.result?.kind === 'consolidation' && <ConsolidationTables consolidation={analysis.result.consolidation} />}
      {!analysis.busy && analysis.result?.kind === 'migration' && <MigrationTables migration={analysis.result.migration} />}
    </section>
  );
}
