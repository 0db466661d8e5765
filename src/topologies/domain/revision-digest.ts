/**
 * The digest of a revision's stored objects: SHA-256 over canonical JSON
 * (object keys sorted, undefined members left out as JSON.stringify leaves
 * them, arrays in their order). Two imports with equal digests store the
 * same objects — everything scheduling reads — so a refresh or re-import
 * with the latest revision's digest stores nothing. Array order counts: the
 * objects are kept in the order the cluster lists them.
 */
import { createHash, type Hash } from 'node:crypto';

export function revisionDigest(objects: unknown): string {
  const hash = createHash('sha256');
  writeCanonical(objects, hash);
  return `sha256:${hash.digest('hex')}`;
}

function writeCanonical(value: unknown, hash: Hash): void {
  if (value === null || typeof value !== 'object') {
    // Numbers, strings, booleans as JSON writes them; undefined, functions and symbols in arrays as null.
    hash.update(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    hash.update('[');
    value.forEach((item, index) => {
      if (index > 0) hash.update(',');
      writeCanonical(item, hash);
    });
    hash.update(']');
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof (record as { toJSON?: unknown }).toJSON === 'function') {
    writeCanonical((record as { toJSON: () => unknown }).toJSON(), hash);
    return;
  }
  hash.update('{');
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    if (!first) hash.update(',');
    first = false;
    hash.update(JSON.stringify(key));
    hash.update(':');
    writeCanonical(member, hash);
  }
  hash.update('}');
}
