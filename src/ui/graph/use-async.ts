import { useEffect, useState } from 'react';
import { errorText } from '../cases/case-client';

export type Async<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; message: string };

/** Runs `load` whenever `key` changes; answers to an older key are dropped (no out-of-order results). */
export function useAsync<T>(key: string, load: () => Promise<T>): Async<T> {
  const [result, setResult] = useState<{ key: string; value: Async<T> }>({ key, value: { state: 'loading' } });
  useEffect(() => {
    let live = true;
    setResult({ key, value: { state: 'loading' } });
    load().then(
      (value) => live && setResult({ key, value: { state: 'done', value } }),
      (e: unknown) => live && setResult({ key, value: { state: 'error', message: errorText(e) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `key` says when it asks something else.
  }, [key]);
  return result.key === key ? result.value : { state: 'loading' };
}
