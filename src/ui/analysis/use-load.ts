import { useEffect, useState } from 'react';
import { errorText } from '../cases/case-client';

export type Load<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'failed'; error: string };

/** Runs `load` when `key` changes; a result that arrives after a newer request is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Load<T> {
  const [state, setState] = useState<{ key: string; load: Load<T> }>({ key, load: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    setState({ key, load: { status: 'loading' } });
    load().then(
      (value) => live && setState({ key, load: { status: 'done', value } }),
      (e: unknown) => live && setState({ key, load: { status: 'failed', error: errorText(e) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `key` says when what it loads changes.
  }, [key]);
  return state.key === key ? state.load : { status: 'loading' };
}
