/**
 * Runs one GraphQL query when its variables (or `refreshKey`) change and
 * keeps the latest answer; a later request supersedes an earlier one still
 * in flight.
 */
import { useEffect, useState } from 'react';
import { graphqlRequest } from './graphql-client.js';

export interface QueryState<TData> {
  data: TData | undefined;
  error: Error | undefined;
  loading: boolean;
}

export function useGraphQLQuery<TData>(query: string, variables: Record<string, unknown>, refreshKey = 0): QueryState<TData> {
  const [data, setData] = useState<TData>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    graphqlRequest<TData>(query, JSON.parse(variablesKey) as Record<string, unknown>)
      .then((answer) => current && setData(answer))
      .catch((failure: unknown) => current && setError(failure instanceof Error ? failure : new Error(String(failure))))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [query, variablesKey, refreshKey]);

  return { data, error, loading };
}
