/**
 * Workload manifests in, a plan or an analysis out: paste or upload YAML,
 * then store a plan (createPlan), run a dry run that stores nothing
 * (simulate), ask how many more replicas fit (capacity), or what losing each
 * zone costs (failureDomains; with no YAML, for the workloads already running).
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { parseWorkloadYaml } from './workload-yaml.js';

export type PlanAction = 'createPlan' | 'simulate';
export type WorkloadAction = PlanAction | 'capacity' | 'failureDomains';

const ACTIONS: readonly WorkloadAction[] = ['createPlan', 'simulate', 'capacity', 'failureDomains'];

/** `workloads` is undefined only for failureDomains run with no YAML. */
export type RunWorkloads = (action: WorkloadAction, workloads: unknown[] | undefined, name: string | undefined) => void;

export interface WorkloadInputProps {
  busy: boolean;
  onRun: RunWorkloads;
}

export function WorkloadInput({ busy, onRun }: WorkloadInputProps) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [parseError, setParseError] = useState<string>();
  const ids = useId();

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const action = ACTIONS.find((candidate) => candidate === submitter?.value) ?? 'createPlan';
    if (action === 'failureDomains' && !text.trim()) {
      setParseError(undefined);
      onRun(action, undefined, undefined);
      return;
    }
    const parsed = parseWorkloadYaml(text);
    if (!parsed.ok) {
      setParseError(parsed.error);
      return;
    }
    setParseError(undefined);
    onRun(action, parsed.workloads, name.trim() || undefined);
  }

  return (
    <form className="workload-input" onSubmit={submit} aria-label="Plan workloads">
      <label htmlFor={`${ids}-yaml`}>Workload YAML</label>
      <textarea
        id={`${ids}-yaml`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={12}
        wrap="off"
        spellCheck={false}
        placeholder={'apiVersion: apps/v1\nkind: Deployment\n…'}
        aria-describedby={parseError ? `${ids}-error` : undefined}
      />
      <label htmlFor={`${ids}-file`}>…or upload a file</label>
      <input id={`${ids}-file`} type="file" accept=".yaml,.yml,.json,application/yaml,application/json" onChange={upload} />
      <label htmlFor={`${ids}-name`}>Plan name (optional)</label>
      <input id={`${ids}-name`} value={name} onChange={(event) => setName(event.target.value)} />
      {parseError && (
        <p className="error" role="alert" id={`${ids}-error`}>
          {parseError}
        </p>
      )}
      <div className="actions">
        <button type="submit" name="action" value="createPlan" disabled={busy || !text.trim()}>
          Create plan
        </button>
        <button type="submit" name="action" value="simulate" disabled={busy || !text.trim()}>
          Dry run
        </button>
      </div>
      <div className="actions" role="group" aria-label="What-if analyses">
        <button type="submit" name="action" value="capacity" disabled={busy || !text.trim()}>
          Capacity
        </button>
        <button type="submit" name="action" value="failureDomains" disabled={busy}>
          Zone failure
        </button>
      </div>
    </form>
  );
}
