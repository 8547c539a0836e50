import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, request } from '../api/client';
import type { TypedDocumentString } from '../api/generated';

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(String((error as Error)?.message ?? error), 'INTERNAL');
}

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs a query when its variables change; keeps the last data while reloading. */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TResult> {
  const [data, setData] = useState<TResult>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(variables);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const result = await request(document, ...([JSON.parse(key)] as never));
      if (mine === generation.current) {
        setData(result);
        setError(undefined);
      }
    } catch (e) {
      if (mine === generation.current) setError(asApiError(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [document, key]);

  useEffect(() => {
    if (!options.skip) void load();
  }, [load, options.skip]);

  return { data, error, loading, reload: load };
}

export interface MutationState<TResult, TVariables> {
  run: (variables: TVariables) => Promise<TResult | undefined>;
  error: ApiError | undefined;
  loading: boolean;
  reset: () => void;
}

/** A mutation whose error stays in state (for field messages) instead of being thrown. */
export function useMutation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): MutationState<TResult, TVariables> {
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const run = useCallback(
    async (variables: TVariables) => {
      setLoading(true);
      setError(undefined);
      try {
        return await request(document, ...([variables] as never));
      } catch (e) {
        setError(asApiError(e));
        return undefined;
      } finally {
        setLoading(false);
      }
    },
    [document],
  );
  return { run, error, loading, reset: () => setError(undefined) };
}
