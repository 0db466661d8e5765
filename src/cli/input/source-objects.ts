/**
 * Kubernetes objects from the user's files, one per object after `List`s
 * are flattened, each with the path of the file position it came from
 * (`dump.json[0].items[12]`).
 */
import type { FieldError } from '../../kube/field-error.js';
import type { JsonObject } from '../../kube/json-object.js';
import { serverVersionOf } from '../../kube/cluster-version.js';
import { flattenObjects } from '../../kube/list-flattening.js';
import { badInput } from '../cli-error.js';
import type { ManifestFile } from './manifest-files.js';

export interface SourceObject {
  /** With kind and apiVersion set, also for typed-list items that inherit them. */
  readonly object: JsonObject;
  readonly kind: string;
  readonly path: string;
}

/** A `kubectl version -o json` (or `/version`) document: no kind, so not an object, but the cluster's release. */
export interface VersionDocument {
  readonly document: unknown;
  readonly path: string;
}

/** The version documents among the files' top-level documents (sourceObjects leaves them out). */
export function versionDocuments(files: readonly ManifestFile[]): VersionDocument[] {
  return files.flatMap((file) =>
    file.documents.flatMap((document, index) => (serverVersionOf(document) === undefined ? [] : [{ document, path: `${file.label}[${index}]` }])),
  );
}

export function sourceObjects(files: readonly ManifestFile[]): SourceObject[] {
  const objects: SourceObject[] = [];
  const errors: FieldError[] = [];
  for (const file of files) {
    const flattened = flattenObjects(file.documents, file.label);
    // A version document has no kind; it is read by versionDocuments, not refused here.
    const versions = new Set(file.documents.flatMap((document, index) => (serverVersionOf(document) === undefined ? [] : [`${file.label}[${index}]`])));
    errors.push(...flattened.errors.filter((error) => ![...versions].some((path) => error.path === path || error.path.startsWith(`${path}.`))));
    for (const entry of flattened.entries) {
      // Items of a typed list (`NodeList`) often omit kind; once taken out of the list they must carry it.
      const object = { ...entry.object, apiVersion: entry.apiVersion, kind: entry.kind };
      objects.push({ object, kind: entry.kind, path: entry.path });
    }
  }
  if (errors.length > 0) throw badInput('the input files are not valid', errors);
  return objects;
}
