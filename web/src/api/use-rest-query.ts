/**
 * Reads one REST resource when its path (or `refreshKey`) changes and keeps
 * the latest answer; a later request supersedes an earlier one still in
 * flight. No path: nothing is read.
 */
import { useEffect, useState } from 'react';
import { restRequest } from './rest-client.js';

export interface RestQueryState<TBody> {
  data: TBody | undefined;
  error: Error | undefined;
  loading: boolean;
}

export function useRestQuery<TBody>(path: string | undefined, refreshKey: string | number = 0): RestQueryState<TBody> {
  const [data, setData] = useState<TBody>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path !== undefined);

  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setLoading(true);
    setError(undefined);
    restRequest<TBody>(path)
      .then((answer) => current && setData(answer))
      .catch((failure: unknown) => current && setError(failure instanceof Error ? failure : new Error(String(failure))))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [path, refreshKey]);

  return { data, error, loading };
}
