/**
 * Workloads back into the text a person edits: one YAML document each,
 * `---`-separated — what parseWorkloadYaml (workload-yaml.ts) reads back to
 * the same objects.
 */
import { stringify } from 'yaml';

export function workloadsToYaml(workloads: readonly unknown[]): string {
  return workloads.map((workload) => stringify(workload)).join('---\n');
}
