/** The viewer's URL of a view (web/src/navigation/view-location.ts), outside the browser. */
import { describe, expect, it } from 'vitest';
import { normaliseViewLocation, parseViewLocation, viewLocationSearch } from '../../web/src/navigation/view-location.js';

describe('view locations', () => {
  it('reads topology, plan, replica and compare from the query string', () => {
    expect(parseViewLocation('?topology=t1&plan=p1&replica=default%2Fweb-0&compare=p2')).toEqual({ topology: 't1', plan: 'p1', replica: 'default/web-0', compare: 'p2' });
  });

  it('writes them back in a fixed order, so one view has one URL', () => {
    const search = viewLocationSearch({ replica: 'default/web-0', compare: 'p2', plan: 'p1', topology: 't1' });
    expect(search).toBe('?topology=t1&plan=p1&replica=default%2Fweb-0&compare=p2');
    expect(parseViewLocation(search)).toEqual({ topology: 't1', plan: 'p1', replica: 'default/web-0', compare: 'p2' });
  });

  it('drops a part whose parent is missing or empty', () => {
    expect(parseViewLocation('?plan=p1&replica=default%2Fweb-0')).toEqual({});
    expect(parseViewLocation('?topology=t1&replica=default%2Fweb-0&compare=p2')).toEqual({ topology: 't1' });
    expect(normaliseViewLocation({ topology: '', plan: 'p1' })).toEqual({});
  });

  it('gives the start page no query string at all', () => {
    expect(viewLocationSearch({})).toBe('');
    expect(parseViewLocation('')).toEqual({});
  });
});
