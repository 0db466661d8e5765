/**
 * A read-only map that is a shared base plus a few replaced or added
 * entries: what a plan's assumed bindings change in the storage catalog
 * (a handful of claims and PVs) without copying the tens of thousands it
 * leaves alone. `with` returns a new map; neither map is ever changed.
 *
 * The replaced entries live in a store shared along one line of maps, each
 * entry tagged with the revision that set it; a map reads its base and the
 * entries of its revision or older. Extending the newest map of a line
 * appends to the store (a plan's replicas bind one claim after another, so
 * a plan of n replicas costs n appends, not n copies of a growing change
 * set); extending an older one (a fork) copies the entries it sees into a
 * store of its own.
 */

/** The entries set over one base, along one line of maps: per key, the values in the order of the revisions that set them. */
class ChangeStore<K, V> {
  readonly revisionsOf = new Map<K, number[]>();
  readonly valuesOf = new Map<K, V[]>();
  /** The revision of the newest map of the line: only that one appends. */
  latest = 0;

  set(key: K, value: V, revision: number): void {
    const revisions = this.revisionsOf.get(key);
    if (revisions === undefined) {
      this.revisionsOf.set(key, [revision]);
      this.valuesOf.set(key, [value]);
      return;
    }
    const values = this.valuesOf.get(key)!;
    if (revisions[revisions.length - 1] === revision) values[values.length - 1] = value;
    else {
      revisions.push(revision);
      values.push(value);
    }
  }

  /** Position in the key's lists of the newest value a map of `revision` sees; -1: none (the base's). */
  position(key: K, revision: number): number {
    const revisions = this.revisionsOf.get(key);
    if (revisions === undefined) return -1;
    let position = revisions.length - 1;
    while (position >= 0 && revisions[position]! > revision) position--;
    return position;
  }
}

/** The entries a map of `revision` sees in a store: what it changes over its base. */
class ChangesView<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly store: ChangeStore<K, V>,
    private readonly revision: number,
  ) {}

  get size(): number {
    if (this.revision === this.store.latest) return this.store.revisionsOf.size;
    let size = 0;
    for (const revisions of this.store.revisionsOf.values()) if (revisions[0]! <= this.revision) size++;
    return size;
  }

  get(key: K): V | undefined {
    const position = this.store.position(key, this.revision);
    return position === -1 ? undefined : this.store.valuesOf.get(key)![position];
  }

  has(key: K): boolean {
    return this.store.position(key, this.revision) !== -1;
  }

  *entries(): MapIterator<[K, V]> {
    for (const key of this.store.revisionsOf.keys()) {
      const position = this.store.position(key, this.revision);
      if (position !== -1) yield [key, this.store.valuesOf.get(key)![position]!];
    }
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

export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  /** The entries set over the base: replaced or added. */
  readonly changes: ReadonlyMap<K, V>;

  private constructor(
    /** The shared map underneath (indexes built over it serve every overlay on it). */
    readonly base: ReadonlyMap<K, V>,
    private readonly store: ChangeStore<K, V>,
    private readonly revision: number,
  ) {
    this.changes = new ChangesView(store, revision);
  }

  static over<K, V>(base: ReadonlyMap<K, V>): OverlayMap<K, V> {
    return base instanceof OverlayMap ? base : new OverlayMap(base, new ChangeStore(), 0);
  }

  /** This map with `entries` set; the changes are folded into a new base once they outgrow a quarter of it. */
  with(entries: Iterable<readonly [K, V]>): OverlayMap<K, V> {
    let store = this.store;
    let revision = this.revision + 1;
    if (this.revision !== store.latest) {
      // A fork of an older map: its line starts over from what it sees.
      store = new ChangeStore();
      for (const [key, value] of this.changes) store.set(key, value, 0);
      revision = 1;
    }
    for (const [key, value] of entries) store.set(key, value, revision);
    store.latest = revision;
    if (store.revisionsOf.size * 4 > this.base.size) {
      const folded = new Map(this.base);
      for (const [key, value] of new ChangesView(store, revision)) folded.set(key, value);
      return new OverlayMap(folded, new ChangeStore(), 0);
    }
    return new OverlayMap(this.base, store, revision);
  }

  get size(): number {
    let added = 0;
    for (const key of this.changes.keys()) if (!this.base.has(key)) added++;
    return this.base.size + added;
  }

  get(key: K): V | undefined {
    const position = this.store.position(key, this.revision);
    return position === -1 ? this.base.get(key) : this.store.valuesOf.get(key)![position];
  }

  has(key: K): boolean {
    return this.store.position(key, this.revision) !== -1 || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) {
      const position = this.store.position(key, this.revision);
      yield [key, position === -1 ? value : this.store.valuesOf.get(key)![position]!];
    }
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
