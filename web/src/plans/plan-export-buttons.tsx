/**
 * Export of a stored plan: the plan document exactly as `GET /v1/plans/{id}`
 * answers it (JSON), or its placements one row per replica (CSV).
 */
import { useState } from 'react';
import { fetchPlanDocument } from '../api/plan-document.js';
import { downloadText, fileNameFor } from '../download.js';
import { ErrorMessage } from '../error-message.js';
import { planCsv } from './plan-csv.js';

type ExportFormat = 'json' | 'csv';

export function PlanExportButtons({ planId }: { planId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function exportAs(format: ExportFormat) {
    setBusy(true);
    setError(undefined);
    try {
      const document = await fetchPlanDocument(planId);
      const stem = `plan-${document.name ?? document.id}`;
      if (format === 'json') downloadText(fileNameFor(stem, 'json'), 'application/json', `${JSON.stringify(document, null, 2)}\n`);
      else downloadText(fileNameFor(stem, 'csv'), 'text/csv', planCsv(document.placements));
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="actions" role="group" aria-label="Export plan">
        <button type="button" disabled={busy} onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" disabled={busy} onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
