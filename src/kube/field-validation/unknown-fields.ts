/**
 * Fields a submitted object's schema does not declare (`replica:` for
 * `replicas:`, `topologySpreadConstraint:`), found as the API server's strict
 * decoding finds them: every level of every object podplan reads is compared
 * with its kind's declared fields (kubernetes-field-schema.ts). The keys of
 * free-form maps (labels, annotations, resource lists, nodeSelector) are
 * names, not fields: any key is legal there.
 */
import { closestName } from '../closest-name.js';
import { mapKeyPath, type FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { flattenObjects } from '../list-flattening.js';
import { clusterKindOf } from '../object-kinds.js';
import type { FieldType, KubernetesFieldSchema } from './kubernetes-field-schema.js';

/** Dynamic resource allocation kinds (resource.k8s.io), read in every version kubectl prints. */
const RESOURCE_KINDS = new Set(['ResourceSlice', 'DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate']);

/** How many unknown fields one answer lists; a dump with the same stray field on every object says so once more with the count. */
export const MAX_LISTED_UNKNOWN_FIELDS = 100;

function isReadKind(kind: string, apiVersion: string): boolean {
  if (clusterKindOf(kind, apiVersion) !== undefined) return true;
  return RESOURCE_KINDS.has(kind) && apiVersion.startsWith('resource.k8s.io/');
}

/**
 * The unknown fields of `documents` (objects or Lists), addressed from
 * `basePath` (`workloads[0].spec.replica`). Objects of kinds podplan does not
 * read, or of API versions the client's models do not know, are not checked:
 * the import skips or refuses them with its own words.
 */
export function findUnknownFields(schema: KubernetesFieldSchema, documents: readonly unknown[], basePath: string): FieldError[] {
  const found: FieldError[] = [];
  for (const entry of flattenObjects([...documents], basePath).entries) {
    if (!isReadKind(entry.kind, entry.apiVersion)) continue;
    const model = schema.modelOfKind(entry.apiVersion, entry.kind);
    if (model !== undefined) walk(schema, entry.object, { kind: 'object', model }, entry.path, found);
  }
  if (found.length <= MAX_LISTED_UNKNOWN_FIELDS) return found;
  const listed = found.slice(0, MAX_LISTED_UNKNOWN_FIELDS);
  listed.push({ path: basePath, message: `${found.length - MAX_LISTED_UNKNOWN_FIELDS} more unknown fields are not listed` });
  return listed;
}

function walk(schema: KubernetesFieldSchema, value: unknown, type: FieldType, path: string, found: FieldError[]): void {
  switch (type.kind) {
    case 'leaf':
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, index) => walk(schema, item, type.items, `${path}[${index}]`, found));
      return;
    case 'map':
      if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) walk(schema, item, type.values, mapKeyPath(path, key), found);
      return;
    case 'object': {
      if (!isJsonObject(value)) return;
      const fields = schema.fieldsOf(type.model);
      for (const [key, item] of Object.entries(value)) {
        const fieldType = fields.get(key);
        const fieldPath = path === '' ? key : `${path}.${key}`;
        if (fieldType === undefined) found.push({ path: fieldPath, message: unknownFieldMessage(key, [...fields.keys()]) });
        else walk(schema, item, fieldType, fieldPath, found);
      }
    }
  }
}

function unknownFieldMessage(field: string, declared: readonly string[]): string {
  const hint = closestName(field, declared);
  return `unknown field "${field}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
}
