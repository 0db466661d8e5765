/** OverlayMap (src/scheduling/model/overlay-map.ts): each map of a line keeps its own view; forks copy; folding keeps every entry. */
import { describe, expect, it } from 'vitest';
import { OverlayMap } from '../../../src/scheduling/model/overlay-map.js';

const base = (): Map<string, number> => new Map(Array.from({ length: 20 }, (_, index) => [`k${index}`, index]));
const entriesOf = (map: ReadonlyMap<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));

describe('OverlayMap', () => {
  it('each map of a line sees its own changes and none of the later ones', () => {
    const first = OverlayMap.over(base()).with([['k1', 100]]);
    const second = first.with([['k2', 200], ['new', 1]]);
    const third = second.with([['k1', 101]]);
    expect([first.get('k1'), first.get('k2'), first.has('new'), first.size]).toEqual([100, 2, false, 20]);
    expect([second.get('k1'), second.get('k2'), second.get('new'), second.size]).toEqual([100, 200, 1, 21]);
    expect([third.get('k1'), third.get('k2'), third.get('new'), third.size]).toEqual([101, 200, 1, 21]);
    expect(entriesOf(first.changes)).toEqual([['k1', 100]]);
    expect(entriesOf(second.changes)).toEqual([['k1', 100], ['k2', 200], ['new', 1]]);
    expect(entriesOf(third)).toEqual(entriesOf(new Map([...base(), ['k1', 101], ['k2', 200], ['new', 1]])));
  });

  it('a fork of an older map does not see, nor change, what its line set later', () => {
    const first = OverlayMap.over(base()).with([['k1', 100]]);
    const later = first.with([['k2', 200]]);
    const fork = first.with([['k3', 300]]);
    const forkOfFork = fork.with([['k1', 102]]);
    expect([fork.get('k1'), fork.get('k2'), fork.get('k3')]).toEqual([100, 2, 300]);
    expect([later.get('k1'), later.get('k2'), later.get('k3')]).toEqual([100, 200, 3]);
    expect([first.get('k2'), first.get('k3'), first.changes.size]).toEqual([2, 3, 1]);
    expect([forkOfFork.get('k1'), fork.get('k1'), forkOfFork.get('k3')]).toEqual([102, 100, 300]);
    // Extending the newest map of a line again after a fork took a copy.
    expect(later.with([['k4', 400]]).get('k4')).toBe(400);
    expect(later.get('k4')).toBe(4);
  });

  it('folds its changes into a new base once they pass a quarter of it, keeping every entry', () => {
    let map = OverlayMap.over(base());
    for (let index = 0; index < 6; index++) map = map.with([[`k${index}`, -index]]);
    expect(map.changes.size).toBe(0);
    expect(map.base.size).toBe(20);
    expect(entriesOf(map)).toEqual(entriesOf(new Map([...base(), ...Array.from({ length: 6 }, (_, index) => [`k${index}`, -index] as const)])));
  });
});
