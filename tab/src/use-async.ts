import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api';

export type Async<T> = { readonly state: 'loading' } | { readonly state: 'ready'; readonly value: T } | { readonly state: 'failed'; readonly error: ApiError };

/**
 * Runs `load` when the component mounts (and again on `retry`), aborting it when the component goes away.
 * `load` should be stable (module-level or wrapped in useCallback): a new function means a new load.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>): { result: Async<T>; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setResult({ state: 'ready', value });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setResult({ state: 'failed', error: toApiError(e) });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { result, retry };
}
