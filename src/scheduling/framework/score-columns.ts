/**
 * Score columns reused from cycle to cycle: allocating two or three 5,000-entry
 * Float64Arrays per score plugin per pod (raw, normalised, totals) made each
 * distinct pod's cycle allocate about 0.4 MB outside the heap, and the
 * collector's share of a distinct-pod plan was about a tenth (issue 14).
 * A slot's buffer grows to the largest node count seen and is handed out as a
 * view of the length asked for.
 */
export class ScoreColumns {
  private readonly buffers: Float64Array[] = [];

  /** Slot `slot`'s buffer as a column of `length` entries, with whatever the previous cycle left in it. */
  column(slot: number, length: number): Float64Array {
    let buffer = this.buffers[slot];
    if (buffer === undefined || buffer.length < length) buffer = this.buffers[slot] = new Float64Array(length);
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }
}
