/**
 * The filter lists of a PreFilter outcome, by the pattern of PreFilter
 * plugins that returned Skip and that said their Filter passes every node
 * (upstream RunFilterPlugins leaves both out: SkipFilterPlugins, and the
 * plugins whose PreFilterResult covers every node). Building them per pod
 * (two Sets, a filtered copy of the profile's filters and four slices) was a
 * fixed cost of every distinct pod's cycle (issue 14); a profile sees few
 * patterns, so each is built once and shared by every pod that has it.
 * Nothing reads them as writable: they are never changed after they are built.
 */
import type { FilterPlugin, PreFilterPlugin } from './interfaces.js';

export interface FilterLists {
  /** The profile's filters minus the skipped and the passing ones. */
  readonly filters: readonly FilterPlugin[];
  /** Plugins whose PreFilter returned Skip (their PreFilter extensions do not run either). */
  readonly skipped: ReadonlySet<string>;
  /** Plugins whose PreFilter said their Filter passes every node this cycle. */
  readonly passing: ReadonlySet<string>;
  /** `filters` split where results may be memoised: the leading node-local filters, then the rest. */
  readonly localFilters: readonly FilterPlugin[];
  readonly otherFilters: readonly FilterPlugin[];
  /** `filters` split where node-static results apply: the leading filters with a staticFilterKey, then the rest. */
  readonly staticFilters: readonly FilterPlugin[];
  readonly dynamicFilters: readonly FilterPlugin[];
}

/** Patterns are numbers of two bit sets over the PreFilter plugins, exact below 2^53. */
const MAX_KEYED_PLUGINS = 26;
/** More patterns than a profile plausibly has: past this, lists are built per call rather than kept. */
const MAX_KEPT_PATTERNS = 1024;

export class FilterListsByPattern {
  private readonly kept = new Map<number, FilterLists>();

  constructor(
    private readonly preFilters: readonly PreFilterPlugin[],
    private readonly filters: readonly FilterPlugin[],
  ) {}

  /** The lists for a pattern: bit i of `skippedBits` / `passingBits` set when preFilters[i] skipped / passes every node. */
  lists(skippedBits: number, passingBits: number): FilterLists {
    if (this.preFilters.length > MAX_KEYED_PLUGINS) return this.build(skippedBits, passingBits);
    const key = skippedBits * 2 ** this.preFilters.length + passingBits;
    let lists = this.kept.get(key);
    if (lists === undefined) {
      lists = this.build(skippedBits, passingBits);
      if (this.kept.size < MAX_KEPT_PATTERNS) this.kept.set(key, lists);
    }
    return lists;
  }

  private build(skippedBits: number, passingBits: number): FilterLists {
    const skipped = new Set<string>();
    const passing = new Set<string>();
    for (let index = 0; index < this.preFilters.length; index++) {
      const bit = 2 ** index;
      if (Math.floor(skippedBits / bit) % 2 === 1) skipped.add(this.preFilters[index].name);
      if (Math.floor(passingBits / bit) % 2 === 1) passing.add(this.preFilters[index].name);
    }
    const filters = this.filters.filter((plugin) => !skipped.has(plugin.name) && !passing.has(plugin.name));
    // Only the node-local filters at the head of the pod's filters (those its PreFilters did not skip) are
    // memoised: their verdict is then the first failure in upstream's order whatever the later
    // (shared-state) filters say. A skipped shared-state filter (VolumeRestrictions for most pods) runs
    // nowhere, so it does not end the head.
    const firstShared = filters.findIndex((plugin) => !plugin.nodeLocal);
    const localCount = firstShared === -1 ? filters.length : firstShared;
    // Node-static verdicts are kept for the head of filters that read only the node object (node-static-results.ts).
    const firstDynamic = filters.findIndex((plugin) => plugin.staticFilterKey === undefined);
    const staticCount = firstDynamic === -1 ? filters.length : firstDynamic;
    return {
      filters,
      skipped,
      passing,
      localFilters: filters.slice(0, localCount),
      otherFilters: filters.slice(localCount),
      staticFilters: filters.slice(0, staticCount),
      dynamicFilters: filters.slice(staticCount),
    };
  }
}
