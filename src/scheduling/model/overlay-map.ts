/**
 * A read-only map that is a shared base plus a few replaced or added
 * entries: what a plan's assumed bindings change in the storage catalog
 * (a handful of claims and PVs) without copying the tens of thousands it
 * leaves alone. `with` returns a new map; neither map is ever changed.
 */
export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    /** The shared map underneath (indexes built over it serve every overlay on it). */
    readonly base: ReadonlyMap<K, V>,
    /** The entries set over the base: replaced or added. */
    readonly changes: ReadonlyMap<K, V>,
  ) {}

  static over<K, V>(base: ReadonlyMap<K, V>): OverlayMap<K, V> {
    return base instanceof OverlayMap ? base : new OverlayMap(base, new Map());
  }

  /** This map with `entries` set; the changes are folded into a new base once they outgrow a quarter of it. */
  with(entries: Iterable<readonly [K, V]>): OverlayMap<K, V> {
    const changes = new Map(this.changes);
    for (const [key, value] of entries) changes.set(key, value);
    if (changes.size * 4 > this.base.size) return new OverlayMap(new Map([...this.base, ...changes]), new Map());
    return new OverlayMap(this.base, changes);
  }

  get size(): number {
    let added = 0;
    for (const key of this.changes.keys()) if (!this.base.has(key)) added++;
    return this.base.size + added;
  }

  get(key: K): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.changes.has(key) || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.changes.has(key) ? (this.changes.get(key) as V) : value];
    for (const [key, value] of this.changes) if (!this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
