/**
 * Per-pod scratch space shared between a plugin's extension points within one
 * scheduling cycle (upstream fwk.CycleState): PreFilter writes what Filter
 * reads for every node, PreScore writes what Score reads.
 */
export class CycleState {
  private readonly data = new Map<string, unknown>();

  write<T>(key: string, value: T): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T {
    const value = this.data.get(key);
    // One lookup on the hot path (Score reads its state for every node); `has` only tells a stored undefined from none.
    if (value === undefined && !this.data.has(key)) throw new Error(`cycle state has no "${key}"; its PreFilter/PreScore did not run`);
    return value as T;
  }

  readOptional<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  has(key: string): boolean {
    return this.data.has(key);
  }

  /** A copy for what-if evaluation of one node (preemption's dry runs); values must be treated as immutable or cloned by their plugin. */
  clone(): CycleState {
    const copy = new CycleState();
    for (const [key, value] of this.data) {
      const cloneable = value as { clone?: () => unknown } | undefined;
      copy.data.set(key, typeof cloneable?.clone === 'function' ? cloneable.clone() : value);
    }
    return copy;
  }
}
