/**
 * Kubernetes objects from the user's files, one per object after `List`s
 * are flattened, each with the path of the file position it came from
 * (`dump.json[0].items[12]`).
 */
import type { FieldError } from '../../kube/field-error.js';
import type { JsonObject } from '../../kube/json-object.js';
import { flattenObjects } from '../../kube/list-flattening.js';
import { badInput } from '../cli-error.js';
import type { ManifestFile } from './manifest-files.js';

export interface SourceObject {
  /** With kind and apiVersion set, also for typed-list items that inherit them. */
  readonly object: JsonObject;
  readonly kind: string;
  readonly path: string;
}

export function sourceObjects(files: readonly ManifestFile[]): SourceObject[] {
  const objects: SourceObject[] = [];
  const errors: FieldError[] = [];
  for (const file of files) {
    const flattened = flattenObjects(file.documents, file.label);
    errors.push(...flattened.errors);
    for (const entry of flattened.entries) {
      // Items of a typed list (`NodeList`) often omit kind; once taken out of the list they must carry it.
      const object = { ...entry.object, apiVersion: entry.apiVersion, kind: entry.kind };
      objects.push({ object, kind: entry.kind, path: entry.path });
    }
  }
  if (errors.length > 0) throw badInput('the input files are not valid', errors);
  return objects;
}
