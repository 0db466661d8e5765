/**
 * "Load workloads": the workloads a stored plan ran (its request, as
 * `GET /v1/plans/{id}` keeps it) put back into the workload form as YAML, to
 * change and plan again.
 */
import { useState } from 'react';
import { fetchPlanDocument } from '../api/plan-document.js';
import { ErrorMessage } from '../error-message.js';
import type { WorkloadDraft } from './workload-input.js';
import { workloadsToYaml } from './workloads-to-yaml.js';

export function LoadWorkloadsButton({ planId, onLoad }: { planId: string; onLoad: (draft: WorkloadDraft) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function load() {
    setBusy(true);
    setError(undefined);
    try {
      const plan = await fetchPlanDocument(planId);
      const { workloads, schedulerConfig, scenario } = plan.request;
      onLoad({
        text: workloadsToYaml(workloads),
        source: plan.name ? `plan “${plan.name}”` : `plan ${plan.id}`,
        count: workloads.length,
        notCarried: [...(schedulerConfig ? ['scheduler configuration'] : []), ...(scenario?.length ? ['scenario'] : [])],
        loadedAt: Date.now(),
      });
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" disabled={busy} onClick={() => void load()}>
        Load workloads
      </button>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
