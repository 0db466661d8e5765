/** What crosses between OffThreadDocumentParser and its thread: structured-clone data only. */
import type { DocumentFormat } from '../../kube/documents.js';
import type { FieldError } from '../../kube/field-error.js';

export interface ParseRequest {
  readonly id: number;
  readonly text: string;
  readonly format: DocumentFormat;
  readonly basePath: string;
}

export type ParseReply =
  | { readonly id: number; readonly documents: unknown[] }
  /** The input is malformed: an InvalidInputError's field errors, thrown again on the caller's side. */
  | { readonly id: number; readonly errors: FieldError[] }
  /** Anything else parsing threw (a defect, not bad input). */
  | { readonly id: number; readonly failure: string };
