/**
 * Applies a request's field validation mode to the Kubernetes objects it
 * submits: Strict refuses unknown fields (400 with every path and a "did you
 * mean" hint), Warn returns them as warnings, Ignore does not look.
 */
import { InvalidInputError, type FieldError } from '../field-error.js';
import type { FieldValidationMode } from './field-validation-mode.js';
import { loadKubernetesFieldSchema, type KubernetesFieldSchema } from './kubernetes-field-schema.js';
import { findUnknownFields } from './unknown-fields.js';

/** Objects of one part of a request and the path their errors start with (`workloads`, `cluster.objects`), or one object at its path. */
export type SubmittedObjects =
  | { readonly documents: readonly unknown[]; readonly basePath: string }
  | { readonly object: unknown; readonly path: string };

function unknownFieldsOf(schema: KubernetesFieldSchema, part: SubmittedObjects): FieldError[] {
  if ('documents' in part) return findUnknownFields(schema, part.documents, part.basePath);
  // One object: its paths start at `path`, not at `path[0]`.
  const prefix = `${part.path}[0]`;
  return findUnknownFields(schema, [part.object], part.path).map((error) => (error.path.startsWith(prefix) ? { ...error, path: part.path + error.path.slice(prefix.length) } : error));
}

/** The warnings to answer with (Warn), or none; throws InvalidInputError under Strict when a field is unknown. */
export async function validateFields(parts: readonly SubmittedObjects[], mode: FieldValidationMode): Promise<FieldError[]> {
  if (mode === 'Ignore' || parts.length === 0) return [];
  const schema = await loadKubernetesFieldSchema();
  const unknown = parts.flatMap((part) => unknownFieldsOf(schema, part));
  if (unknown.length > 0 && mode === 'Strict') throw new InvalidInputError(unknown);
  return unknown;
}
