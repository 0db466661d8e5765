/**
 * Workload manifests in, a plan or an analysis out: paste or upload YAML,
 * then store a plan (createPlan), run a dry run that stores nothing
 * (simulate), ask how many more replicas fit (capacity), or what losing each
 * zone costs (failureDomains; with no YAML, for the workloads already running).
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { parseWorkloadYaml } from './workload-yaml.js';

export type PlanAction = 'createPlan' | 'simulate';
export type WorkloadAction = PlanAction | 'capacity' | 'failureDomains';

const ACTIONS: readonly WorkloadAction[] = ['createPlan', 'simulate', 'capacity', 'failureDomains'];

/** `workloads` is undefined only for failureDomains run with no YAML. */
export type RunWorkloads = (action: WorkloadAction, workloads: unknown[] | undefined, name: string | undefined) => void;

/** Workloads put into the form from elsewhere (a stored plan's, by LoadWorkloadsButton), replacing what it held. */
export interface WorkloadDraft {
  text: string;
  /** Where they came from, as the form says it: `plan “spread web”`. */
  source: string;
  count: number;
  /** What else the plan's request held that the form cannot carry (a scheduler configuration, a scenario), so a person knows a re-run differs. */
  notCarried: string[];
  /** Tells one load from the next, so loading the same plan twice resets the form twice. */
  loadedAt: number;
}

export interface WorkloadInputProps {
  busy: boolean;
  onRun: RunWorkloads;
  draft?: WorkloadDraft;
}

export function WorkloadInput({ busy, onRun, draft }: WorkloadInputProps) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [parseError, setParseError] = useState<string>();
  const ids = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);

  /** Set when a draft arrives: once its text is in the textarea, the caret goes to its start. */
  const focusDraft = useRef(false);

  useEffect(() => {
    if (!draft) return;
    setText(draft.text);
    setName('');
    setParseError(undefined);
    focusDraft.current = true;
  }, [draft]);

  useEffect(() => {
    const element = textarea.current;
    // The draft's own effect runs in the same commit, before its text is rendered: wait for the text.
    if (!focusDraft.current || !element || element.value !== draft?.text) return;
    focusDraft.current = false;
    element.focus();
    element.setSelectionRange(0, 0);
    element.scrollTop = 0;
  }, [text, draft]);

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
      {draft && (
        <p className="muted" role="status">
          Loaded {draft.count === 1 ? 'the workload' : `the ${draft.count} workloads`} of {draft.source}: change {draft.count === 1 ? 'it' : 'them'} and plan again.
          {draft.notCarried.length > 0 && ` Its ${draft.notCarried.join(' and ')} ${draft.notCarried.length === 1 ? 'is' : 'are'} not carried over: the viewer plans with the default scheduler and no scenario.`}
        </p>
      )}
      <textarea
        ref={textarea}
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
