import { useState, type FormEvent } from 'react';

/** A kubectl `-l` selector (e.g. `node.kubernetes.io/instance-type=m5.xlarge,!gpu`); the service parses and reports errors. */
export function LabelSelectorForm({ value, onApply }: { value: string; onApply: (selector: string) => void }) {
  const [draft, setDraft] = useState(value);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft.trim());
  }

  return (
    <form className="label-selector" onSubmit={submit} role="search">
      <label htmlFor="label-selector">Label selector</label>
      <input id="label-selector" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="e.g. node.kubernetes.io/instance-type=m5.xlarge" spellCheck={false} />
      <button type="submit">Filter nodes</button>
      {value && (
        <button
          type="button"
          onClick={() => {
            setDraft('');
            onApply('');
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
}
