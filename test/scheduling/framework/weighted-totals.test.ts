/**
 * The weighted sum of RunScorePlugins (framework/weighted-totals.ts): every
 * total is the same double as adding each plugin's weighted score in
 * profile order from 0, constants included wherever they stand; the range
 * error names the first invalid score in profile order, then node order.
 */
import { describe, expect, it } from 'vitest';
import { PluginError } from '../../../src/scheduling/framework/status.js';
import { WeightedTotals } from '../../../src/scheduling/framework/weighted-totals.js';

type Part = { readonly plugin: string; readonly weight: number } & ({ readonly column: readonly number[] } | { readonly constant: number });

/** The sum as runScoring did it plugin by plugin. */
function reference(parts: readonly Part[], count: number): number[] {
  const totals = new Array<number>(count).fill(0);
  for (const part of parts) {
    for (let index = 0; index < count; index++) totals[index] += ('column' in part ? part.column[index] : part.constant) * part.weight;
  }
  return totals;
}

function sum(parts: readonly Part[], count: number): number[] {
  const weighted = new WeightedTotals();
  // A previous cycle's columns are forgotten.
  weighted.addColumn('stale', Float64Array.of(1, 1, 1), 5);
  weighted.start();
  for (const part of parts) {
    if ('column' in part) weighted.addColumn(part.plugin, Float64Array.from(part.column), part.weight);
    else weighted.addConstant(part.plugin, part.constant, part.weight);
  }
  const totals = new Float64Array(count).fill(Number.NaN);
  weighted.sumInto(totals, count);
  return Array.from(totals);
}

const column = (plugin: string, weight: number, values: number[]): Part => ({ plugin, weight, column: values });
const constant = (plugin: string, weight: number, value: number): Part => ({ plugin, weight, constant: value });

describe('WeightedTotals', () => {
  it.each([
    { name: 'no plugins', parts: [] },
    { name: 'only constants', parts: [constant('a', 3, 100), constant('b', 1, 7)] },
    { name: 'a leading constant', parts: [constant('a', 3, 100), column('b', 2, [10, 0, 55]), column('c', 1, [1, 2, 3])] },
    { name: 'constants between and after columns', parts: [column('a', 1, [10, 20, 30]), constant('b', 2, 50), column('c', 2, [0, 100, 1]), constant('d', 1, 0), constant('e', 1, 9)] },
    { name: 'fractional scores keep their order of addition', parts: [column('a', 1, [0.1, 0.7, 0.3]), constant('b', 1, 0.2), column('c', 3, [0.3, 0.1, 0.6])] },
  ])('$name', ({ parts }) => {
    expect(sum(parts, 3)).toEqual(reference(parts, 3));
  });

  it.each([
    { name: 'a column above 100', parts: [column('a', 1, [10, 101, 20])], message: 'plugin "a" returns an invalid score 101' },
    { name: 'a constant below 0', parts: [column('a', 1, [10, 10, 10]), constant('b', 1, -1)], message: 'plugin "b" returns an invalid score -1' },
    { name: 'the first plugin before a later node', parts: [column('a', 1, [10, 10, -3]), column('b', 1, [200, 10, 10])], message: 'plugin "a" returns an invalid score -3' },
    { name: 'an earlier column before a later constant', parts: [column('a', 1, [10, 150, 10]), constant('b', 1, 101)], message: 'plugin "a" returns an invalid score 150' },
  ])('$name', ({ parts, message }) => {
    expect(() => sum(parts, 3)).toThrow(PluginError);
    expect(() => sum(parts, 3)).toThrow(`${message}, it should in the range of [0, 100] after normalizing`);
  });

  it('throwFirstInvalid returns when every column is in range', () => {
    const weighted = new WeightedTotals();
    weighted.start();
    weighted.addColumn('a', Float64Array.of(0, 100), 1);
    expect(() => weighted.throwFirstInvalid()).not.toThrow();
  });
});
