/**
 * Right-sizing the topology as saved: which nodes can go (consolidation;
 * node groups, when given, price the nodes so the saving shows), or what a
 * pool needs on other node groups (migration). Node groups are the CLI's
 * `--node-groups` file: a YAML list of `{ name, template, zones, maxCount, price }`.
 */
import { useId, useState, type FormEvent } from 'react';
import { parse } from 'yaml';
import type { ConsolidationOptions, MigrationOptions } from './use-analysis.js';

type NodeGroupsParse = { ok: true; nodeGroups: unknown[] | undefined } | { ok: false; error: string };

function parseNodeGroups(text: string): NodeGroupsParse {
  if (!text.trim()) return { ok: true, nodeGroups: undefined };
  try {
    const value: unknown = parse(text, { prettyErrors: true });
    if (!Array.isArray(value)) return { ok: false, error: 'node groups: expected a YAML list of { name, template, zones, maxCount, price }' };
    return { ok: true, nodeGroups: value };
  } catch (error) {
    return { ok: false, error: `node groups: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface RightSizingFormProps {
  busy: boolean;
  onConsolidate: (options: ConsolidationOptions) => void;
  onMigrate: (options: MigrationOptions) => void;
}

export function RightSizingForm({ busy, onConsolidate, onMigrate }: RightSizingFormProps) {
  const [groups, setGroups] = useState('');
  const [keepPerZone, setKeepPerZone] = useState('0');
  const [candidates, setCandidates] = useState('');
  const [from, setFrom] = useState('');
  const [parseError, setParseError] = useState<string>();
  const ids = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const parsed = parseNodeGroups(groups);
    if (!parsed.ok) {
      setParseError(parsed.error);
      return;
    }
    setParseError(undefined);
    if (submitter?.value === 'migrate') onMigrate({ from: from.trim(), nodeGroups: parsed.nodeGroups ?? [] });
    else onConsolidate({ keepPerZone: Number(keepPerZone) || 0, candidates: candidates.trim() || undefined, nodeGroups: parsed.nodeGroups });
  }

  return (
    <form className="right-sizing-form" onSubmit={submit} aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Right-sizing</h3>
      <label htmlFor={`${ids}-groups`}>Node groups (YAML; prices, migration targets)</label>
      <textarea
        id={`${ids}-groups`}
        value={groups}
        onChange={(event) => setGroups(event.target.value)}
        rows={5}
        wrap="off"
        spellCheck={false}
        placeholder={'- name: c6i-xlarge\n  template: { … }\n  zones: [a, b]\n  price: 0.17'}
        aria-describedby={parseError ? `${ids}-error` : undefined}
      />
      <div className="right-sizing-fields">
        <label htmlFor={`${ids}-keep`}>Keep per zone</label>
        <input id={`${ids}-keep`} type="number" min={0} value={keepPerZone} onChange={(event) => setKeepPerZone(event.target.value)} />
        <label htmlFor={`${ids}-candidates`}>Nodes that may go</label>
        <input id={`${ids}-candidates`} value={candidates} onChange={(event) => setCandidates(event.target.value)} placeholder="every node" spellCheck={false} />
      </div>
      <div className="actions">
        <button type="submit" name="action" value="consolidate" disabled={busy}>
          Consolidate
        </button>
      </div>
      <label htmlFor={`${ids}-from`}>Pool to move</label>
      <input id={`${ids}-from`} value={from} onChange={(event) => setFrom(event.target.value)} placeholder="node.kubernetes.io/instance-type=m5.xlarge" spellCheck={false} />
      <div className="actions">
        <button type="submit" name="action" value="migrate" disabled={busy || !from.trim() || !groups.trim()}>
          Migrate pool
        </button>
      </div>
      {parseError && (
        <p className="error" role="alert" id={`${ids}-error`}>
          {parseError}
        </p>
      )}
    </form>
  );
}
