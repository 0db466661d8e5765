/**
 * Bringing a cluster in from the page: paste `kubectl get … -o yaml|json`
 * output or upload the file, name it, and the service imports it through
 * `POST /v1/topologies` (its answer's field errors shown at their paths); or
 * copy the commands that do the same from a terminal.
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { readApiKey } from '../api/api-key.js';
import { restRequest } from '../api/rest-client.js';
import { ErrorMessage } from '../error-message.js';
import { importRequest, nameFromFileName } from './import-request.js';
import { curlImportCommand, KUBECTL_DUMP_COMMAND } from './kubectl-command.js';
import './topology-import.css';

/** The parts of the 201 answer the page shows (api-contract.md, Saved topologies). */
export interface ImportedTopology {
  id: string;
  name: string;
  revision: number;
  summary: { nodes: number; pods: number; pendingPods: number; ignoredPods: number; namespaces: number; zones: string[] };
  warnings: { path: string; message: string }[];
}

export function TopologyImportForm({ onImported }: { onImported: (topology: ImportedTopology) => void }) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const ids = useId();

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    if (!name.trim()) setName(nameFromFileName(file.name));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = importRequest(name, text);
    setBusy(true);
    setError(undefined);
    try {
      onImported(await restRequest<ImportedTopology>(request.path, { method: 'POST', body: request.body, contentType: request.contentType }));
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(false);
    }
  }

  const curl = curlImportCommand(window.location.origin, name);
  return (
    <form className="topology-import" onSubmit={submit} aria-label="Import a topology">
      <label htmlFor={`${ids}-name`}>Topology name</label>
      <input id={`${ids}-name`} value={name} onChange={(event) => setName(event.target.value)} placeholder="prod-eu" required />
      <label htmlFor={`${ids}-objects`}>Cluster objects (YAML or JSON)</label>
      <textarea
        id={`${ids}-objects`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={10}
        wrap="off"
        spellCheck={false}
        placeholder={'apiVersion: v1\nkind: List\nitems:\n- kind: Node\n  …'}
      />
      <label htmlFor={`${ids}-file`}>…or upload a file</label>
      <input id={`${ids}-file`} type="file" accept=".yaml,.yml,.json,application/yaml,application/json" onChange={upload} />
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" disabled={busy || !name.trim() || !text.trim()}>
          {busy ? 'Importing…' : 'Import topology'}
        </button>
      </div>
      <details className="kubectl-commands">
        <summary>…or from a terminal</summary>
        <p>Dump the cluster with kubectl, then upload cluster.yaml above or post it to this podplan:</p>
        <pre aria-label="kubectl command">{KUBECTL_DUMP_COMMAND}</pre>
        <pre aria-label="curl command">
          {curl}
          {readApiKey() !== null && " -H \"Authorization: Bearer $PODPLAN_API_KEY\""}
        </pre>
      </details>
    </form>
  );
}
