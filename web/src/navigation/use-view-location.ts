/**
 * The view in the page's URL, kept in step with the browser's history: a
 * navigation pushes an entry (so back returns to the previous view), and
 * back/forward (popstate) bring the view of that entry back.
 */
import { useCallback, useEffect, useState } from 'react';
import { parseViewLocation, viewLocationSearch, type ViewLocation } from './view-location.js';

export type Navigate = (view: ViewLocation) => void;

export function useViewLocation(): [ViewLocation, Navigate] {
  const [view, setView] = useState(() => parseViewLocation(window.location.search));

  useEffect(() => {
    const restore = () => setView(parseViewLocation(window.location.search));
    window.addEventListener('popstate', restore);
    return () => window.removeEventListener('popstate', restore);
  }, []);

  const navigate = useCallback<Navigate>((next) => {
    const search = viewLocationSearch(next);
    if (search === window.location.search) return;
    window.history.pushState(null, '', `${window.location.pathname}${search}`);
    setView(parseViewLocation(search));
  }, []);

  return [view, navigate];
}
