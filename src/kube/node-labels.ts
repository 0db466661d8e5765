/** Node labels by node name, read from submitted objects (the objects are validated elsewhere; anything malformed is skipped here). */
import { isJsonObject } from './json-object.js';
import { flattenObjects } from './list-flattening.js';

export function nodeLabelsOfObjects(documents: readonly unknown[]): Map<string, Readonly<Record<string, string>>> {
  const labelsByNode = new Map<string, Readonly<Record<string, string>>>();
  for (const { object, kind } of flattenObjects([...documents], 'objects').entries) {
    if (kind !== 'Node' || !isJsonObject(object.metadata) || typeof object.metadata.name !== 'string') continue;
    const labels = isJsonObject(object.metadata.labels) ? object.metadata.labels : {};
    labelsByNode.set(object.metadata.name, Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));
  }
  return labelsByNode;
}
