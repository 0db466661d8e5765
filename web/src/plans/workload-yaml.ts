/**
 * Workload manifests as a person pastes them (one or more YAML or JSON
 * documents, `---`-separated, or a `kind: List`) into the JSON array the
 * createPlan and simulate mutations take. The service validates the objects;
 * here only YAML syntax is checked, with the line of the first error.
 */
import { parseAllDocuments } from 'yaml';

export type WorkloadParse = { ok: true; workloads: unknown[] } | { ok: false; error: string };

export function parseWorkloadYaml(text: string): WorkloadParse {
  const documents = parseAllDocuments(text, { prettyErrors: true });
  const workloads: unknown[] = [];
  for (const [index, document] of documents.entries()) {
    const [error] = document.errors;
    if (error) return { ok: false, error: `document ${index + 1}: ${error.message}` };
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    workloads.push(value);
  }
  if (workloads.length === 0) return { ok: false, error: 'no workload found: paste a Deployment, ReplicaSet, StatefulSet or Pod' };
  return { ok: true, workloads };
}
