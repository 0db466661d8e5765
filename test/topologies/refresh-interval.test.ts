/** Refresh intervals as Kubernetes settings write durations. */
import { describe, expect, it } from 'vitest';
import { formatRefreshInterval, parseRefreshInterval } from '../../src/topologies/sources/refresh-interval.js';

describe('refresh intervals', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['1h30m', 5400],
    ['24h', 86_400],
    ['1h0m5s', 3605],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseRefreshInterval(text)).toBe(seconds);
  });

  it.each(['', '0s', 'often', '15', '1m1h', '1.5h', '-1h', '1d'])('refuses %j', (text) => {
    expect(parseRefreshInterval(text)).toBeUndefined();
  });

  it.each([
    [45, '45s'],
    [900, '15m'],
    [5400, '1h30m'],
    [86_400, '24h'],
  ])('writes %i seconds as %s', (seconds, text) => {
    expect(formatRefreshInterval(seconds)).toBe(text);
    expect(parseRefreshInterval(text)).toBe(seconds);
  });
});
