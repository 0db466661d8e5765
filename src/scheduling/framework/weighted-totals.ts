/**
 * The last steps of upstream runtime/framework.go RunScorePlugins: each
 * plugin's normalised scores checked against [MinNodeScore, MaxNodeScore],
 * multiplied by the plugin's weight and summed per node.
 *
 * Upstream checks and sums node by node once every plugin has normalised;
 * podplan reports the first invalid score in profile order, then node order
 * (a plugin's check used to follow its NormalizeScore, and an earlier
 * plugin's invalid score is still reported before a later plugin's error).
 * Columns are collected as plugins finish and summed column by column (one
 * pass per column: faster than one pass over the nodes reading every
 * column), each node's parts added in profile order from 0 as before, so
 * every total is the same double. A column whose nodes share one value (a
 * uniform node-static score) is a constant: checked when added, never read
 * per node, and folded into the start of every total when it leads.
 */
import { MAX_NODE_SCORE, MIN_NODE_SCORE } from './interfaces.js';
import { PluginError } from './status.js';

function invalidScore(plugin: string, value: number): PluginError {
  return new PluginError(
    `plugin "${plugin}" returns an invalid score ${value}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
  );
}

function outOfRange(value: number): boolean {
  return value > MAX_NODE_SCORE || value < MIN_NODE_SCORE;
}

/** The weighted columns of one cycle, in profile order; reused from cycle to cycle (start). */
export class WeightedTotals {
  private readonly plugins: string[] = [];
  /** null: a constant column, its weighted value in `parts`. */
  private readonly columns: (Float64Array | null)[] = [];
  private readonly weights: number[] = [];
  private readonly parts: number[] = [];
  private size = 0;

  /** Forgets the previous cycle's columns. */
  start(): void {
    // Dropping the references lets the previous cycle's column views go.
    for (let index = 0; index < this.size; index++) this.columns[index] = null;
    this.size = 0;
  }

  /** A plugin's normalised column (aligned with the scored nodes): checked in `sumInto` or `throwFirstInvalid`. */
  addColumn(plugin: string, normalized: Float64Array, weight: number): void {
    const at = this.size++;
    this.plugins[at] = plugin;
    this.columns[at] = normalized;
    this.weights[at] = weight;
    this.parts[at] = 0;
  }

  /** A plugin whose normalised score is `value` on every scored node: checked now, as its column would have been. */
  addConstant(plugin: string, value: number, weight: number): void {
    if (outOfRange(value)) {
      this.throwFirstInvalid();
      throw invalidScore(plugin, value);
    }
    const at = this.size++;
    this.plugins[at] = plugin;
    this.columns[at] = null;
    this.weights[at] = weight;
    this.parts[at] = value * weight;
  }

  /**
   * Throws the range error of the first column added (profile order) with a
   * score outside [0, 100], naming its first such node's score; returns when
   * every column is in range. Called before another error of a later plugin
   * surfaces, which the check of an earlier plugin used to pre-empt.
   */
  throwFirstInvalid(): void {
    for (let at = 0; at < this.size; at++) {
      const column = this.columns[at];
      if (column === null) continue;
      for (let index = 0; index < column.length; index++) {
        if (outOfRange(column[index])) throw invalidScore(this.plugins[at], column[index]);
      }
    }
  }

  /** Writes each node's weighted sum into `totals` (its first `count` entries), or throws the first range error. */
  sumInto(totals: Float64Array, count: number): void {
    const { columns, weights, parts, size } = this;
    // Leading constants are the same start for every node (0 plus each, in order).
    let at = 0;
    let start = 0;
    while (at < size && columns[at] === null) start += parts[at++];
    let invalid = false;
    if (at === size) totals.fill(start, 0, count);
    let first = true;
    for (; at < size; at++) {
      const column = columns[at];
      if (column === null) {
        // Adding +0 changes no total (none is -0: each starts from +0), so a part of 0 costs nothing.
        const part = parts[at];
        if (part !== 0) for (let index = 0; index < count; index++) totals[index] += part;
        continue;
      }
      const weight = weights[at];
      if (first) {
        // The first column writes every total (the previous cycle's values are overwritten, never read).
        for (let index = 0; index < count; index++) {
          const value = column[index];
          if (value > MAX_NODE_SCORE || value < MIN_NODE_SCORE) invalid = true;
          totals[index] = start + value * weight;
        }
        first = false;
        continue;
      }
      for (let index = 0; index < count; index++) {
        const value = column[index];
        if (value > MAX_NODE_SCORE || value < MIN_NODE_SCORE) invalid = true;
        totals[index] += value * weight;
      }
    }
    if (invalid) this.throwFirstInvalid();
  }
}
