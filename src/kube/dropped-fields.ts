/**
 * Tally of what stripping removed, in aggregate (`metadata.managedFields: 312`),
 * so an import can say what it threw away without listing every object.
 */
import { isJsonObject, type JsonObject } from './json-object.js';

export class DroppedFields {
  private readonly counts = new Map<string, number>();

  /**
   * Copies the `kept` fields of `source` that are present and counts every
   * other field under `prefix` (e.g. `spec.containers`).
   */
  pick(source: unknown, kept: readonly string[], prefix: string): JsonObject {
    const result: JsonObject = {};
    if (!isJsonObject(source)) return result;
    for (const [field, value] of Object.entries(source)) {
      if (kept.includes(field)) {
        if (value !== undefined && value !== null) result[field] = value;
      } else {
        this.count(prefix === '' ? field : `${prefix}.${field}`);
      }
    }
    return result;
  }

  count(field: string, by = 1): void {
    this.counts.set(field, (this.counts.get(field) ?? 0) + by);
  }

  /** Sorted by field, so the same input always reports the same object. */
  toRecord(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
  }
}
