/**
 * Where a person enters their podplan API key once; it is sent as
 * `Authorization: Bearer` with every request from this tab. With no keys
 * configured on the service, the API is open and the field can stay empty.
 */
import { useState, type FormEvent } from 'react';
import { forgetApiKey, readApiKey, saveApiKey } from '../api/api-key.js';

export function ApiKeyForm({ onChange }: { onChange: () => void }) {
  const [saved, setSaved] = useState(() => readApiKey() !== null);
  const [draft, setDraft] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    saveApiKey(draft.trim());
    setDraft('');
    setSaved(true);
    onChange();
  }

  function forget() {
    forgetApiKey();
    setSaved(false);
    onChange();
  }

  if (saved) {
    return (
      <div className="api-key">
        <span>API key saved for this tab</span>
        <button type="button" onClick={forget}>
          Forget key
        </button>
      </div>
    );
  }
  return (
    <form className="api-key" onSubmit={submit}>
      <label htmlFor="api-key">API key</label>
      <input id="api-key" type="password" autoComplete="off" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="only if the service asks for one" />
      <button type="submit" disabled={!draft.trim()}>
        Use key
      </button>
    </form>
  );
}
