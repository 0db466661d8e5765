/**
 * Flattens `kind: List` and typed lists (`NodeList`, `PodList`, …) into
 * their items, each with its exact input path. Typed-list items printed by
 * the API server or client-go often omit kind and apiVersion; they inherit
 * them from the list, as the API's own decoding does.
 */
import type { FieldError } from './field-error.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { isListKind, itemKindOfList } from './object-kinds.js';

export interface ObjectEntry {
  object: JsonObject;
  kind: string;
  apiVersion: string;
  /** e.g. `objects[2].items[5]` */
  path: string;
}

export interface FlattenedObjects {
  entries: ObjectEntry[];
  errors: FieldError[];
}

export function flattenObjects(documents: unknown[], basePath: string): FlattenedObjects {
  const flattened: FlattenedObjects = { entries: [], errors: [] };
  documents.forEach((document, index) => visit(document, `${basePath}[${index}]`, undefined, flattened));
  return flattened;
}

interface Inherited {
  kind: string | undefined;
  apiVersion: string;
}

function visit(value: unknown, path: string, inherited: Inherited | undefined, flattened: FlattenedObjects): void {
  if (!isJsonObject(value)) {
    flattened.errors.push({ path, message: 'must be a Kubernetes object' });
    return;
  }
  const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : inherited?.kind;
  const apiVersion = typeof value.apiVersion === 'string' && value.apiVersion !== '' ? value.apiVersion : (inherited?.apiVersion ?? '');
  if (kind === undefined) {
    flattened.errors.push({ path: `${path}.kind`, message: 'Required value: every object needs a kind (e.g. "Node", "Pod")' });
    return;
  }
  if (isListKind(kind) && value.items !== undefined) {
    // Go clients print an empty list as `"items": null`.
    if (value.items === null) return;
    if (!Array.isArray(value.items)) {
      flattened.errors.push({ path: `${path}.items`, message: 'must be a list' });
      return;
    }
    const itemInheritance: Inherited = { kind: itemKindOfList(kind), apiVersion };
    value.items.forEach((item, index) => visit(item, `${path}.items[${index}]`, itemInheritance, flattened));
    return;
  }
  flattened.entries.push({ object: value, kind, apiVersion, path });
}
